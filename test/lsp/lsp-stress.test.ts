import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { type LspSession, startLsp } from '../helpers/lsp-client';

/**
 * The language server under load, over stdio: 5,000 rapid edits with cancelled pulls in between, 1,000
 * files opened and closed, a burst of 2,000 on-disk changes (a branch switch), the config broken and
 * fixed. It must stay up, answer within budget, end with the diagnostics a fresh analysis gives, and
 * keep its heap flat. Timings and memory are printed (figures for the issue), not asserted tightly.
 */
const TOOLS = 1_000;
const ANSWER_BUDGET_MS = 5_000; // generous: a noisy 2-core machine; typical answers take milliseconds

function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'aw-stress-'));
  const write = (rel: string, text: string) => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  write('agent-warden.json', '{ "owners": { "src/tools/**": "team-tools" } }\n');
  for (let i = 0; i < TOOLS; i++) write(`src/tools/tool-${i}.ts`, toolFile(i, 0));
  const lines = [
    `import { generateText } from 'ai';`,
    ...Array.from({ length: 40 }, (_, i) => `import { t${i} } from './tools/tool-${i}';`),
  ];
  for (let k = 0; k < 200; k++)
    lines.push(`// context line ${k}: the agent's long prompt and helpers`, `export const note${k} = 'step ${k}';`);
  lines.push(
    `/** @owner team-agents @revocation flag AGENT */`,
    `export async function agent(prompt: string) {`,
    `  return generateText({ model: {} as any, prompt, tools: { ${Array.from({ length: 40 }, (_, i) => `t${i}`).join(', ')} } });`,
    `}`,
  );
  write('src/agent.ts', `${lines.join('\n')}\n`);
  return root;
}

function toolFile(i: number, version: number): string {
  // Every other tool lacks a scope: findings all over the workspace for the final comparison.
  return `import { tool } from 'ai';\nimport { z } from 'zod';\n${i % 2 ? '' : '/** @scope network:egress */\n'}export const t${i} = tool({ description: 'tool ${i} v${version}', inputSchema: z.object({ q: z.string() }), execute: async ({ q }) => fetch('https://example.invalid/${i}/' + q) });\n`;
}

const key = (d: { file: string; line: number; column: number; ruleId: string; message: string }) =>
  `${d.file}:${d.line}:${d.column} ${d.ruleId} ${d.message}`;

describe('language server stress (over stdio)', { timeout: 600_000 }, () => {
  let s: LspSession;
  const slowest: Record<string, number> = {};
  const timed = async <T>(what: string, p: Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const v = await p;
    slowest[what] = Math.max(slowest[what] ?? 0, performance.now() - t0);
    return v;
  };
  const memory = async () =>
    ((await s.conn.sendRequest('agentWarden/timings')) as { memory: { rss: number; heapUsed: number } }).memory;
  let before: { rss: number; heapUsed: number };

  beforeAll(async () => {
    s = await startLsp(workspace(), { execArgv: ['--expose-gc'] });
    await s.waitReady();
    before = await memory();
  });
  afterAll(async () => {
    const after = s ? await memory() : undefined;
    const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
    console.log(
      `stress: slowest answers ${JSON.stringify(Object.fromEntries(Object.entries(slowest).map(([k, v]) => [k, `${v.toFixed(0)} ms`])))}`,
    );
    if (after)
      console.log(
        `stress: server after GC — RSS ${mb(before.rss)} → ${mb(after.rss)}, heap used ${mb(before.heapUsed)} → ${mb(after.heapUsed)}`,
      );
    if (s) expect(await s.close()).toBe(0);
  });

  it('5,000 rapid edits to a 1,000-line agent file, every other pull cancelled', async () => {
    const rel = 'src/agent.ts';
    let text = s.open(rel).getText();
    const t0 = performance.now();
    for (let i = 0; i < 5_000; i++) {
      text = text.replace(/step (\d+)'/, (_, n) => `step ${Number(n) + 1}'`);
      s.change(rel, text);
      if (i % 10 === 9) {
        const cts = new CancellationTokenSource();
        const pull = timed(
          'pull',
          s.conn
            .sendRequest('textDocument/diagnostic', { textDocument: { uri: s.uri(rel) } }, cts.token)
            .catch((e: { code?: number }) => ({ cancelled: e.code })),
        );
        if (i % 20 === 9) cts.cancel();
        await pull;
      }
    }
    console.log(
      `stress: 5,000 edits with 500 pulls (250 cancelled) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const final = await timed('pull', s.pull(rel));
    expect(final.kind).toBe('full');
    expect(slowest.pull).toBeLessThan(ANSWER_BUDGET_MS);
  });

  it('1,000 files opened and closed', async () => {
    const t0 = performance.now();
    for (let i = 0; i < TOOLS; i++) {
      const rel = `src/tools/tool-${i}.ts`;
      s.open(rel);
      if (i % 50 === 0) await timed('pull', s.pull(rel));
      void s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: s.uri(rel) } });
      s.docs.delete(rel);
    }
    const status = (await timed('status', s.conn.sendRequest('agentWarden/status'))) as { state: string };
    expect(status.state).toBe('ready');
    console.log(`stress: 1,000 files opened and closed in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  });

  it('a burst of 2,000 on-disk changes (a branch switch), then the config broken and fixed', async () => {
    const t0 = performance.now();
    const changes: { uri: string; type: number }[] = [];
    for (let i = 0; i < TOOLS; i++) {
      writeFileSync(join(s.root, `src/tools/tool-${i}.ts`), toolFile(i, 1));
      changes.push({ uri: s.uri(`src/tools/tool-${i}.ts`), type: 2 });
      writeFileSync(join(s.root, `src/tools/new-${i}.ts`), toolFile(TOOLS + i, 0));
      changes.push({ uri: s.uri(`src/tools/new-${i}.ts`), type: 1 });
    }
    void s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes });
    const r = await timed('pull after burst', s.pull('src/agent.ts'));
    expect(r.kind).toBe('full');
    console.log(
      `stress: 2,000 on-disk changes absorbed and the agent file re-pulled in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    const config = join(s.root, 'agent-warden.json');
    const good = readFileSync(config, 'utf8');
    writeFileSync(config, '{ "owners": { "src/tools/**": 42 }, ');
    void s.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: s.uri('agent-warden.json'), type: 2 }],
    });
    s.open('agent-warden.json', readFileSync(config, 'utf8'));
    const broken = await timed('pull', s.pull('agent-warden.json'));
    expect(broken.items!.some((d) => d.code === 'invalid-config')).toBe(true);
    writeFileSync(config, good);
    s.change('agent-warden.json', good);
    void s.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: s.uri('agent-warden.json'), type: 2 }],
    });
    const fixed = await timed('pull', s.pull('agent-warden.json'));
    expect(fixed.items!.some((d) => d.code === 'invalid-config')).toBe(false);
  });

  it('ends with exactly the findings a fresh analysis of the same files gives', async () => {
    // The buffer of agent.ts is the truth: write it out, close it, and compare with the CLI on the folder.
    writeFileSync(join(s.root, 'src/agent.ts'), s.docs.get('src/agent.ts')!.getText());
    void s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: s.uri('src/agent.ts') } });
    s.docs.delete('src/agent.ts');
    void s.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: s.uri('src/agent.ts'), type: 2 }],
    });
    const report = (await timed(
      'workspace diagnostics',
      s.conn.sendRequest('workspace/diagnostic', { previousResultIds: [] }),
    )) as {
      items: {
        uri: string;
        items: { range: { start: { line: number; character: number } }; code: string; message: string }[];
      }[];
    };
    const server = report.items
      .flatMap((f) =>
        f.items.map((d) =>
          key({
            file: f.uri.slice(s.uri('').length + 1),
            line: d.range.start.line + 1,
            column: d.range.start.character + 1,
            ruleId: d.code,
            message: d.message,
          }),
        ),
      )
      .sort();
    const cli = JSON.parse(runCli(['scan', '.', '--format', 'json'], { cwd: s.root }).stdout)
      .findings.map(key)
      .sort();
    expect(cli.length).toBeGreaterThan(100);
    const onlyServer = server.filter((x) => !cli.includes(x));
    const onlyCli = cli.filter((x: string) => !server.includes(x));
    expect({
      onlyServer: onlyServer.slice(0, 5),
      onlyCli: onlyCli.slice(0, 5),
      counts: [onlyServer.length, onlyCli.length],
    }).toEqual({ onlyServer: [], onlyCli: [], counts: [0, 0] });
  });

  it('the heap stays flat (after GC)', async () => {
    const after = await memory();
    // 2,000 more files are indexed now; the heap may grow with them, not with the edits.
    expect(after.heapUsed).toBeLessThan(before.heapUsed + 150 * 1024 * 1024);
  });
});
