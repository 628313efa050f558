/**
 * Never blind without saying so: a package that depends on an agent framework, in whose code the analyzer finds no
 * agent and no tool, gets a notice — through the built binary, as users run it.
 */
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers/cli';

const manifest = (deps: Record<string, string>) =>
  JSON.stringify({ name: 'app', version: '1.0.0', dependencies: deps });

describe('blind spots are said', () => {
  it('an MCP server whose tools a workspace package registers: a notice on its package.json', () => {
    // Shaped after a production server: tool classes handed to a registry of the team's own package, which calls
    // `server.registerTool(this.name, …, this.invoke.bind(this))` where the analyzer cannot see it.
    const dir = tempProject({
      'package.json': manifest({ '@modelcontextprotocol/sdk': '^1.20.0', '@acme/mcp-kit': 'workspace:*' }),
      'src/server.ts': `import { createServer, registerAll } from '@acme/mcp-kit';
import { SearchOrders } from './tools/search-orders';
import { RefundOrder } from './tools/refund-order';
const server = createServer({ name: 'orders' });
registerAll(server, [new SearchOrders(), new RefundOrder()]);
server.listen();`,
      'src/tools/search-orders.ts': `export class SearchOrders { name = 'search_orders'; async invoke(q: string) { return []; } }`,
      'src/tools/refund-order.ts': `export class RefundOrder { name = 'refund_order'; async invoke(id: string) { return { id }; } }`,
    });
    const r = runCli(['scan', '.', '--format', 'json'], { cwd: dir });
    const notices = JSON.parse(r.stdout).notices as { file: string; message: string }[];
    expect(notices).toContainEqual({
      file: 'package.json',
      kind: 'blind-spot',
      message: expect.stringMatching(
        /^depends on @modelcontextprotocol\/sdk but no agent or tool was found in its code/,
      ),
    });
    const stylish = runCli(['scan', '.'], { cwd: dir });
    expect(stylish.stderr).toMatch(/agent-warden: package\.json: depends on/);
    // Said in the summary as well, where a reader of the report looks.
    expect(stylish.stdout).toContain('No agent or tool found in package.json, which depends on an agent framework');
  });

  it('a LangGraph app is not blind: its compiled graph is an agent', () => {
    const dir = tempProject({
      'package.json': manifest({ '@langchain/langgraph': '^1.0.0' }),
      'src/graph.ts': `import { StateGraph, START, END } from '@langchain/langgraph';
const graph = new StateGraph({ channels: {} } as any).addNode('step', async () => ({})).addEdge(START, 'step').addEdge('step', END);
export const app = graph.compile();`,
    });
    expect(JSON.parse(runCli(['scan', '.', '--format', 'json'], { cwd: dir }).stdout).notices).toEqual([]);
  });

  it('quiet where agents are found, and for a plain model API', () => {
    const withTool = tempProject({
      'package.json': manifest({ ai: '^6.0.0' }),
      'src/tools.ts': `import { tool } from 'ai';\nexport const add = tool({ description: 'add', inputSchema: {} as any, execute: async ({ a, b }: any) => a + b });`,
    });
    expect(JSON.parse(runCli(['scan', '.', '--format', 'json'], { cwd: withTool }).stdout).notices).toEqual([]);
    const chat = tempProject({
      'package.json': manifest({ openai: '^5.0.0' }),
      'src/chat.ts': `import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const reply = (q: string) => client.responses.create({ model: 'gpt-5', input: q });`,
    });
    expect(JSON.parse(runCli(['scan', '.', '--format', 'json'], { cwd: chat }).stdout).notices).toEqual([]);
  });

  it('in a monorepo, only the packages without a definition anywhere in their folders', () => {
    const tool = `import { tool } from 'ai';\nexport const add = tool({ description: 'add', inputSchema: {} as any, execute: async ({ a, b }: any) => a + b });`;
    const dir = tempProject({
      'package.json': manifest({ ai: '^6.0.0' }),
      'packages/agents/package.json': manifest({ ai: '^6.0.0' }),
      'packages/agents/src/deep/er/tools.ts': tool,
      // Its folder's name starts with the name of the folder that defines tools.
      'packages/agents-extra/package.json': manifest({ ai: '^6.0.0' }),
      'packages/agents-extra/src/index.ts': 'export const version = 1;',
      'packages/empty/package.json': manifest({ '@openai/agents': '^0.3.0' }),
    });
    const notices = JSON.parse(runCli(['scan', '.', '--format', 'json'], { cwd: dir }).stdout).notices as {
      file: string;
    }[];
    expect(notices.map((n) => n.file).sort()).toEqual([
      'packages/agents-extra/package.json',
      'packages/empty/package.json',
    ]);
  });
});
