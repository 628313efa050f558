import { describe, expect, it } from 'vitest';
import { OwnerResolver } from '../../server/src/analyzer/owners';
import { assignOwners } from '../../server/src/enrich/owners';
import { agentNamed, linkFiles, toolNamed } from '../helpers/link';

const resolver = (configOwners: Record<string, string> = {}) =>
  new OwnerResolver({ cwd: '/virtual', configDir: '/virtual', configOwners });

describe('assignOwners', () => {
  it('takes the definition’s own @owner first', () => {
    const g = linkFiles({
      'src/tools.ts': `/** @owner team-file */\nimport { tool } from 'ai';\n/** @owner team-search */\nexport const search = tool({ description: '', inputSchema: {} as any, execute: async () => 1 });`,
    });
    assignOwners(g, resolver({ 'src/**': 'team-config' }));
    expect(toolNamed(g, 'search')).toMatchObject({ owner: 'team-search', ownerSource: 'annotation' });
  });

  it('then the file-level @owner', () => {
    const g = linkFiles({
      'src/tools.ts': `/** @owner team-file */\nimport { tool } from 'ai';\nexport const search = tool({ description: '', inputSchema: {} as any, execute: async () => 1 });`,
    });
    assignOwners(g, resolver({ 'src/**': 'team-config' }));
    expect(toolNamed(g, 'search')).toMatchObject({ owner: 'team-file', ownerSource: 'file' });
  });

  it('then the config’s owners globs, naming the glob', () => {
    const g = linkFiles({
      'src/agents/support.ts': `import { Agent } from '@openai/agents';\nexport const support = new Agent({ name: 'support' });`,
    });
    assignOwners(g, resolver({ 'src/agents/**': 'team-support' }));
    expect(agentNamed(g, 'support')).toMatchObject({
      owner: 'team-support',
      ownerSource: 'config',
      ownerRule: 'src/agents/** → team-support',
    });
  });

  it('leaves an identity nobody claims without an owner', () => {
    const g = linkFiles({
      'src/agents/support.ts': `import { Agent } from '@openai/agents';\nexport const support = new Agent({ name: 'support' });`,
    });
    assignOwners(g, resolver());
    expect(agentNamed(g, 'support').owner).toBeUndefined();
  });
});
