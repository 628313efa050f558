import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { describe, expect, it } from 'vitest';
import { REPO, runCli } from '../helpers/cli';

/**
 * An oracle nobody here wrote: published MCP servers (pinned in package.json) are started over
 * stdio and asked `tools/list`; the static inventory of their published code must name exactly
 * those tools. Dummy credentials are enough for the servers to start; none is a real key.
 */
interface ServerCase {
  pkg: string;
  args?: string[];
  env?: Record<string, string>;
  expectedCount: number;
  /** Why the live answer may differ from the static list, where a server filters at run time. */
  runtimeFilter?: string;
}

const SERVERS: ServerCase[] = [
  { pkg: '@modelcontextprotocol/server-github', env: { GITHUB_PERSONAL_ACCESS_TOKEN: 'dummy-token-for-tools-list' }, expectedCount: 26 },
  { pkg: '@modelcontextprotocol/server-slack', env: { SLACK_BOT_TOKEN: 'dummy-token-for-tools-list', SLACK_TEAM_ID: 'T0DUMMY' }, expectedCount: 8 },
  { pkg: '@modelcontextprotocol/server-gitlab', env: { GITLAB_PERSONAL_ACCESS_TOKEN: 'dummy-token-for-tools-list' }, expectedCount: 9 },
  { pkg: '@modelcontextprotocol/server-postgres', args: ['postgresql://127.0.0.1:1/none'], expectedCount: 1 },
  {
    pkg: 'mcp-server-kubernetes',
    expectedCount: 23,
    runtimeFilter:
      'ALLOWED_TOOLS, ALLOW_ONLY_READONLY_TOOLS and ALLOW_ONLY_NON_DESTRUCTIVE_TOOLS narrow the list at run time (`baseTools.filter(isToolAllowed)`); the static inventory lists every tool the server can expose, which is what the server answers with none of them set (as here).',
  },
];

function entryOf(pkg: string): string {
  const dir = dirname(require.resolve(`${pkg}/package.json`, { paths: [REPO] }));
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const bin = typeof manifest.bin === 'string' ? manifest.bin : Object.values(manifest.bin as Record<string, string>)[0];
  return join(dir, bin);
}

async function liveToolNames(s: ServerCase): Promise<string[]> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...s.env };
  const transport = new StdioClientTransport({ command: process.execPath, args: [entryOf(s.pkg), ...(s.args ?? [])], env, stderr: 'pipe' });
  const client = new Client({ name: 'agent-warden-oracle', version: '1.0.0' });
  await client.connect(transport);
  try {
    const { tools } = await client.listTools();
    return tools.map((t) => t.name).sort();
  } finally {
    await client.close();
  }
}

describe('MCP servers: static inventory = live tools/list', () => {
  for (const s of SERVERS) {
    it(`${s.pkg}${s.runtimeFilter ? ' (filters at run time; see test)' : ''}`, async () => {
      const live = await liveToolNames(s);
      expect(live).toHaveLength(s.expectedCount);
      const dir = dirname(entryOf(s.pkg));
      const inv = JSON.parse(runCli(['inventory', dir]).stdout);
      const staticNames = inv.tools.filter((t: { agents: string[] }) => t.agents.length > 0).map((t: { name: string }) => t.name).sort();
      expect(staticNames).toEqual(live);
      expect(inv.agents).toHaveLength(1);
      expect(inv.dynamicRegistrations).toEqual([]);
    });
  }
});
