import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { entryOf, liveTools } from '../helpers/mcp-live';

/**
 * An oracle nobody here wrote: published MCP servers (pinned in third-party/package.json) are started over
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
  {
    pkg: '@modelcontextprotocol/server-github',
    env: { GITHUB_PERSONAL_ACCESS_TOKEN: 'dummy-token-for-tools-list' },
    expectedCount: 26,
  },
  {
    pkg: '@modelcontextprotocol/server-slack',
    env: { SLACK_BOT_TOKEN: 'dummy-token-for-tools-list', SLACK_TEAM_ID: 'T0DUMMY' },
    expectedCount: 8,
  },
  {
    pkg: '@modelcontextprotocol/server-gitlab',
    env: { GITLAB_PERSONAL_ACCESS_TOKEN: 'dummy-token-for-tools-list' },
    expectedCount: 9,
  },
  { pkg: '@modelcontextprotocol/server-postgres', args: ['postgresql://127.0.0.1:1/none'], expectedCount: 1 },
  {
    pkg: 'mcp-server-kubernetes',
    expectedCount: 23,
    runtimeFilter:
      'ALLOWED_TOOLS, ALLOW_ONLY_READONLY_TOOLS and ALLOW_ONLY_NON_DESTRUCTIVE_TOOLS narrow the list at run time (`baseTools.filter(isToolAllowed)`); the static inventory lists every tool the server can expose, which is what the server answers with none of them set (as here).',
  },
];

async function liveToolNames(s: ServerCase): Promise<string[]> {
  return (await liveTools(s.pkg, s)).map((t) => t.name).sort();
}

describe('MCP servers: static inventory = live tools/list', () => {
  for (const s of SERVERS) {
    it(`${s.pkg}${s.runtimeFilter ? ' (filters at run time; see test)' : ''}`, async () => {
      const live = await liveToolNames(s);
      expect(live).toHaveLength(s.expectedCount);
      const dir = dirname(entryOf(s.pkg));
      const inv = JSON.parse(runCli(['inventory', dir]).stdout);
      const staticNames = inv.tools
        .filter((t: { agents: string[] }) => t.agents.length > 0)
        .map((t: { name: string }) => t.name)
        .sort();
      expect(staticNames).toEqual(live);
      expect(inv.agents).toHaveLength(1);
      expect(inv.dynamicRegistrations).toEqual([]);
    });
  }
});
