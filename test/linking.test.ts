import { describe, expect, it } from 'vitest';
import { adapterTable, inventoryOf } from './helpers/inventory';

/** Cross-file linking: names and tools followed through imports, re-exports and variables. */
adapterTable('linking across files', [
  {
    name: 'a tool name from a const imported from a constants module, via an aliased re-export',
    files: {
      'src/names.ts': `export const TOOL_NAMES = { refund: 'refund_order' } as const;\nexport const LOOKUP = 'lookup_order';`,
      'src/constants.ts': `export { TOOL_NAMES as NAMES, LOOKUP } from './names';`,
      'src/tools.ts': `import { tool } from '@openai/agents';\nimport { NAMES, LOOKUP } from './constants';\nexport const refund = tool({ name: NAMES.refund, description: '', parameters: {} as any, execute: async () => '' });\nexport const lookup = tool({ name: LOOKUP, description: '', parameters: {} as any, execute: async () => '' });`,
    },
    expected: { tools: ['refund_order', 'lookup_order'] },
  },
  {
    name: 'a tools array exported from one file, spread into an agent in another',
    files: {
      'src/toolset.ts': `import { tool } from '@langchain/core/tools';\nconst a = tool(async () => '', { name: 'alpha', description: '' });\nconst b = tool(async () => '', { name: 'beta', description: '' });\nexport default [a, b];`,
      'src/agent.ts': `import { createAgent } from 'langchain';\nimport toolset from './toolset';\nimport { tool } from '@langchain/core/tools';\nconst c = tool(async () => '', { name: 'gamma', description: '' });\nexport const agent = createAgent({ model: 'openai:gpt-5', tools: [...toolset, c], name: 'abc' });`,
    },
    expected: { tools: ['gamma', 'alpha', 'beta'], agents: { abc: { tools: ['alpha', 'beta', 'gamma'] } } },
  },
  {
    name: 'AI SDK tools from a namespace import with Object.values… and a map spread',
    files: {
      'src/tools/index.ts': `import { tool } from 'ai';\nexport const search = tool({ description: '', inputSchema: {} as any, execute: async () => 1 });\nexport const summarize = tool({ description: '', inputSchema: {} as any, execute: async () => 1 });`,
      'src/agent.ts': `import { ToolLoopAgent } from 'ai';\nimport * as toolkit from './tools';\nexport const agent = new ToolLoopAgent({ model: {} as any, instructions: '', tools: { ...toolkit } });`,
    },
    expected: { tools: ['search', 'summarize'], agents: { agent: { tools: ['search', 'summarize'] } } },
  },
  {
    name: 'an MCP server subclass registering in its constructor',
    files: `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
export class NotesServer extends McpServer {
  constructor() {
    super({ name: 'notes', version: '1' });
    this.registerTool('add_note', {}, async () => ({ content: [] }));
  }
}`,
    expected: { tools: ['add_note'], agents: { notes: { tools: ['add_note'] } } },
  },
]);

describe('linking: cycles and unresolvable imports stay bounded', () => {
  it('an import cycle between two files terminates and reports the unresolved name as dynamic', () => {
    const inv = inventoryOf({
      'src/a.ts': `import { tool } from '@openai/agents';\nimport { NAME } from './b';\nexport const A = NAME;\nexport const t = tool({ name: NAME, description: '', parameters: {} as any, execute: async () => '' });`,
      'src/b.ts': `import { A } from './a';\nexport const NAME = A;`,
    });
    expect(inv.tools).toHaveLength(1);
    expect(inv.tools[0]!.dynamic).toMatch(/name computed at run time/);
  });
});

describe('linking through tsconfig paths', () => {
  it('a tool imported through a `paths` alias and a capability in a helper behind another alias', () => {
    const inv = inventoryOf({
      'tsconfig.json': `{\n  // JSONC, as tsc reads it\n  "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["src/*"], "#db": ["src/db/index.ts"] } },\n}`,
      'src/db/index.ts': `import pg from 'pg';\nconst pool = new pg.Pool();\nexport async function purge(id: string) { return pool.query('DELETE FROM orders WHERE id = $1', [id]); }`,
      'src/tools/purge.ts': `import { tool } from 'ai';\nimport { purge } from '#db';\nexport const purgeOrder = tool({ description: '', inputSchema: {} as any, execute: async ({ id }: { id: string }) => purge(id) });`,
      'src/agent.ts': `import { generateText } from 'ai';\nimport { purgeOrder } from '@/tools/purge';\nexport const run = () => generateText({ model: {} as any, prompt: '', tools: { purge_order: purgeOrder } });`,
    });
    expect(inv.agents.find((a) => a.name === 'run')?.tools).toEqual(['purge_order']);
    expect(inv.tools[0]!.capabilities[0]).toMatchObject({
      capability: 'db:delete',
      tier: 'critical',
      detail: 'DELETE FROM orders',
    });
  });
});
