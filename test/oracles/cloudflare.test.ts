import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, THIRD_PARTY } from '../helpers/cli';
import { bundleForRuntime } from '../helpers/framework-oracle';

/**
 * Cloudflare's Workers runtime is the oracle: the fixture (shaped after Cloudflare's remote MCP server template: an
 * `McpAgent` Durable Object whose `init()` registers tools on `this.server`, served with `NotesMCP.serve('/mcp')`)
 * is bundled the way Wrangler bundles a worker, run in workerd through Miniflare (both pinned in
 * third-party/cloudflare) with its Durable Object and KV bindings, and asked `tools/list` over Streamable HTTP.
 */
const FIXTURE = 'test/fixtures/cloudflare-mcp-agent';
// The runner sits beside the bundle (`worker.mjs`) in third-party/cloudflare/.oracles.
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

interface InventoryTool {
  name: string;
  agents: string[];
  hints: { readOnly: boolean | null; destructive: boolean | null } | null;
}

describe('Cloudflare Agents: static inventory = what the McpAgent serves in workerd', () => {
  it('agents 0.32 on workerd (miniflare 4)', { timeout: 120_000 }, () => {
    bundleForRuntime(`${FIXTURE}/src/index.ts`, 'worker', {}, 'cloudflare', 'worker');
    const runner = join(PROJECT, '.oracles', 'run.mjs');
    writeFileSync(runner, RUNNER);
    const r = spawnSync(process.execPath, [runner], { cwd: PROJECT, encoding: 'utf8', timeout: 90_000 });
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
