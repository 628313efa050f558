// The language server over stdio, with the built server. First, server-side time per edit of a 1,000-line agent file
// in a generated workspace; then, in a real agent-dense workspace (the benchmark corpus, scripts/dense-corpus.mjs)
// that is still being indexed, the editor's round trip per edit (change sent → diagnostics back) during indexing and
// after it, and the time to the opened file's first diagnostics when the server starts again (a first start has cached
// its compiled code, as a user's earlier session has), also after a first session that indexed and took edits.
// Usage: node bench/lsp-edit-latency.mjs [files=200] [edits=300]
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { denseCorpus } from '../scripts/dense-corpus.mjs';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';

const files = Number(process.argv[2] ?? 200);
const edits = Number(process.argv[3] ?? 300);
const root = mkdtempSync(join(tmpdir(), 'agent-warden-bench-'));
// The generated workspace goes when the bench ends, however it ends (BENCH_KEEP=1 keeps it).
process.on('exit', () => {
  if (!process.env.BENCH_KEEP) rmSync(root, { recursive: true, force: true });
});
process.on('SIGINT', () => process.exit(130));
mkdirSync(join(root, 'src/tools'), { recursive: true });

// A workspace of small tool files and one 1,000-line agent file that imports some of them.
for (let i = 0; i < files; i++) {
  writeFileSync(
    join(root, `src/tools/tool-${i}.ts`),
    `import { tool } from 'ai';\nimport { z } from 'zod';\n/** @owner team-${i % 7} */\nexport const t${i} = tool({ description: 'tool ${i}', inputSchema: z.object({ q: z.string() }), execute: async ({ q }) => fetch('https://example.invalid/' + q) });\n`,
  );
}
const lines = [`import { generateText, tool } from 'ai';`, `import { z } from 'zod';`];
for (let i = 0; i < Math.min(files, 40); i++) lines.push(`import { t${i} } from './tools/tool-${i}';`);
let n = 0;
while (lines.length < 990) {
  lines.push(
    `/** @scope data:read */`,
    `export const local${n} = tool({`,
    `  description: 'local tool ${n}',`,
    `  inputSchema: z.object({ id: z.string() }),`,
    `  execute: async ({ id }) => ({ id, n: ${n} }),`,
    `});`,
    '',
  );
  n++;
}
lines.push(
  `export async function agent(prompt: string) {`,
  `  return generateText({ model: {} as any, prompt, tools: { ${Array.from({ length: Math.min(files, 40) }, (_, i) => `t${i}`).join(', ')}, local0, local1 } });`,
  `}`,
);
const agentText = lines.join('\n');
writeFileSync(join(root, 'src/agent.ts'), agentText);

/** What VS Code's client declares that matters here: it pulls settings and diagnostics (LSP 3.17), as it does. */
const EDITOR_CAPABILITIES = {
  workspace: { configuration: true, diagnostics: { refreshSupport: true } },
  textDocument: { diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false } },
};

/**
 * The built server over stdio (SERVER_FLAGS are given to node), as an editor that pulls diagnostics drives it.
 * `exited` settles when its process has ended (and written its compiled-code cache).
 */
function startServer(nodeFlags = [], env = {}) {
  const proc = spawn(
    process.execPath,
    [...(process.env.SERVER_FLAGS ?? '').split(' ').filter(Boolean), ...nodeFlags, 'dist/server.js', '--stdio'],
    { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...env } },
  );
  const exited = new Promise((resolve) => proc.on('exit', resolve));
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({ enable: true, run: 'onType', rules: {} })));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('workspace/diagnostic/refresh', () => null);
  conn.onNotification(() => {});
  conn.listen();
  return Object.assign(conn, { exited });
}

/**
 * Pulls a document's diagnostics as VS Code's client does: with the id of the last report it got, so that the server
 * can answer "unchanged" instead of sending every diagnostic again.
 */
const lastResultIds = new WeakMap();
/** Reports pulled, and how many of them were "unchanged". */
const reports = { pulled: 0, unchanged: 0 };
async function pullDiagnostics(server, uri) {
  const ids = lastResultIds.get(server) ?? new Map();
  lastResultIds.set(server, ids);
  const report = await server.sendRequest('textDocument/diagnostic', {
    textDocument: { uri },
    previousResultId: ids.get(uri),
  });
  ids.set(uri, report.resultId);
  reports.pulled++;
  if (report.kind === 'unchanged') reports.unchanged++;
  return report;
}

// Started with a flag of V8's, whose compiled code a server started without it cannot use: its own code cache.
const conn = startServer(['--expose-gc'], { AGENT_WARDEN_CODE_CACHE_DIR: join(root, 'code-cache-expose-gc') });
const rootUri = pathToFileURL(root).href;
await conn.sendRequest('initialize', {
  processId: process.pid,
  rootUri,
  workspaceFolders: [{ uri: rootUri, name: 'bench' }],
  capabilities: EDITOR_CAPABILITIES,
});
conn.sendNotification('initialized', {});
const t0 = performance.now();
const uri = pathToFileURL(join(root, 'src/agent.ts')).href;
conn.sendNotification('textDocument/didOpen', {
  textDocument: { uri, languageId: 'typescript', version: 1, text: agentText },
});
await pullDiagnostics(conn, uri);
const firstMs = performance.now() - t0;
for (;;) {
  const s = await conn.sendRequest('agentWarden/status');
  if (s.state === 'ready') break;
  await new Promise((r) => setTimeout(r, 20));
}
const before = await conn.sendRequest('agentWarden/timings');
// The whole-workspace analysis once (what workspace diagnostics and the inventory ask for), then memory.
const tWhole = performance.now();
await conn.sendRequest('workspace/diagnostic', { previousResultIds: [] });
const wholeMs = performance.now() - tWhole;
const indexedMemory = before.memory;
let text = agentText;
for (let i = 0; i < edits; i++) {
  // Change one description per edit, as typing does: every edit is a real change.
  const k = i % n;
  text = text.replace(new RegExp(`'local tool ${k}( v\\d+)?'`), `'local tool ${k} v${i}'`);
  conn.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: i + 2 },
    contentChanges: [{ text }],
  });
  await pullDiagnostics(conn, uri);
}
const after = await conn.sendRequest('agentWarden/timings');
const change = after.change.slice(before.change.length);
const pull = after.pull.slice(before.pull.length);
if (change.length !== pull.length)
  throw new Error(`expected one re-analysis per edit, got ${change.length} for ${pull.length} pulls`);
const per = pull.map((p, i) => p + change[i]).sort((a, b) => a - b);
const q = (p) => per[Math.min(per.length - 1, Math.floor(p * per.length))];
console.log(`workspace: ${files + 1} files; agent file: ${agentText.split('\n').length} lines; edits: ${per.length}`);
console.log(`first diagnostics after open (while indexing): ${firstMs.toFixed(1)} ms`);
console.log(
  `server-side per edit: median ${q(0.5).toFixed(2)} ms, p95 ${q(0.95).toFixed(2)} ms, max ${per[per.length - 1].toFixed(2)} ms`,
);
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `of which: re-extracting the changed file ${med(change).toFixed(2)} ms, linking + rules + diagnostics of its import neighbourhood ${med(pull).toFixed(2)} ms (medians)`,
);
console.log(`whole-workspace diagnostics (every file linked): ${wholeMs.toFixed(1)} ms`);
const mb = (b) => `${(b / 1024 / 1024).toFixed(0)} MB`;
console.log(
  `server memory after a GC, after the full index: RSS ${mb(indexedMemory.rss)}, heap used ${mb(indexedMemory.heapUsed)}; after the edits: RSS ${mb(after.memory.rss)}, heap used ${mb(after.memory.heapUsed)}`,
);
await conn.sendRequest('shutdown');
conn.sendNotification('exit');

// ---- edits while a real agent-dense workspace indexes
const dense = join(root, 'dense');
cpSync(denseCorpus(), dense, { recursive: true });
mkdirSync(join(dense, 'app'), { recursive: true });
writeFileSync(join(dense, 'app/agent.ts'), agentText);
const denseUri = pathToFileURL(dense).href;
const agentUri = pathToFileURL(join(dense, 'app/agent.ts')).href;
/** A server started on the dense workspace (with `env`), up to the opened file's first diagnostics. */
async function openDense(env = {}) {
  const server = startServer([], env);
  const started = performance.now();
  await server.sendRequest('initialize', {
    processId: process.pid,
    rootUri: denseUri,
    workspaceFolders: [{ uri: denseUri, name: 'dense' }],
    capabilities: EDITOR_CAPABILITIES,
  });
  const answered = performance.now() - started;
  server.sendNotification('initialized', {});
  server.sendNotification('textDocument/didOpen', {
    textDocument: { uri: agentUri, languageId: 'typescript', version: 1, text: agentText },
  });
  await pullDiagnostics(server, agentUri);
  return { server, started, answered, first: performance.now() - started };
}
/** Asks a server to shut down and waits for its process to end (and write its compiled-code cache). */
async function stop(server) {
  await server.sendRequest('shutdown');
  server.sendNotification('exit');
  await server.exited;
}
/**
 * Edits of the opened agent file as typing makes them, one description changed per edit, `pauseMs` apart: each call
 * makes one and gives the time from the change sent to its diagnostics received. `imports`: each edit changes the
 * file's imports instead (an import line typed at the top, one module name after another).
 */
function typist(server, pauseMs, { imports = false } = {}) {
  let version = 1;
  let typed = agentText;
  return async () => {
    const k = version % n;
    if (imports) typed = `import { helper } from './helpers/helper-${version}';\n${agentText}`;
    else typed = typed.replace(new RegExp(`'local tool ${k}( v\\d+)?'`), `'local tool ${k} v${version}'`);
    const t = performance.now();
    server.sendNotification('textDocument/didChange', {
      textDocument: { uri: agentUri, version: ++version },
      contentChanges: [{ text: typed }],
    });
    await pullDiagnostics(server, agentUri);
    const ms = performance.now() - t;
    await new Promise((r) => setTimeout(r, pauseMs));
    return ms;
  };
}
// First diagnostics as a user sees them once the server has run before: a first start caches its compiled code.
await stop((await openDense()).server);
const { server: c, started, answered, first } = await openDense();
// Edits as typing makes them (one every 30 ms), each timed from the change sent to its diagnostics received.
const roundTrip = typist(c, 30);
const during = [];
/** When each edit while indexing was sent, from the first: the first seconds are slower (code not yet optimised). */
const sentAt = [];
const timingsBefore = await c.sendRequest('agentWarden/timings');
let status = await c.sendRequest('agentWarden/status');
while (status.state !== 'ready') {
  sentAt.push(performance.now());
  during.push(await roundTrip());
  if (during.length % 10 === 0) status = await c.sendRequest('agentWarden/status');
}
const timingsDuring = await c.sendRequest('agentWarden/timings');
const indexedAfter = performance.now() - started;
const afterIndex = [];
for (let i = 0; i < Math.max(100, Math.min(during.length, 300)); i++) afterIndex.push(await roundTrip());
const stats = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  return `p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${at(1).toFixed(1)} ms (${xs.length} edits)`;
};
console.log(
  `\nagent-dense workspace: ${status.indexed.total} files (bench/dense/corpus.json) and the 1,000-line agent file`,
);
console.log(
  `first diagnostics of the opened file: ${first.toFixed(0)} ms after initialize was sent (the server process starting, then initialize answered at ${answered.toFixed(0)} ms; its second start: the first cached its compiled code)`,
);
console.log(`edit → diagnostics round trip while indexing (${(indexedAfter / 1000).toFixed(1)} s): ${stats(during)}`);
const early = during.filter((_, i) => sentAt[i] - sentAt[0] < 3000);
console.log(`  of which the first 3 s: ${stats(early)}; later: ${stats(during.slice(early.length))}`);
const serverSide = (() => {
  const change = timingsDuring.change.slice(timingsBefore.change.length);
  const pull = timingsDuring.pull.slice(timingsBefore.pull.length);
  return pull.map((p, i) => p + (change[i] ?? 0));
})();
console.log(`  the server's own time per edit (re-analysis, link, diagnostics): ${stats(serverSide)}`);
console.log(`edit → diagnostics round trip after indexing: ${stats(afterIndex)}`);
const importEdit = typist(c, 30, { imports: true });
const importEdits = [];
for (let i = 0; i < 200; i++) importEdits.push(await importEdit());
console.log(`  edits that change the file's imports: ${stats(importEdits)}`);
console.log(
  `reports pulled so far: ${reports.pulled}, of which "unchanged" (the same diagnostics as the last one): ${reports.unchanged}`,
);
await stop(c);

// A new build's first session, as a user's first session after an install: it indexes and takes edits, and the
// compiled code it leaves (code-cache.ts) is what every later start reads until the next build.
const firstSession = { AGENT_WARDEN_CODE_CACHE_DIR: join(root, 'code-cache-first-session') };
const { server: long } = await openDense(firstSession);
while ((await long.sendRequest('agentWarden/status')).state !== 'ready') await new Promise((r) => setTimeout(r, 200));
const edit = typist(long, 0);
for (let i = 0; i < 300; i++) await edit();
await stop(long);
const next = await openDense(firstSession);
console.log(
  `first diagnostics after a new build's first session (it indexed, then took 300 edits): ${next.first.toFixed(0)} ms`,
);
await stop(next.server);
