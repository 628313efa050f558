import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { REPO, runCli, THIRD_PARTY } from './cli';

/**
 * Where a fixture runs: `.` is third-party/ itself (MCP servers, FastMCP, zod 3), `frameworks` the agent frameworks
 * whose peers ask for zod 4 (third-party/frameworks), `voltagent-1` VoltAgent's previous major, `cloudflare` the
 * Agents SDK and Miniflare, `claude` the Claude Agent SDK (without the Claude Code binary).
 */
export type OracleProject = '.' | 'frameworks' | 'voltagent-1' | 'cloudflare' | 'claude';

/**
 * A fixture project built to run on a framework's real runtime, with esbuild, into `.oracles/` of a third-party
 * project: for Node, its entry bundled with its packages left as imports, so that they load the pinned packages
 * installed there (`alias` runs it against another pinned major: `{ fastmcp: 'fastmcp-3' }`); for workerd
 * (`worker`), everything bundled in as Wrangler does, but `cloudflare:*`, from a copy of the sources placed beside
 * the pinned packages so that those are the ones bundled. The analyzer reads the sources; only the oracles run them.
 */
export function bundleForRuntime(
  entry: string,
  name: string,
  alias: Record<string, string> = {},
  project: OracleProject = '.',
  target: 'node' | 'worker' = 'node',
): string {
  const outDir = join(THIRD_PARTY, project, '.oracles');
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, `${name}.mjs`);
  let input = resolve(REPO, entry);
  if (target === 'worker') {
    const copy = join(outDir, name);
    cpSync(dirname(input), copy, { recursive: true });
    input = join(copy, basename(input));
  }
  const how =
    target === 'worker' ? ['--conditions=workerd,worker', '--external:cloudflare:*'] : ['--packages=external'];
  const r = spawnSync(
    join(REPO, 'node_modules/.bin/esbuild'),
    [
      input,
      '--bundle',
      '--platform=node',
      '--format=esm',
      ...how,
      '--log-level=error',
      ...Object.entries(alias).map(([from, to]) => `--alias:${from}=${to}`),
      `--outfile=${outfile}`,
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`esbuild failed: ${r.stderr}`);
  return outfile;
}

/** What an agent is, as the oracle compares it: its tools' model-facing names, whom it delegates to, gated tools. */
export interface AgentShape {
  name: string;
  tools: string[];
  delegates: string[];
  /** The tools a human must approve before they run. */
  approvals: string[];
}

/**
 * Runs a fixture on its framework's runtime and reads back what the framework holds: `probe` is an ES module's
 * text, run beside the bundle (`./<name>.mjs`), that imports it and prints one line of JSON (`AgentShape[]`)
 * built from the framework's own objects (its registry, each agent's tool list).
 */
export function probeRuntime(entry: string, name: string, probe: string, project: OracleProject): AgentShape[] {
  const bundle = bundleForRuntime(entry, name, {}, project);
  const script = bundle.replace(/\.mjs$/, '.probe.mjs');
  writeFileSync(script, probe);
  const r = spawnSync(process.execPath, [script], {
    cwd: join(THIRD_PARTY, project),
    encoding: 'utf8',
    timeout: 60_000,
    // No credentials and no network: the fixtures must register their tools without calling a model.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'production' },
  });
  const line = r.stdout
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('['));
  if (r.status !== 0 || !line) throw new Error(`probe failed (${r.status}): ${r.stderr.slice(-2000)}`);
  return normalise(JSON.parse(line) as AgentShape[]);
}

interface InventoryJson {
  agents: { name: string; framework: string; tools: string[]; toolIds: string[]; delegates: string[] }[];
  tools: { id: string; name: string; approval: string | null }[];
}

/**
 * The analyzer's inventory of a fixture, in the oracle's shape: the agents of `framework`. `gate` picks the
 * approvals the runtime can show (by the inventory's description of each), where code can ask as well.
 */
export function staticAgents(
  fixture: string,
  framework: string,
  gate: (detail: string) => boolean = () => true,
): AgentShape[] {
  const inventory = JSON.parse(runCli(['inventory', fixture]).stdout) as InventoryJson;
  const gated = new Set(inventory.tools.filter((t) => t.approval !== null && gate(t.approval)).map((t) => t.id));
  return normalise(
    inventory.agents
      .filter((a) => a.framework === framework)
      .map((a) => ({
        name: a.name,
        tools: a.tools,
        delegates: a.delegates,
        approvals: a.tools.filter((_, i) => gated.has(a.toolIds[i]!)),
      })),
  );
}

function normalise(agents: AgentShape[]): AgentShape[] {
  return agents
    .map((a) => ({
      name: a.name,
      tools: [...a.tools].sort(),
      delegates: [...a.delegates].sort(),
      approvals: [...a.approvals].sort(),
    }))
    .sort((x, y) => x.name.localeCompare(y.name));
}
