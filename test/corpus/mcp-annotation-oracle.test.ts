/**
 * The MCP servers of the risk benchmark, run over stdio: each tool's own annotations, as the server lists them, are
 * checked against the tier inferred from its code. A destructive tool must be rated high or above from its code; a
 * read-only one must reach no write, or be reported by `misdeclared-tool-hint`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, THIRD_PARTY } from '../helpers/cli';
import { liveToolsOf } from '../helpers/mcp-live';

const CORPUS = join(THIRD_PARTY, 'corpus', 'node_modules');
const WRITE = /:(write|delete|send|email|sms|exec|execute|admin|refund|config-write|infra-write|compute-write|create)$/;

interface InvTool {
  name: string;
  risk: string | null;
  capabilities: { capability: string; tier: string; basis: string }[];
}

const SERVERS: {
  pkg: string;
  entry: string;
  args?: () => string[];
  /** What the server needs to start and list its tools (no request is made with it). */
  env?: Record<string, string>;
  destructive: number;
  readOnly: number;
}[] = [
  {
    pkg: '@modelcontextprotocol/server-filesystem',
    entry: 'dist/index.js',
    args: () => [mkdtempSync(join(tmpdir(), 'aw-fs-'))],
    destructive: 3,
    readOnly: 10,
  },
  { pkg: '@modelcontextprotocol/server-memory', entry: 'dist/index.js', destructive: 3, readOnly: 3 },
  {
    pkg: '@modelcontextprotocol/server-everything',
    entry: 'dist/index.js',
    args: () => ['stdio'],
    destructive: 0,
    readOnly: 9,
  },
  { pkg: '@modelcontextprotocol/server-sequential-thinking', entry: 'dist/index.js', destructive: 0, readOnly: 1 },
  { pkg: 'exa-mcp-server', entry: 'dist/stdio.cjs', env: { EXA_API_KEY: 'test' }, destructive: 0, readOnly: 2 },
  { pkg: 'tavily-mcp', entry: 'build/index.js', env: { TAVILY_API_KEY: 'test' }, destructive: 0, readOnly: 0 },
  { pkg: 'firecrawl-mcp', entry: 'dist/index.js', env: { FIRECRAWL_API_KEY: 'test' }, destructive: 3, readOnly: 18 },
];

describe.each(SERVERS)(
  '$pkg: its own annotations are the oracle',
  ({ pkg, entry, args, env, destructive, readOnly }) => {
    it('every destructive tool is rated high or above from its code; no read-only one reaches a write unreported', async () => {
      const dir = join(CORPUS, pkg);
      const live = await liveToolsOf(join(dir, entry), { args: args?.(), env });
      const scan = JSON.parse(runCli(['scan', '--format', 'json', dirname(join(dir, entry))]).stdout);
      const inventory = JSON.parse(runCli(['inventory', dirname(join(dir, entry))]).stdout);
      const tools = new Map<string, InvTool>(inventory.tools.map((t: InvTool) => [t.name, t]));
      const misdeclared = new Set(
        scan.findings
          .filter((f: { ruleId: string }) => f.ruleId === 'misdeclared-tool-hint')
          .map((f: { message: string }) => /^Tool '([^']+)'/.exec(f.message)?.[1]),
      );
      const destructiveTools = live.filter((t) => t.annotations?.destructiveHint === true);
      const readOnlyTools = live.filter((t) => t.annotations?.readOnlyHint === true);
      expect([destructiveTools.length, readOnlyTools.length]).toEqual([destructive, readOnly]);
      for (const { name } of destructiveTools) {
        const t = tools.get(name);
        expect(t, name).toBeDefined();
        expect(['high', 'critical'], `${name}: ${t!.risk}`).toContain(t!.risk);
        expect(t!.capabilities.find((c) => c.tier === t!.risk)?.basis, name).toBe('code');
      }
      for (const { name } of readOnlyTools) {
        const writes = tools.get(name)?.capabilities.filter((c) => WRITE.test(c.capability) && c.tier !== 'medium');
        if (writes?.length) expect(misdeclared, `${name} writes (${writes[0]!.capability})`).toContain(name);
      }
    });
  },
);
