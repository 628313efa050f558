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

  it('then, for a tool, the @owner written on an agent or server that exposes it, before the config', () => {
    const g = linkFiles({
      'src/tools/lookup.ts': `import { tool } from 'ai';\nexport const lookup = tool({ description: '', inputSchema: {} as any, execute: async () => 1 });`,
      'src/agents/support.ts': `import { ToolLoopAgent } from 'ai';
import { lookup } from '../tools/lookup';
/**
 * @owner team-support
 * @scope orders:read
 */
export const support = new ToolLoopAgent({ id: 'support', model: 'openai/gpt-5', tools: { lookup } });`,
    });
    assignOwners(g, resolver({ 'src/tools/**': 'team-platform' }));
    expect(toolNamed(g, 'lookup')).toMatchObject({
      owner: 'team-support',
      ownerSource: 'agent',
      ownerRule: 'support',
      // The agent's scopes cover the tools that have none of their own.
      scopes: ['orders:read'],
      scopeSource: 'agent',
    });
  });

  it('a tool’s own @scope is not replaced by its agent’s', () => {
    const g = linkFiles({
      'src/agent.ts': `import { ToolLoopAgent, tool } from 'ai';
/** @scope orders:write */
const cancel = tool({ description: '', inputSchema: {} as any, execute: async () => 1 });
/** @scope orders:read */
export const support = new ToolLoopAgent({ id: 'support', model: 'openai/gpt-5', tools: { cancel } });`,
    });
    assignOwners(g, resolver());
    expect(toolNamed(g, 'cancel')).toMatchObject({ scopes: ['orders:write'] });
    expect(toolNamed(g, 'cancel').scopeSource).toBeUndefined();
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
