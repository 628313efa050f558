import { describe, expect, it } from 'vitest';
import { adapterTable, inventoryOf } from '../helpers/inventory';
import { analyzeCode, analyzeFiles } from '../helpers/analyze';

/** Ways published servers register tools that no single framework call shows: wrappers, factories, spreads. */
adapterTable('registration patterns of real code', [
  {
    name: 'a wrapper registering under its parameter: one tool per literal its callers pass, and its default',
    files: `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
function registerFetch(server: McpServer, toolName?: string) {
  server.tool(toolName || 'web_fetch', 'Fetch a page', async () => ({ content: [] }));
}
const server = new McpServer({ name: 'web', version: '1' });
registerFetch(server);
registerFetch(server, 'crawl');`,
    expected: { tools: ['web_fetch', 'crawl'], agents: { web: { tools: ['web_fetch', 'crawl'] } } },
  },
  {
    name: 'a name passed on through a wrapper calling a wrapper',
    files: {
      'src/register.ts': `import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
export function addTool(server: McpServer, name: string) {
  server.registerTool(name, { description: '' }, async () => ({ content: [] }));
}
export function addSearch(server: McpServer, name: string) {
  addTool(server, name);
}`,
      'src/index.ts': `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { addSearch, addTool } from './register';
const server = new McpServer({ name: 'kit', version: '1' });
addTool(server, 'ping');
addSearch(server, 'search_docs');`,
    },
    expected: { tools: ['search_docs', 'ping'], agents: { kit: { tools: ['search_docs', 'ping'] } } },
  },
  {
    name: 'a server made by a factory function is the server it returns',
    files: `import { FastMCP } from 'fastmcp';
function createServer(profile: { name: string }) {
  return new FastMCP({ name: 'firecrawl', version: '1.0.0', instructions: profile.name });
}
const server = createServer({ name: 'full' });
const scrape = { name: 'scrape', description: '', execute: async () => '' };
server.addTool(scrape);`,
    expected: { tools: ['scrape'], agents: { firecrawl: { tools: ['scrape'] } } },
  },
  {
    name: 'a tool written in place whose name comes from a spread object, hints included',
    files: `import { FastMCP } from 'fastmcp';
const server = new FastMCP({ name: 'docs', version: '1.0.0' });
const readTool = { name: 'read_page', annotations: { readOnlyHint: true }, execute: async () => '' };
server.addTool({ ...readTool, _meta: { alwaysLoad: true } });`,
    expected: { tools: ['read_page'], agents: { docs: { tools: ['read_page'] } } },
  },
  {
    name: 'a file that registers on a server it is handed needs no import of the SDK',
    files: {
      'src/tools/news.js': `export const name = 'news_search';
export const register = (mcpServer) => {
  mcpServer.registerTool(name, { description: 'News' }, async () => ({ content: [] }));
};`,
      'src/server.js': `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { register } from './tools/news.js';
const server = new McpServer({ name: 'search', version: '1' });
register(server);`,
    },
    expected: { tools: ['news_search'], agents: { search: { tools: ['news_search'] } } },
  },
  {
    name: 'a workspace package wrapping a framework, used by another package of the monorepo by its name',
    files: {
      'package.json': '{ "name": "acme", "private": true, "workspaces": ["packages/*", "apps/*"] }',
      'packages/tools/package.json': '{ "name": "@acme/tools", "main": "dist/index.js", "types": "dist/index.d.ts" }',
      'packages/tools/src/index.ts': `import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
export function registerTools(server: McpServer) {
  server.registerTool('ping', { description: 'Ping' }, async () => ({ content: [] }));
}`,
      'packages/kit/package.json': '{ "name": "@acme/kit", "exports": { ".": { "import": "./build/main.mjs" } } }',
      'packages/kit/src/main.ts': `import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
export const addSearch = (server: McpServer) =>
  server.registerTool('search_docs', { description: 'Search' }, async () => ({ content: [] }));`,
      'apps/server/src/index.ts': `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { addSearch } from '@acme/kit';
import { registerTools } from '@acme/tools';
const server = new McpServer({ name: 'docs', version: '1.0.0' });
registerTools(server);
addSearch(server);`,
    },
    expected: { tools: ['search_docs', 'ping'], agents: { docs: { tools: ['ping', 'search_docs'] } } },
  },
  {
    name: 'a registration in a loop over a list of tools from another file: one tool per element, by its name',
    files: {
      'src/tools.ts': `export const TOOLS = [
  { name: 'get_issue', description: 'Get an issue', handler: async () => ({ content: [] }) },
  { name: 'create_issue', description: 'Create an issue', handler: async () => ({ content: [] }) },
];`,
      'src/server.ts': `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { TOOLS } from './tools';
const server = new McpServer({ name: 'tracker', version: '1.0.0' });
for (const tool of TOOLS) server.registerTool(tool.name, { description: tool.description }, tool.handler);`,
    },
    expected: { tools: ['get_issue', 'create_issue'], agents: { tracker: { tools: ['get_issue', 'create_issue'] } } },
  },
  {
    name: 'a loop whose elements are not all named in the code stays dynamic',
    files: `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
declare const plugin: { name: string; handler: () => Promise<{ content: [] }> };
const server = new McpServer({ name: 'plugins', version: '1.0.0' });
[{ name: 'ping', handler: async () => ({ content: [] as [] }) }, plugin].forEach((t) =>
  server.tool(t.name, 'A tool', t.handler),
);`,
    expected: { tools: [], agents: { plugins: { tools: ['<dynamic>'] } }, dynamic: 1 },
  },
  {
    name: 'a tool with no name anywhere in the code is dynamic, not a tool named <dynamic>',
    files: `import { FastMCP } from 'fastmcp';
declare const loaded: { execute: () => Promise<string> };
const server = new FastMCP({ name: 'plugins', version: '1.0.0' });
server.addTool({ ...loaded });`,
    expected: { tools: [], agents: { plugins: { tools: ['<dynamic>'] } }, dynamic: 1 },
  },
  {
    name: 'a tool held in a local its factory returns is named after the factory, not the local',
    files: `import { tool } from 'ai';
import { z } from 'zod';
export function browser(options: { url: string }) {
  const t = tool({ description: 'Drive a browser', inputSchema: z.object({}), execute: async () => options.url });
  const close = async () => undefined;
  return Object.assign(t, { close });
}
export const interact = () => {
  const made = tool({ description: 'Interact', inputSchema: z.object({}), execute: async () => '' });
  return { ...made, live: true };
};
export function kept() {
  const local = tool({ description: 'Not returned', inputSchema: z.object({}), execute: async () => '' });
  return local.description;
}`,
    expected: { tools: ['browser', 'interact', 'local'] },
  },
  {
    name: 'tools made by factories of other files, given to the model under keys',
    files: {
      'src/tools/act.ts': `import { tool } from 'ai';
import { z } from 'zod';
export const actTool = (page: { act(s: string): Promise<string> }) =>
  tool({ description: 'Act on the page', inputSchema: z.object({ action: z.string() }), execute: async ({ action }) => page.act(action) });`,
      'src/tools/goto.ts': `import { tool } from 'ai';
import { z } from 'zod';
export function gotoTool(page: { goto(url: string): Promise<void> }) {
  return tool({ description: 'Open a URL', inputSchema: z.object({ url: z.string() }), execute: async ({ url }) => page.goto(url) });
}`,
      'src/agent.ts': `import { generateText } from 'ai';
import { actTool } from './tools/act';
import { gotoTool } from './tools/goto';
export async function browse(page: any, prompt: string) {
  return generateText({ model: 'openai/gpt-5', prompt, tools: { act: actTool(page), goto: gotoTool(page) } });
}`,
    },
    expected: { tools: ['act', 'goto'], agents: { browse: { tools: ['act', 'goto'] } } },
  },
  {
    name: 'a map of factory-made tools no agent can be seen to take still names them by its keys',
    files: {
      'src/tools/browser.ts': `import { tool } from 'ai';
import { z } from 'zod';
const input = z.object({});
export const clickTool = (page: any) => tool({ description: 'Click', inputSchema: input, execute: async () => page.click() });
export const clickVisionTool = (page: any) => tool({ description: 'Click at', inputSchema: input, execute: async () => page.mouse() });
export const searchTool = (key: string) => tool({ description: 'Search', inputSchema: input, execute: async () => key });
export const thinkTool = () => tool({ description: 'Think', inputSchema: input, execute: async () => '' });`,
      'src/tools/index.ts': `import { clickTool, clickVisionTool, searchTool, thinkTool } from './browser';
export function createAgentTools(page: any, mode: 'dom' | 'hybrid', key?: string) {
  const unwrapped = { click: mode === 'hybrid' ? clickVisionTool(page) : clickTool(page) };
  if (key) unwrapped.search = searchTool(key);
  return { ...Object.fromEntries(Object.entries(unwrapped).map(([n, t]) => [n, t])), think: thinkTool() };
}`,
    },
    expected: { tools: ['click', 'click', 'search', 'think'] },
  },
  {
    name: 'a helper handed a factory makes what the factory makes; the variable holding it names it',
    files: `import { tool } from 'ai';
import { z } from 'zod';
function createDualTool<T>(factory: (options?: unknown) => T) {
  return Object.assign((options?: unknown) => factory(options), factory());
}
function createScrape(options?: unknown) {
  return tool({ description: 'Scrape a page', inputSchema: z.object({ url: z.string() }), execute: async () => options });
}
function createMap(options?: unknown) {
  return tool({ description: 'Map a site', inputSchema: z.object({ url: z.string() }), execute: async () => options });
}
export const scrape = createDualTool(createScrape);
export const map = createDualTool(createMap);
export function webTools(options: unknown) {
  const tools = {};
  tools.crawlSite = map(options);
  return tools;
}`,
    expected: { tools: ['scrape', 'crawlSite'] },
  },
  {
    name: 'a tool a factory of this file makes, held by a variable of the top level, is known by the variable',
    files: `import { tool } from 'ai';
import { z } from 'zod';
function makeWeatherTool(units: 'metric' | 'imperial') {
  return tool({ description: 'Weather', inputSchema: z.object({ city: z.string() }), execute: async () => units });
}
export const weather = makeWeatherTool('metric');`,
    expected: { tools: ['weather'] },
  },
  {
    name: 'negative: an object holding a tool beside other values is no map of tools',
    files: {
      'src/tools/act.ts': `import { tool } from 'ai';
import { z } from 'zod';
export const actTool = () => tool({ description: 'Act', inputSchema: z.object({}), execute: async () => '' });`,
      'src/config.ts': `import { actTool } from './tools/act';
export const step = { tool: actTool(), retries: 3 };`,
    },
    expected: { tools: ['actTool'] },
  },
  {
    name: 'a compiled package: its declaration files (.d.ts, .d.cts, .d.mts) register nothing',
    files: {
      'dist/brave.cjs': `const { Tool } = require('@langchain/core/tools');
class BraveSearch extends Tool {
  name = 'brave-search';
  description = 'Search the web';
  async _call(input) { return input; }
}
exports.BraveSearch = BraveSearch;`,
      'dist/brave.d.cts': `import { Tool } from '@langchain/core/tools';
export declare class BraveSearch extends Tool {
  name: string;
  description: string;
  _call(input: string): Promise<string>;
}`,
      'dist/brave.d.mts': `import { Tool } from '@langchain/core/tools';
export declare class BraveSearch extends Tool { name: string; }`,
      'dist/brave.d.ts': `import { Tool } from '@langchain/core/tools';
export declare class BraveSearch extends Tool { name: string; }`,
    },
    expected: { tools: ['brave-search'], agents: {} },
  },
]);

describe('model-facing names beside definition names', () => {
  it('a Mastra tool registered under a key is called by the key; its id is kept as definedAs', () => {
    const inv = inventoryOf(`import { Agent } from '@mastra/core/agent';
import { createTool } from '@mastra/core/tools';
const weatherTool = createTool({ id: 'get-weather', description: '', execute: async () => 'sunny' });
const clock = createTool({ id: 'clock', description: '', execute: async () => 'noon' });
export const agent = new Agent({ name: 'W', instructions: '', model: 'openai/gpt-4o', tools: { weatherTool, clock } });`);
    expect(inv.tools.map((t) => [t.name, t.definedAs])).toEqual([
      ['weatherTool', 'get-weather'],
      ['clock', null],
    ]);
  });
});

describe('one definition given under several names', () => {
  it('is two tools, each agent seeing its own name, and what is wrong at its place is said once', () => {
    const result = analyzeCode(`import { generateText, ToolLoopAgent, tool } from 'ai';
import { z } from 'zod';
const getWeather = tool({ description: 'Weather', inputSchema: z.object({}), execute: async () => fetch('https://wx.example/now') });
export const chat = (prompt: string) => generateText({ model: 'openai/gpt-5', prompt, tools: { getWeather } });
export const agent = new ToolLoopAgent({ id: 'forecaster', model: 'openai/gpt-5', tools: { weather: getWeather } });`);
    expect(
      result.graph.agents.map((a) => [a.name, a.tools.map((id) => result.graph.tools.find((t) => t.id === id)?.name)]),
    ).toEqual([
      ['chat', ['getWeather']],
      ['forecaster', ['weather']],
    ]);
    expect(result.findings.filter((f) => f.ruleId === 'unscoped-tool' && f.loc.start.line === 3)).toHaveLength(1);
  });
});

describe('tools made by a factory where they are registered', () => {
  // As the Vercel AI chatbot registers its tools: `tools: { createDocument: createDocument({ session, dataStream }) }`.
  const files = (annotation: string) => ({
    'lib/ai/tools/create-document.ts': `import { tool } from 'ai';
import { writeFile } from 'node:fs/promises';
${annotation}export const createDocument = ({ session }: { session: { user: string } }) =>
  tool({
    description: 'Create a document',
    inputSchema: {} as never,
    execute: async ({ title }: { title: string }) => writeFile(\`/srv/docs/\${session.user}/\${title}.md\`, ''),
  });`,
    'app/api/chat/route.ts': `import { streamText } from 'ai';
import { createDocument } from '../../../lib/ai/tools/create-document';
export async function POST(req: Request) {
  const session = { user: 'u' };
  return streamText({ model: {} as never, messages: [], tools: { createDocument: createDocument({ session }) } });
}`,
  });

  it('are one tool, at the factory, exposed by the route', () => {
    const result = analyzeFiles(files(''));
    expect(result.graph.tools.map((t) => [t.name, t.loc.file, t.risk])).toEqual([
      ['createDocument', 'lib/ai/tools/create-document.ts', 'high'],
    ]);
    expect(result.graph.agents.map((a) => [a.name, a.tools.length])).toEqual([['POST /api/chat', 1]]);
  });

  it('annotating the factory clears what the tool was missing', () => {
    const ruleIds = (r: ReturnType<typeof analyzeFiles>) =>
      r.findings.filter((f) => f.loc.file.startsWith('lib/')).map((f) => f.ruleId);
    expect(ruleIds(analyzeFiles(files('')))).toEqual(['unapproved-high-risk-action', 'unscoped-tool']);
    expect(ruleIds(analyzeFiles(files('/** @scope file:write @approval required */\n')))).toEqual([]);
  });
});

adapterTable('tools given to the function that makes the agent', [
  {
    name: 'a list passed to a factory of agents: each call’s tools',
    files: {
      'src/make-agent.ts': `import { Agent, tool } from '@openai/agents';
export function makeAgent(name: string, tools: ReturnType<typeof tool>[]) {
  return new Agent({ name, tools });
}`,
      'src/ops.ts': `import { tool } from '@openai/agents';
import { makeAgent } from './make-agent';
const purge = tool({ name: 'purge', description: '', parameters: {} as never, execute: async () => '' });
const status = tool({ name: 'status', description: '', parameters: {} as never, execute: async () => '' });
export const ops = makeAgent('ops', [purge, status]);`,
    },
    expected: { tools: ['purge', 'status'], agents: { makeAgent: { tools: ['purge', 'status'] } } },
  },
  {
    // As create-llama's financial report hands its tools to the workflow's steps, typed by the framework's interface.
    name: 'tools passed one by one as typed parameters, used in a step of the workflow',
    files: `import { tool } from 'llamaindex';
import { chatWithTools } from '@llamaindex/tools';
import { createWorkflow, startAgentEvent } from '@llamaindex/workflow';
import type { BaseToolWithCall } from 'llamaindex';
export function workflowFactory() {
  const lookup = tool({ name: 'lookup', description: '', parameters: {} as never, execute: async () => '' });
  const report = tool({ name: 'report', description: '', parameters: {} as never, execute: async () => '' });
  return getWorkflow(lookup, report);
}
export function getWorkflow(lookupTool: BaseToolWithCall, reportTool: BaseToolWithCall) {
  const workflow = createWorkflow();
  workflow.handle([startAgentEvent], async () => {
    const tools = [lookupTool, reportTool];
    return chatWithTools({} as never, tools, []);
  });
  return workflow;
}`,
    expected: { tools: ['lookup', 'report'], agents: { getWorkflow: { tools: ['lookup', 'report'] } } },
  },
]);
