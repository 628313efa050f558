import { describe, expect, it } from 'vitest';
import { decideApproval } from '../../server/src/enrich/approval';
import { linkFiles, toolNamed } from '../helpers/link';

const decided = (files: Record<string, string>) => {
  const g = linkFiles(files);
  decideApproval(g);
  return g;
};

describe('decideApproval', () => {
  it('@approval required on the definition', () => {
    const g = decided({
      'src/t.ts': `import { tool } from 'ai';\n/** @approval required */\nexport const pay = tool({ description: '', inputSchema: {} as any, execute: async () => 1 });`,
    });
    expect(toolNamed(g, 'pay').approval).toEqual({ source: 'annotation', detail: '@approval required' });
  });

  it('the framework’s own gate on the tool', () => {
    const g = decided({
      'src/t.ts': `import { tool } from 'ai';\nexport const pay = tool({ description: '', inputSchema: {} as any, needsApproval: true, execute: async () => 1 });`,
    });
    expect(toolNamed(g, 'pay').approval).toEqual({ source: 'framework', detail: 'needsApproval: true' });
  });

  it('a prompt for approval inside the tool’s code', () => {
    const g = decided({
      'src/t.ts': `import { tool } from '@langchain/core/tools';\nimport { interrupt } from '@langchain/langgraph';
export const pay = tool(async () => { const ok = interrupt({ question: 'pay?' }); return ok; }, { name: 'pay', description: '' });`,
    });
    expect(toolNamed(g, 'pay').approval).toEqual({ source: 'code', detail: 'asks for approval in code (src/t.ts:3)' });
  });

  it('the setting of every agent exposing the tool', () => {
    const g = decided({
      'src/t.ts': `import { generateText, tool } from 'ai';
export const pay = tool({ description: '', inputSchema: {} as any, execute: async () => 1 });
export const run = () => generateText({ model: {} as any, prompt: '', tools: { pay }, toolApproval: { pay: 'always' } });`,
    });
    expect(toolNamed(g, 'pay').approval?.source).toBe('framework');
  });

  it('a setting that always approves is a note, not a gate', () => {
    const g = decided({
      'src/t.ts': `import { tool } from 'ai';\nexport const pay = tool({ description: '', inputSchema: {} as any, needsApproval: () => false, execute: async () => 1 });`,
    });
    expect(toolNamed(g, 'pay').approval).toBeUndefined();
  });

  it('no gate anywhere', () => {
    const g = decided({
      'src/t.ts': `import { tool } from 'ai';\nexport const pay = tool({ description: '', inputSchema: {} as any, execute: async () => 1 });`,
    });
    expect(toolNamed(g, 'pay').approval).toBeUndefined();
    expect(toolNamed(g, 'pay').approvalNote).toBeUndefined();
  });
});
