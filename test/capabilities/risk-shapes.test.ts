/**
 * The shapes real tools take between a handler and what it can do, each written after published code, each with
 * the capability, tier and evidence the analyzer must find. A row failing means real tools of that shape are
 * rated wrong again.
 */
import { describe, expect, it } from 'vitest';
import { computeCapabilities } from '../../server/src/enrich/capabilities';
import { linkFiles, toolNamed } from '../helpers/link';

interface Shape {
  /** What the code does, and where the shape comes from. */
  shape: string;
  /** `src/tools.ts`, and any other files by path. */
  code: string;
  files?: Record<string, string>;
  tool: string;
  /** The capability the tool is rated by, its tier, and what that rests on. */
  expected: [capability: string, tier: string, basis: 'code' | 'annotation' | 'declared'];
  /** What refined it, where the kind of a hosted tool would give the same capability without reading its code. */
  detail?: RegExp;
}

const AI = `import { tool } from 'ai';\nimport { z } from 'zod';\n`;
const MCP = `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nconst server = new McpServer({ name: 's', version: '1' });\n`;

const SHAPES: Shape[] = [
  {
    shape: "a provider tool's own execute runs locally (the AI SDK's openai.tools.shell)",
    code: `import { openai } from '@ai-sdk/openai';\nimport { execSync } from 'node:child_process';
export const tools = { shell: openai.tools.shell({ execute: async ({ action }: any) => ({ output: execSync(action.commands.join(' ')).toString() }) }) };`,
    tool: 'shell',
    expected: ['system:exec', 'critical', 'code'],
    detail: /command computed at run time/,
  },
  {
    shape: "a provider tool's execute is read, not only its kind (Anthropic's text editor deleting files)",
    code: `import { anthropic } from '@ai-sdk/anthropic';\nimport { rmSync, writeFileSync } from 'node:fs';
export const tools = { str_replace_based_edit_tool: anthropic.tools.textEditor_20250728({ execute: async ({ command, path, file_text }: any) => {
  if (command === 'delete') rmSync(path, { recursive: true });
  else writeFileSync(path, file_text);
  return 'ok';
} }) };`,
    tool: 'str_replace_based_edit_tool',
    expected: ['file:delete', 'high', 'code'],
  },
  {
    shape: "an SDK's hosted shell tool given a local shell (OpenAI Agents shellTool({ shell: new LocalShell() }))",
    code: `import { shellTool } from '@openai/agents';\nimport { exec } from 'node:child_process';
class LocalShell { async run(action: { commands: string[] }) { return new Promise((r) => exec(action.commands.join(';'), r)); } }
export const shell = shellTool({ shell: new LocalShell() });`,
    tool: 'shell',
    expected: ['system:exec', 'critical', 'code'],
    detail: /command computed at run time/,
  },
  {
    shape: 'execute is made by a factory (tool({ execute: makeExecutor(root) }))',
    code: `${AI}import { execFile } from 'node:child_process';
function makeExecutor(root: string) {
  return async ({ command }: { command: string }) => new Promise((r) => execFile('bash', ['-lc', command], { cwd: root }, r));
}
export const bash = tool({ description: 'Run in the workspace', inputSchema: z.object({ command: z.string() }), execute: makeExecutor('/workspace') });`,
    tool: 'bash',
    expected: ['system:exec', 'critical', 'code'],
  },
  {
    shape: 'a sandbox runs the command (Vercel Sandbox, created by a static factory)',
    code: `${AI}import { Sandbox } from '@vercel/sandbox';
export const runInSandbox = tool({ description: 'Run a command', inputSchema: z.object({ cmd: z.string() }), execute: async ({ cmd }) => {
  const sandbox = await Sandbox.create({ runtime: 'node22' });
  const result = await sandbox.runCommand('bash', ['-c', cmd]);
  return result.stdout();
} });`,
    tool: 'runInSandbox',
    expected: ['sandbox:exec', 'high', 'code'],
  },
  {
    shape: 'kubectl exec is running code, not a cluster write',
    code: `${MCP}import { execFileSync } from 'node:child_process';
server.registerTool('exec_in_pod', { description: 'Run a command in a pod' }, async ({ pod, command }: any) => {
  execFileSync('kubectl', ['exec', pod, '--', ...command]);
  return { content: [] };
});`,
    tool: 'exec_in_pod',
    expected: ['system:exec', 'critical', 'code'],
  },
  {
    shape: 'a client made by a factory call (Supabase createClient), its query builder chained',
    code: `${AI}import { createClient } from '@supabase/supabase-js';
const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_KEY!);
export const removeUser = tool({ description: 'Remove', inputSchema: z.object({ id: z.string() }), execute: async ({ id }) => supabase.from('users').delete().eq('id', id) });`,
    tool: 'removeUser',
    expected: ['db:delete', 'critical', 'code'],
  },
  {
    shape: 'a client made by a factory call (Drizzle over node-postgres)',
    code: `${AI}import { drizzle } from 'drizzle-orm/node-postgres';
const db = drizzle(process.env.DATABASE_URL!);
export const purge = tool({ description: 'x', inputSchema: z.object({}), execute: async () => db.execute('DELETE FROM sessions') });`,
    tool: 'purge',
    expected: ['db:delete', 'critical', 'code'],
  },
  {
    shape: 'an object a client method returns keeps its methods (discord.js channels.fetch, then send)',
    code: `${AI}import { Client } from 'discord.js';
const client = new Client({ intents: [] });
export const post = tool({ description: 'x', inputSchema: z.object({ id: z.string(), text: z.string() }), execute: async ({ id, text }) => {
  const channel = await client.channels.fetch(id);
  await channel.send(text);
} });`,
    tool: 'post',
    expected: ['messaging:send', 'high', 'code'],
  },
  {
    shape:
      "an injected client or the class's own fallback (LangChain's Discord tool: this.client = client ?? new Client())",
    code: `import { Tool } from '@langchain/core/tools';\nimport { Client } from 'discord.js';
export class SendMessages extends Tool {
  name = 'discord-send-messages';
  description = 'Send a message';
  constructor(fields?: { client?: Client }) { super(); this.client = fields?.client ?? new Client({ intents: [] }); }
  async _call(message: string) { const channel = await this.client.channels.fetch('1'); await channel.send(message); return 'ok'; }
}`,
    tool: 'discord-send-messages',
    expected: ['messaging:send', 'high', 'code'],
  },
  {
    shape: "a method inherited from a base class of the same file (LangChain's Stagehand tools: getStagehand())",
    code: `import { Tool } from '@langchain/core/tools';\nimport { Stagehand } from '@browserbasehq/stagehand';
class StagehandToolBase extends Tool {
  async getStagehand() { if (!this.local) { this.local = new Stagehand({ env: 'LOCAL' }); await this.local.init(); } return this.local; }
}
export class StagehandActTool extends StagehandToolBase {
  name = 'stagehand_act';
  description = 'Perform an action on the current web page';
  async _call(input: string) { return (await this.getStagehand()).act({ action: input }); }
}`,
    tool: 'stagehand_act',
    expected: ['browser:act', 'high', 'code'],
  },
  {
    shape: "a client made by a method of a base class in another file (LangChain's Gmail tools: getGmailClient())",
    files: {
      'src/base.js': `import { StructuredTool } from '@langchain/core/tools';\nimport { google } from 'googleapis';
export class GmailBaseTool extends StructuredTool {
  name = 'Gmail';
  async getGmailClient() { if (!this.gmail) this.gmail = google.gmail({ version: 'v1' }); return this.gmail; }
}`,
    },
    code: `import { GmailBaseTool } from './base.js';
export class GmailSendMessage extends GmailBaseTool {
  name = 'gmail_send_message';
  async _call({ raw }) { return (await (await this.getGmailClient()).users.messages.send({ userId: 'me', requestBody: { raw } })).data.id; }
}`,
    tool: 'gmail_send_message',
    expected: ['messaging:email', 'high', 'code'],
  },
  {
    shape:
      "the client handed down to helpers in another file (LangChain's Calendar tools: runDeleteEvent(query, { calendar }))",
    files: {
      'src/base.js': `import { StructuredTool } from '@langchain/core/tools';\nimport { google } from 'googleapis';
export class CalendarBase extends StructuredTool {
  name = 'Google Calendar';
  async getCalendarClient() { return google.calendar({ version: 'v3' }); }
}`,
      'src/commands.js': `const deleteEvent = async (calendarId, eventId, calendar) => calendar.events.delete({ calendarId, eventId });
export const runDeleteEvent = async (query, { calendarId, calendar }) => deleteEvent(calendarId, query, calendar);`,
    },
    code: `import { CalendarBase } from './base.js';\nimport { runDeleteEvent } from './commands.js';
export class CalendarDeleteTool extends CalendarBase {
  name = 'google_calendar_delete';
  async _call(query) { return runDeleteEvent(query, { calendarId: 'primary', calendar: await this.getCalendarClient() }); }
}`,
    tool: 'google_calendar_delete',
    expected: ['calendar:write', 'high', 'code'],
  },
  {
    shape: 'a helper a tool class inherits from another file runs the command',
    files: {
      'src/base.js': `import { Tool } from '@langchain/core/tools';\nimport { execSync } from 'node:child_process';
export class ShellBase extends Tool { name = 'shell-base'; sh(cmd) { return execSync(cmd).toString(); } }`,
    },
    code: `import { ShellBase } from './base.js';
export class Terminal extends ShellBase { name = 'terminal_tool'; async _call(input) { return this.sh(input); } }`,
    tool: 'terminal_tool',
    expected: ['system:exec', 'critical', 'code'],
  },
  {
    shape: 'a project class given as a typed parameter to a tool factory (createTools(db: Database))',
    files: {
      'src/db.ts': `import { execSync } from 'node:child_process';\nexport class Database { drop(name: string) { return execSync(\`dropdb \${name}\`); } }`,
    },
    code: `${AI}import { Database } from './db';
export function createTools(db: Database) {
  return { dropDatabase: tool({ description: 'x', inputSchema: z.object({ name: z.string() }), execute: async ({ name }) => db.drop(name) }) };
}`,
    tool: 'dropDatabase',
    expected: ['system:exec', 'critical', 'code'],
  },
  {
    shape: 'a project class held by a constructor parameter property (constructor(private db: Database))',
    files: {
      'src/db.ts': `import { unlinkSync } from 'node:fs';\nexport class Store { remove(path: string) { unlinkSync(path); } }`,
    },
    code: `${AI}import { Store } from './db';
export class FileTools {
  constructor(private store: Store) {}
  tools() { return { remove_file: tool({ description: 'x', inputSchema: z.object({ path: z.string() }), execute: async ({ path }) => this.store.remove(path) }) }; }
}`,
    tool: 'remove_file',
    expected: ['file:delete', 'high', 'code'],
  },
  {
    shape: 'a Step Functions command by name',
    code: `${AI}import { SFNClient, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
const sfn = new SFNClient({});
export const approveStep = tool({ description: 'x', inputSchema: z.object({ token: z.string() }), execute: async ({ token }) => sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })) });`,
    tool: 'approveStep',
    expected: ['workflow:write', 'high', 'code'],
  },
  {
    shape: "the whole environment returned (MCP's server-everything get-env)",
    code: `${MCP}server.registerTool('get-env', { description: 'Returns all environment variables' }, async () => ({
  content: [{ type: 'text', text: JSON.stringify(process.env, null, 2) }],
}));`,
    tool: 'get-env',
    expected: ['credentials:expose', 'critical', 'code'],
  },
  {
    shape: 'a token from the environment returned to the model',
    code: `${AI}export const whoami = tool({ description: 'Show the session', inputSchema: z.object({}), execute: async () => ({ user: 'bot', token: process.env.GITHUB_TOKEN }) });`,
    tool: 'whoami',
    expected: ['credentials:expose', 'critical', 'code'],
  },
  {
    shape: 'a new directory overwrites nothing (filesystem server create_directory)',
    code: `${MCP}import fs from 'node:fs/promises';
server.registerTool('create_directory', { description: 'Create a directory' }, async ({ path }: any) => {
  await fs.mkdir(path, { recursive: true });
  return { content: [] };
});`,
    tool: 'create_directory',
    expected: ['file:create', 'medium', 'code'],
  },
  {
    shape: "a Google custom method is POSTed but reads (LangChain's Google Places: places:searchText)",
    code: `${AI}export const places = tool({ description: 'x', inputSchema: z.object({ q: z.string() }), execute: async ({ q }) =>
  fetch('https://places.googleapis.com/v1/places:searchText', { method: 'POST', body: JSON.stringify({ textQuery: q }) }) });`,
    tool: 'places',
    expected: ['cloud:read', 'medium', 'code'],
  },
  {
    shape: 'posting on X (twitter-api-v2)',
    code: `${AI}import { TwitterApi } from 'twitter-api-v2';
const x = new TwitterApi(process.env.X_ACCESS_TOKEN!);
export const tweet = tool({ description: 'x', inputSchema: z.object({ text: z.string() }), execute: async ({ text }) => x.v2.tweet(text) });`,
    tool: 'tweet',
    expected: ['social:post', 'high', 'code'],
  },
  {
    shape: 'a demo tool: a stub named like a payment is rated by its name',
    code: `${AI}export const send_payment = tool({ description: 'Send a payment to a vendor', inputSchema: z.object({ amount: z.number() }), execute: async ({ amount }) => ({ ok: true, amount }) });`,
    tool: 'send_payment',
    expected: ['payments:write', 'critical', 'declared'],
  },
  {
    shape:
      "a browser tool whose page comes from a parameter (Stagehand's own agent tools: v3.context.awaitActivePage())",
    code: `${AI}export const clickTool = (v3: any) => tool({ description: 'Click on an element using its coordinates', inputSchema: z.object({ x: z.number(), y: z.number() }), execute: async ({ x, y }) => {
  const page = await v3.context.awaitActivePage();
  await page.click(x, y);
} });
export const tools = (v3: any) => ({ click: clickTool(v3) });`,
    tool: 'click',
    expected: ['browser:act', 'high', 'declared'],
  },
  {
    shape: 'MCP annotations claim a destruction the code does not show',
    code: `${MCP}import { purgeAll } from 'vendor-store';
server.registerTool('reset_store', { description: 'Reset', annotations: { destructiveHint: true } }, async () => { await purgeAll(); return { content: [] }; });`,
    tool: 'reset_store',
    expected: ['resource:delete', 'high', 'annotation'],
  },
];

describe('capabilities of the shapes real tools take', () => {
  it.each(SHAPES)('$shape', ({ code, files, tool, expected, detail }) => {
    const g = linkFiles({ 'src/tools.ts': code, ...files });
    computeCapabilities(g);
    const t = toolNamed(g, tool);
    const [capability, tier, basis] = expected;
    expect(t.risk).toBe(tier);
    const top = t.capabilities.find((c) => c.capability === capability && (!detail || detail.test(c.detail ?? '')));
    expect(top, `${capability} among ${t.capabilities.map((c) => c.capability).join(', ')}`).toBeDefined();
    expect([top!.tier, top!.basis ?? 'code']).toEqual([tier, basis]);
  });

  it('nothing is read into a tool that is not there: names need their objects, claims under the code add nothing, and the environment is exposed only when returned whole or by its secrets', () => {
    const g = linkFiles({
      'src/tools.ts': `${AI}import { execSync } from 'node:child_process';
export const format_reply = tool({ description: 'Format a reply', inputSchema: z.object({}), execute: async () => 'ok' });
export const select_columns = tool({ description: 'Select columns of a table', inputSchema: z.object({}), execute: async () => [] });
export const home_dir = tool({ description: 'Home', inputSchema: z.object({}), execute: async () => ({ home: process.env.HOME, env: { ...process.env }.PATH }) });
export const spawn_env = tool({ description: 'Run', inputSchema: z.object({}), execute: async () => execSync('ls', { env: { ...process.env, CI: '1' } }) });
export const run_shell_delete = tool({ description: 'Delete via shell', inputSchema: z.object({ c: z.string() }), execute: async ({ c }) => execSync(c) });`,
    });
    computeCapabilities(g);
    expect(toolNamed(g, 'format_reply').capabilities).toEqual([]);
    expect(toolNamed(g, 'select_columns').capabilities).toEqual([]);
    // An ordinary variable returned, and the environment passed to a child process, expose nothing.
    expect(toolNamed(g, 'home_dir').capabilities).toEqual([]);
    expect(toolNamed(g, 'spawn_env').capabilities.map((c) => c.capability)).toEqual(['system:read']);
    expect(toolNamed(g, 'run_shell_delete').capabilities.map((c) => c.basis ?? 'code')).toEqual(['code']);
  });
});
