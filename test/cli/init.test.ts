import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config/load-config';
import { DEFAULT_TEST_PATHS } from '../../server/src/engine';
import { runCli, tempProject } from '../helpers/cli';

/** A repository as a team adopting Agent Warden has one: an MCP server and an agent, owned through CODEOWNERS. */
function repository(): string {
  const dir = tempProject({
    'package.json': JSON.stringify({ dependencies: { '@modelcontextprotocol/sdk': '^1.20.0', ai: '^6.0.0' } }),
    '.github/CODEOWNERS': '* @acme/platform\n/src/payments/ @acme/payments\n',
    'src/ops/server.ts': `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { rm } from 'node:fs/promises';
export const server = new McpServer({ name: 'ops', version: '1.0.0' });
server.registerTool('purge_cache', { description: 'Purge the cache' }, async () => {
  await rm('/srv/cache', { recursive: true });
  return { content: [] };
});
`,
    'src/payments/agent.ts': `import { ToolLoopAgent, tool } from 'ai';
export const refund = tool({ description: 'Refund', inputSchema: {} as never, execute: async () => fetch('https://pay.example/refunds', { method: 'POST' }) });
export const payments = new ToolLoopAgent({ model: 'openai/gpt-5', instructions: '', tools: { refund } });
`,
  });
  expect(spawnSync('git', ['init', '-q'], { cwd: dir }).status).toBe(0);
  return dir;
}

describe('agent-warden init', () => {
  it('writes a config with the frameworks found, owners from CODEOWNERS, test code left out, every rule explained', () => {
    const dir = repository();
    const r = runCli(['init'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('wrote agent-warden.json (mcp, ai-sdk; 2 folders owned through CODEOWNERS)');
    const text = readFileSync(join(dir, 'agent-warden.json'), 'utf8');
    expect(text).toContain('Frameworks found: mcp (1 agent, 1 tool), ai-sdk (1 agent, 1 tool).');
    expect(text).toMatch(/^ {4}\/\/ "missing-owner": +"warning", +\(graded by risk\) /m);
    const config = loadConfig(dir);
    // Outer folders first: the config's last match wins.
    expect(Object.entries(config.owners)).toEqual([
      ['src/ops/**', '@acme/platform'],
      ['src/payments/**', '@acme/payments'],
    ]);
    expect(config.testPaths).toEqual(DEFAULT_TEST_PATHS);
    expect(config.governance).toEqual({ owner: 'medium', scope: 'medium', revocation: 'high', audit: 'critical' });
    expect(config.rules).toEqual({}); // every level is a comment until someone sets it
    expect(config.baseline).toBeUndefined();
  });

  it('says where it found a framework dependency but no agent', () => {
    const dir = repository();
    mkdirSync(join(dir, 'apps/research'), { recursive: true });
    writeFileSync(
      join(dir, 'apps/research/package.json'),
      JSON.stringify({ dependencies: { '@langchain/langgraph': '^1.0.0' } }),
    );
    expect(runCli(['init'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(join(dir, 'agent-warden.json'), 'utf8')).toContain(
      '// apps/research/package.json: depends on @langchain/langgraph but no agent or tool was found in its code',
    );
  });

  it('leaves an existing config alone unless told to replace it', () => {
    const dir = repository();
    expect(runCli(['init'], { cwd: dir }).code).toBe(0);
    const again = runCli(['init'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('agent-warden.json already exists here (--force replaces it)');
    expect(runCli(['init', '--force'], { cwd: dir }).code).toBe(0);
  });

  it('with --baseline, records today’s findings: the next scan reports only new ones', () => {
    const dir = repository();
    const before = runCli(['scan', '--format', 'json'], { cwd: dir });
    const today = JSON.parse(before.stdout).findings.length;
    expect(today).toBeGreaterThan(0);
    const r = runCli(['init', '--baseline'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`recorded ${today} findings in .agent-warden-baseline.json`);
    expect(existsSync(join(dir, '.agent-warden-baseline.json'))).toBe(true);
    expect(loadConfig(dir).baseline).toBe('.agent-warden-baseline.json');
    const after = runCli(['scan'], { cwd: dir });
    expect(after.code).toBe(0);
    expect(after.stdout).toContain(`${today} known findings hidden by the baseline.`);
  });
});
