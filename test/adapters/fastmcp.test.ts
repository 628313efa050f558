import { adapterTable } from '../helpers/inventory';
import { ruleTester } from '../helpers/rule-tester';

adapterTable('FastMCP adapter', [
  {
    name: 'addTool with the tool inline: the server exposes it by its name',
    files: `import { FastMCP } from 'fastmcp';
const server = new FastMCP({ name: 'Weather', version: '1.0.0' });
server.addTool({ name: 'get_forecast', description: 'Forecast', execute: async () => 'sunny' });`,
    expected: { tools: ['get_forecast'], agents: { Weather: { tools: ['get_forecast'] } } },
  },
  {
    name: 'tools as plain objects in their own file, added with addTool and addTools',
    files: {
      'src/tools.ts': `export const search = { name: 'search_docs', description: '', execute: async () => '' };
export const summarize = { name: 'summarize', description: '', execute: async () => '' };
export const translate = { name: 'translate', description: '', execute: async () => '' };`,
      'src/server.ts': `import { FastMCP } from 'fastmcp';
import { search, summarize, translate } from './tools';
const server = new FastMCP({ name: 'Docs', version: '1.0.0' });
server.addTool(search);
server.addTools([summarize, translate]);`,
    },
    expected: {
      tools: ['search_docs', 'summarize', 'translate'],
      agents: { Docs: { tools: ['search_docs', 'summarize', 'translate'] } },
    },
  },
  {
    name: 'a registerTools(server: FastMCP) function in another file: its tools are on the server passed to it',
    files: {
      'src/tools/index.ts': `import type { FastMCP } from 'fastmcp';
const ping = { name: 'ping', description: '', execute: async () => 'pong' };
export function registerTools(server: FastMCP): void {
  server.addTool(ping);
  server.addTool({ name: 'echo', description: '', execute: async ({ text }: { text: string }) => text });
}`,
      'src/index.ts': `import { FastMCP } from 'fastmcp';
import { registerTools } from './tools/index';
const server = new FastMCP({ name: 'Echo', version: '1.0.0' });
registerTools(server);`,
    },
    expected: { tools: ['ping', 'echo'], agents: { Echo: { tools: ['echo', 'ping'] } } },
  },
  {
    name: 'wrappers calling wrappers, and two servers sharing one registration function',
    files: {
      'src/tools.ts': `import type { FastMCP } from 'fastmcp';
const ping = { name: 'ping', description: '', execute: async () => 'pong' };
function registerPing(server: FastMCP) {
  server.addTool(ping);
}
export function registerAll(server: FastMCP) {
  registerPing(server);
}`,
      'src/servers.ts': `import { FastMCP } from 'fastmcp';
import { registerAll } from './tools';
const internal = new FastMCP({ name: 'Internal', version: '1.0.0' });
const pub = new FastMCP({ name: 'Public', version: '1.0.0' });
registerAll(internal);
registerAll(pub);`,
    },
    expected: { tools: ['ping'], agents: { Internal: { tools: ['ping'] }, Public: { tools: ['ping'] } } },
  },
  {
    name: 'a list of tools registered in a loop or with forEach: each element',
    files: `import { FastMCP } from 'fastmcp';
const search = { name: 'search', description: '', execute: async () => '' };
const fetchPage = { name: 'fetch_page', description: '', execute: async () => '' };
const admin = { name: 'admin', description: '', execute: async () => '' };
const tools = [search, fetchPage];
const server = new FastMCP({ name: 'Web', version: '1.0.0' });
for (const tool of tools) server.addTool(tool);
[admin].forEach((tool) => server.addTool(tool));`,
    expected: {
      tools: ['search', 'fetch_page', 'admin'],
      agents: { Web: { tools: ['search', 'fetch_page', 'admin'] } },
    },
  },
  {
    name: 'a loop over tools only known at run time stays dynamic',
    files: `import { FastMCP } from 'fastmcp';
declare function loadPlugins(): Promise<{ name: string; execute: () => Promise<string> }[]>;
const server = new FastMCP({ name: 'Plugins', version: '1.0.0' });
for (const tool of await loadPlugins()) server.addTool(tool);`,
    expected: { tools: [], agents: { Plugins: {} }, dynamic: 1 },
  },
  {
    name: 'names from defaults: ?? and || fallbacks and default parameters give the literal',
    files: `import { FastMCP } from 'fastmcp';
const server = new FastMCP({ name: 'Kit', version: '1.0.0' });
export function addSearch(opts: { name?: string } = {}) {
  server.addTool({ name: opts.name ?? 'search', description: '', execute: async () => '' });
}
export function addLookup(opts: { toolName?: string }) {
  server.addTool({ name: opts.toolName || 'lookup', description: '', execute: async () => '' });
}
export function addFetch(name = 'fetch_url') {
  server.addTool({ name, description: '', execute: async () => '' });
}
export function addNamed({ name = 'named' }: { name?: string } = {}) {
  server.addTool({ name, description: '', execute: async () => '' });
}
export function addAny(name: string, fallback: string) {
  server.addTool({ name: name ?? fallback, description: '', execute: async () => '' });
}`,
    expected: {
      tools: ['search', 'lookup', 'fetch_url', 'named'],
      agents: { Kit: { tools: ['search', 'lookup', 'fetch_url', 'named', '<dynamic>'] } },
      dynamic: 1,
    },
  },
  {
    name: 'addTool on an untyped receiver (plain JS) counts only with a literal tool',
    files: {
      'src/register.js': `import 'fastmcp';
export function register(server, cache) {
  server.addTool({ name: 'lookup', description: '', execute: async () => '' });
  cache.addTool(entry);
}`,
    },
    expected: { tools: ['lookup'] },
  },
]);

ruleTester('unapproved-high-risk-action', {
  valid: [],
  invalid: [
    {
      name: 'FastMCP: a tool object from another file runs shell commands: its execute is its code',
      files: {
        'src/tools.ts': `import { execSync } from 'node:child_process';
export const shell = { name: 'shell', description: 'Run a command', execute: async ({ cmd }: { cmd: string }) => execSync(cmd).toString() };`,
        'src/server.ts': `import { FastMCP } from 'fastmcp';
import { shell } from './tools';
/** @owner platform */
const server = new FastMCP({ name: 'Ops', version: '1.0.0' });
server.addTool(shell);`,
      },
      errors: [{ messageId: 'unapproved', line: 2, column: 24, file: 'src/tools.ts' }],
    },
  ],
});
