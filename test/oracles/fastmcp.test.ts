import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { bundleForRuntime } from '../helpers/framework-oracle';
import { liveToolsOf } from '../helpers/mcp-live';

/**
 * FastMCP's own runtime is the oracle: the fixture server (shaped after published FastMCP servers: one tool
 * added inline, the others plain objects in files of their own, registered by a `registerTools(server)`
 * function with `addTool` and `addTools`) is run on each pinned major and asked `tools/list` over stdio. The
 * static inventory of the same sources must name exactly those tools, with the same MCP hints.
 */
const FIXTURE = 'test/fixtures/fastmcp-server';
const MAJORS: { label: string; alias: Record<string, string> }[] = [
  { label: 'fastmcp 4', alias: {} },
  { label: 'fastmcp 3', alias: { fastmcp: 'fastmcp-3' } },
];

interface InventoryTool {
  name: string;
  framework: string;
  agents: string[];
  hints: { readOnly: boolean | null; destructive: boolean | null } | null;
}

const hintsOf = (h?: { readOnly?: boolean | null; destructive?: boolean | null } | null) =>
  `${h?.readOnly ? 'read-only' : ''}${h?.destructive ? 'destructive' : ''}`;

describe('FastMCP: static inventory = the runtime’s tools/list', () => {
  const inventory = JSON.parse(runCli(['inventory', FIXTURE]).stdout) as { tools: InventoryTool[] };
  const staticTools = inventory.tools
    // Exposed by the server (registered on it, directly or through registerTools(server)).
    .filter((t) => t.framework === 'fastmcp' && t.agents.includes('Tasks'))
    .map((t) => `${t.name} ${hintsOf(t.hints)}`)
    .sort();

  for (const { label, alias } of MAJORS) {
    it(label, { timeout: 60_000 }, async () => {
      const server = bundleForRuntime(`${FIXTURE}/src/index.ts`, `fastmcp-server-${label.split(' ')[1]}`, alias);
      const live = await liveToolsOf(server, { env: { TASKS_API_URL: 'http://127.0.0.1:9' } });
      const liveTools = live
        .map(
          (t) =>
            `${t.name} ${hintsOf({ readOnly: t.annotations?.readOnlyHint, destructive: t.annotations?.destructiveHint })}`,
        )
        .sort();
      expect(liveTools).toHaveLength(4);
      expect(staticTools).toEqual(liveTools);
    });
  }
});
