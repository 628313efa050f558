import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli, THIRD_PARTY } from '../helpers/cli';

/**
 * Cloudflare's Workers runtime is the oracle: the fixture (shaped after Cloudflare's remote MCP server template: an
 * `McpAgent` Durable Object whose `init()` registers tools on `this.server`, served with `NotesMCP.serve('/mcp')`)
 * is bundled the way Wrangler bundles a worker, run in workerd through Miniflare (both pinned in
 * third-party/cloudflare) with its Durable Object and KV bindings, and asked `tools/list` over Streamable HTTP.
 */
const FIXTURE = 'test/fixtures/cloudflare-mcp-agent';
const PROJECT = join(THIRD_PARTY, 'cloudflare');
const RUNNER = `
import { Miniflare } from 'miniflare';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
const mf = new Miniflare({
  modules: true,
  scriptPath: new URL('./worker.mjs', import.meta.url).pathname,
  compatibilityDate: '2026-07-01',
  compatibilityFlags: ['nodejs_compat'],
  durableObjects: { MCP_OBJECT: { className: 'NotesMCP', useSQLite: true } },
  kvNamespaces: ['NOTES'],
  port: 0,
});
const client = new Client({ name: 'agent-warden-oracle', version: '1.0.0' });
await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', await mf.ready)));
const { tools } = await client.listTools();
console.log(JSON.stringify(tools.map((t) => t.name + hint(t.annotations))));
await client.close();
await mf.dispose();
function hint(a) {
  return (a?.readOnlyHint ? ' read-only' : '') + (a?.destructiveHint ? ' destructive' : '');
}
`;

/** The fixture copied beside the pinned packages and bundled as Wrangler does: everything in, `cloudflare:*` out. */
function bundleWorker(): string {
  const dir = join(PROJECT, '.oracles', 'cloudflare-mcp-agent');
  mkdirSync(dir, { recursive: true });
  cpSync(join(REPO, FIXTURE, 'src'), join(dir, 'src'), { recursive: true });
  const r = spawnSync(
    join(REPO, 'node_modules/.bin/esbuild'),
    [
      join(dir, 'src/index.ts'),
      '--bundle',
      '--format=esm',
      '--platform=node',
      '--conditions=workerd,worker',
      '--external:cloudflare:*',
      '--log-level=error',
      `--outfile=${join(dir, 'worker.mjs')}`,
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`esbuild failed: ${r.stderr}`);
  writeFileSync(join(dir, 'run.mjs'), RUNNER);
  return join(dir, 'run.mjs');
}

interface InventoryTool {
  name: string;
  agents: string[];
  hints: { readOnly: boolean | null; destructive: boolean | null } | null;
}

describe('Cloudflare Agents: static inventory = what the McpAgent serves in workerd', () => {
  it('agents 0.32 on workerd (miniflare 4)', { timeout: 120_000 }, () => {
    const r = spawnSync(process.execPath, [bundleWorker()], { cwd: PROJECT, encoding: 'utf8', timeout: 90_000 });
    const line = r.stdout
      .trim()
      .split('\n')
      .reverse()
      .find((l) => l.startsWith('['));
    if (!line) throw new Error(`workerd run failed (${r.status}): ${r.stderr.slice(-2000)}`);
    const live = (JSON.parse(line) as string[]).sort();
    expect(live).toHaveLength(3);
    const { tools } = JSON.parse(runCli(['inventory', FIXTURE]).stdout) as { tools: InventoryTool[] };
    const hint = (t: InventoryTool) =>
      (t.hints?.readOnly ? ' read-only' : '') + (t.hints?.destructive ? ' destructive' : '');
    const served = tools.filter((t) => t.agents.includes('Notes')).map((t) => t.name + hint(t));
    expect(served.sort()).toEqual(live);
  });
});
