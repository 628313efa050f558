import { adapterTable } from '../helpers/inventory';

adapterTable('MCP TypeScript SDK adapter', [
  {
    name: 'registerTool and the older tool() overloads on an McpServer',
    files: `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
const server = new McpServer({ name: 'demo', version: '1' });
server.registerTool('add', { description: 'Add' }, async () => ({ content: [] }));
server.tool('echo', 'Echo a message', {}, async () => ({ content: [] }));
server.tool('ping', async () => ({ content: [] }));`,
    expected: { tools: ['add', 'echo', 'ping'], agents: { demo: { tools: ['add', 'echo', 'ping'] } } },
  },
  {
    name: 'registration through a typed parameter in another file: on the server its caller passes',
    files: {
      'src/server.ts': `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nimport { registerIssueTools } from './issues';\nexport const server = new McpServer({ name: 'tracker', version: '1' });\nregisterIssueTools(server);`,
      'src/issues.ts': `import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nexport function registerIssueTools(server: McpServer) {\n  server.registerTool('create_issue', {}, async () => ({ content: [] }));\n}`,
    },
    expected: { tools: ['create_issue'], agents: { tracker: { tools: ['create_issue'] } } },
  },
  {
    name: 'McpServer held in a class field (Cloudflare McpAgent style) and this.server.tool',
    files: `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { McpAgent } from 'agents/mcp';
export class MyMCP extends McpAgent {
  server = new McpServer({ name: 'cf-demo', version: '1' });
  async init() {
    this.server.tool('roll_dice', {}, async () => ({ content: [] }));
  }
}`,
    expected: { tools: ['roll_dice'], agents: { 'cf-demo': { tools: ['roll_dice'] } } },
  },
  {
    name: 'low-level ListTools handler with descriptors held in variables and imported from another file',
    files: {
      'src/index.ts': `import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { deleteTool } from './tools/delete.js';
import * as reads from './tools/reads.js';
const server = new Server({ name: 'low', version: '1' }, { capabilities: { tools: {} } });
const listTool = { name: 'list_items', description: '', inputSchema: { type: 'object' } };
const readOnly = [listTool, reads.getTool];
const all = [...readOnly, deleteTool];
server.setRequestHandler(ListToolsRequestSchema, async () => {
  const tools = process.env.READ_ONLY ? readOnly : all.filter((t) => t.name !== 'x');
  return { tools };
});`,
      'src/tools/delete.ts': `export const deleteTool = { name: 'delete_item', description: '', inputSchema: { type: 'object' } };`,
      'src/tools/reads.ts': `export const getTool = { name: 'get_item', description: '', inputSchema: { type: 'object' } };`,
    },
    expected: {
      tools: ['list_items', 'delete_item', 'get_item'],
      agents: { low: { tools: ['list_items', 'get_item', 'delete_item'] } },
    },
  },
  {
    name: 'v2 split package and a plain-JS untyped receiver',
    files: {
      'src/a.ts': `import { McpServer } from '@modelcontextprotocol/server';\nconst s = new McpServer({ name: 'v2', version: '2' });\ns.registerTool('v2_tool', {}, async () => ({ content: [] }));`,
      'src/b.js': `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nexport function register(server) {\n  server.tool('js_tool', 'desc', async () => ({ content: [] }));\n}`,
    },
    expected: { tools: ['v2_tool', 'js_tool'] },
  },
  {
    name: 'negative: .tool() on something else in a file without the MCP SDK',
    files: `const registry = { tool(name: string, fn: () => void) {} };\nregistry.tool('not_mcp', () => {});`,
    expected: { tools: [] },
  },
]);
