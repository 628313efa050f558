import { ruleTester } from '../helpers/rule-tester';

const msg = (name: string, risk = 'medium') => `Tool '${name}' (${risk} risk) has no declared scope.`;

ruleTester('unscoped-tool', {
  valid: [
    {
      name: 'a read-only lookup needs no scope',
      code: `import { tool } from 'ai';
export const add = tool({ description: 'add', inputSchema: {} as any, execute: async ({ a, b }: any) => a + b });`,
    },
    {
      name: 'scopes written on an MCP server cover the tools it exposes',
      code: `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
/** @scope network:egress */
const server = new McpServer({ name: 's', version: '1' });
server.registerTool('fetch_page', { description: 'Fetch' }, async ({ url }: any) => ({ content: [{ type: 'text', text: await (await fetch(url)).text() }] }));`,
    },
    {
      name: 'test code is left out',
      filename: 'src/__tests__/tools.ts',
      code: `import { tool } from 'ai';
export const get = tool({ description: '', inputSchema: {} as any, execute: async () => fetch('https://a.example') });`,
    },
    {
      name: 'a tool whose risk rests on its name alone is asked about approval, not a scope (MCP ListTools entry)',
      code: `import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
const server = new Server({ name: 's', version: '1' }, { capabilities: { tools: {} } });
server.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: [{ name: 'delete_customer', description: 'Delete a customer', inputSchema: { type: 'object' } }],
}));`,
    },
    {
      name: 'AI SDK tool with @scope on its variable',
      code: `import { tool } from 'ai';
/** @scope orders:read */
export const lookup = tool({ description: 'x', inputSchema: {} as any, execute: async () => 1 });`,
    },
    {
      name: 'file-level @scope applies to every tool in the file',
      code: `/** @scope kb:read */
import { tool } from '@openai/agents';
export const a = tool({ name: 'a', description: '', parameters: {} as any, execute: async () => '' });
export const b = tool({ name: 'b', description: '', parameters: {} as any, execute: async () => '' });`,
    },
    {
      name: '@scope above an MCP registerTool statement',
      code: `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
const server = new McpServer({ name: 's', version: '1' });
/** @scope repo:write */
server.registerTool('push', { description: 'Push' }, async () => ({ content: [] }));`,
    },
    {
      name: 'hosted tools run at the provider and carry no scope of ours',
      code: `import { Agent, webSearchTool } from '@openai/agents';
/** @owner t @revocation flag */
export const a = new Agent({ name: 'a', tools: [webSearchTool()] });`,
    },
    {
      name: 'a local function named tool is not an SDK tool',
      code: `function tool(def: object) { return def; }
export const t = tool({ description: 'not an agent tool' });`,
    },
    {
      name: 'a file with no agent SDK import yields nothing',
      code: `import { tool } from './my-own-helpers';
export const t = tool({ name: 'x', execute: async () => 1 });`,
    },
    {
      name: 'a commented-out definition is not a definition',
      code: `import { tool } from 'ai';
// export const t = tool({ description: 'x', inputSchema: {} as any, execute: async () => 1 });
/* const u = tool({ description: 'y' }); */`,
    },
    {
      name: 'suppressed on the line above the definition, with a reason',
      code: `import { tool } from 'ai';
// agent-warden-ignore-next-line unscoped-tool -- pure computation
export const add = tool({ description: 'add', inputSchema: {} as any, execute: async () => 1 });`,
    },
  ],
  invalid: [
    {
      name: 'AI SDK tool named by its registration key',
      code: `import { generateText, tool } from 'ai';
const weather = tool({ description: 'Weather', inputSchema: {} as any, execute: async () => fetch('https://wx.example/now') });
export const run = () => generateText({ model: 'm' as any, tools: { get_weather: weather }, prompt: 'x' });`,
      errors: [{ message: msg('get_weather'), line: 2, column: 7 }],
    },
    {
      name: 'OpenAI Agents tool: reported at its name',
      code: `import { tool } from '@openai/agents';
export const t = tool({
  name: 'Billing status checker',
  description: '',
  parameters: {} as any,
  execute: async () => fetch('https://billing.example/status'),
});`,
      errors: [{ message: msg('Billing_status_checker'), line: 3, column: 9 }],
    },
    {
      name: 'an MCP server with more than three unscoped tools: one finding there, listing them worst first',
      code: `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { mkdir, rm } from 'node:fs/promises';
const server = new McpServer({ name: 'files', version: '1' });
server.registerTool('make_a', { description: '' }, async () => { await mkdir('/srv/a'); return { content: [] }; });
server.registerTool('make_b', { description: '' }, async () => { await mkdir('/srv/b'); return { content: [] }; });
server.registerTool('make_c', { description: '' }, async () => { await mkdir('/srv/c'); return { content: [] }; });
server.registerTool('purge', { description: '' }, async () => { await rm('/srv/a'); return { content: [] }; });
server.registerTool('sum', { description: '' }, async ({ a, b }: any) => ({ content: [{ type: 'text', text: a + b }] }));`,
      errors: [
        {
          message:
            "MCP server 'files' has 4 tools with no declared scope: purge (high), make_a (medium), make_b (medium), 1 more.",
          line: 3,
          column: 38,
          severity: 'error',
          fixes: ["Add @scope to 'files' (file:create file:delete)"],
        },
      ],
    },
    {
      name: 'a suppression for another rule does not hide it',
      code: `import { tool } from 'ai';
// agent-warden-ignore-next-line missing-owner -- owned by the platform team
export const add = tool({ description: 'add', inputSchema: {} as any, execute: async () => fetch('https://a.example') });`,
      errors: [{ message: msg('add'), line: 3, column: 14 }],
    },
    {
      name: 'a suppression without a reason does not hide it',
      code: `import { tool } from 'ai';
// agent-warden-ignore-next-line unscoped-tool
export const add = tool({ description: 'add', inputSchema: {} as any, execute: async () => fetch('https://a.example') });`,
      errors: [{ message: msg('add'), line: 3, column: 14 }],
    },
  ],
});

ruleTester('unscoped-tool', {
  valid: [],
  invalid: [
    {
      name: 'a malformed @scope is reported, not silently accepted',
      code: `import { tool } from 'ai';
/** @scope everything */
export const t = tool({ description: 'x', inputSchema: {} as any, execute: async () => 1 });`,
      errors: [
        {
          message: "Tool 't': `@scope` entries must look like `resource:action`; not: everything.",
          line: 2,
          column: 5,
        },
      ],
    },
  ],
});

ruleTester('unscoped-tool', {
  valid: [],
  invalid: [
    {
      name: 'an unscoped tool, with @scope prefilled from what its code does',
      code: `import { tool } from 'ai';\nimport { mkdirSync } from 'node:fs';\n/** @owner t */\nexport const prep = tool({ description: '', inputSchema: {} as any, execute: async () => mkdirSync('a') });`,
      errors: [{ messageId: 'noScope', line: 4, column: 14, fixes: ["Add @scope to 'prep' (file:create)"] }],
    },
    {
      name: 'a malformed @scope is edited by hand: no fix',
      code: `import { tool } from 'ai';\n/** @owner t @scope orders */\nexport const read = tool({ description: '', inputSchema: {} as any, execute: async () => 1 });`,
      errors: [{ messageId: 'badScope', line: 2, column: 14, fixes: [] }],
    },
  ],
});
