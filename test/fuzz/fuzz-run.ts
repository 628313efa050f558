/**
 * Runs fuzz inputs through the analyzer in-process and through the built CLI, and tallies what a
 * robustness claim needs: inputs, crashes (anything thrown), hangs (a file over its budget that was not
 * stopped by it), files skipped by the budget, the slowest file, and memory.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { analyseFile } from '../../server/src/engine';
import { analyze } from '../../server/src/pipeline/pipeline';
import type { FuzzInput } from './fuzz-inputs';

export interface FuzzReport {
  inputs: number;
  crashes: { kind: string; origin: string; error: string }[];
  /** Took longer than budget + grace: the budget did not stop it. */
  hangs: { kind: string; origin: string; ms: number }[];
  skippedByBudget: number;
  notices: number;
  slowest: { kind: string; origin: string; ms: number; bytes: number };
  totalMs: number;
  peakRssMb: number;
  rssBeforeMb: number;
  rssAfterGcMb: number;
  /** JS heap in use after a GC, before and after the run: what a leak would grow. */
  heapBeforeMb: number;
  heapAfterGcMb: number;
}

const gc = (globalThis as { gc?: () => void }).gc;
const rssMb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);
const heapMb = () => Math.round(process.memoryUsage().heapUsed / 1024 / 1024);

/**
 * Every input through `analyseFile`; every `groupEvery` inputs, the last few also through the whole pipeline (link,
 * rules).
 */
export function fuzzAnalyzer(
  inputs: FuzzInput[],
  opts: { timeBudgetMs: number; graceMs: number; groupEvery?: number; onProgress?: (done: number) => void },
): FuzzReport {
  gc?.();
  const rssBeforeMb = rssMb();
  let peakRssMb = rssBeforeMb;
  const report: FuzzReport = {
    inputs: 0,
    crashes: [],
    hangs: [],
    skippedByBudget: 0,
    notices: 0,
    slowest: { kind: '', origin: '', ms: 0, bytes: 0 },
    totalMs: 0,
    peakRssMb: 0,
    rssBeforeMb,
    rssAfterGcMb: 0,
    heapBeforeMb: heapMb(),
    heapAfterGcMb: 0,
  };
  const started = performance.now();
  inputs.forEach((input, i) => {
    const t0 = performance.now();
    try {
      const r = analyseFile({ file: input.file, text: input.text }, { timeBudgetMs: opts.timeBudgetMs }, 'facts');
      if (r.notice) report.notices++;
      if (r.notice?.includes('the per-file')) report.skippedByBudget++;
      // The analyzer turns its own errors into this notice so that a run goes on; for the fuzzer it is a crash.
      if (r.notice?.startsWith('could not be analysed'))
        report.crashes.push({ kind: input.kind, origin: input.origin, error: r.notice });
      if ((i + 1) % (opts.groupEvery ?? 50) === 0) {
        const group = inputs
          .slice(Math.max(0, i - 4), i + 1)
          .map((x, k) => ({ file: x.file.replace(/(\.\w+)$/, `${k}$1`), text: x.text }));
        analyze(group);
      }
    } catch (e) {
      report.crashes.push({
        kind: input.kind,
        origin: input.origin,
        error: String((e as Error).stack ?? e)
          .split('\n')
          .slice(0, 4)
          .join(' | '),
      });
    }
    const ms = performance.now() - t0;
    if (ms > report.slowest.ms)
      report.slowest = { kind: input.kind, origin: input.origin, ms, bytes: Buffer.byteLength(input.text) };
    if (ms > opts.timeBudgetMs + opts.graceMs) report.hangs.push({ kind: input.kind, origin: input.origin, ms });
    report.inputs++;
    if (i % 100 === 0) peakRssMb = Math.max(peakRssMb, rssMb());
    opts.onProgress?.(i + 1);
  });
  report.totalMs = performance.now() - started;
  report.peakRssMb = Math.max(peakRssMb, rssMb());
  gc?.();
  report.rssAfterGcMb = rssMb();
  report.heapAfterGcMb = heapMb();
  return report;
}

/** A minified bundle of a published MCP server with its dependencies (what `npx` would run). */
export function minifiedBundle(
  repo: string,
  entry = 'third-party/node_modules/@modelcontextprotocol/server-github/dist/index.js',
): string {
  // The esbuild CLI in a child process: the JS API's build service may already be busy in this process.
  const r = spawnSync(
    join(repo, 'node_modules/.bin/esbuild'),
    [join(repo, entry), '--bundle', '--minify', '--platform=node', '--format=esm', '--log-level=error'],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (r.status !== 0) throw new Error(`esbuild failed: ${r.stderr}`);
  return r.stdout;
}

export interface CliFuzzResult {
  exitCode: number | null;
  stderr: string;
  notices: { file: string; message: string }[];
  ms: number;
}

/**
 * The built CLI on files it must survive as files: 50 MB of source, binary, invalid UTF-8, a minified
 * bundle, a file that is a directory name trap. Exit 0/1 (findings), never 2 or a crash.
 */
export function fuzzCli(cli: string, files: Record<string, string | Buffer>): CliFuzzResult {
  const dir = mkdtempSync(join(tmpdir(), 'aw-fuzz-cli-'));
  try {
    for (const [rel, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), content);
    }
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [cli, 'scan', '.', '--format', 'json'], {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      timeout: 300_000,
    });
    const ms = performance.now() - t0;
    let notices: CliFuzzResult['notices'] = [];
    try {
      notices = JSON.parse(r.stdout).notices;
    } catch {
      // no JSON: reported through exitCode/stderr
    }
    return { exitCode: r.status, stderr: r.stderr, notices, ms };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The CLI-level extremes, as bytes. */
export function cliExtremes(repo: string): Record<string, string | Buffer> {
  const rand = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 2654435761) % 251));
  const invalidUtf8 = Buffer.concat([
    Buffer.from("import { tool } from 'ai';\nexport const t = tool({ description: '"),
    Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0xff, 0xfe]),
    Buffer.from("' });\n"),
  ]);
  return {
    'src/huge-50mb.ts': `export const rows = [\n${'  { id: 1, name: "row" },\n'.repeat(2_000_000)}];\n`,
    'src/image.png.ts': rand(200_000),
    'assets/blob.bin.json': Buffer.concat([Buffer.from('{"a":'), rand(10_000)]),
    'src/invalid-utf8.ts': invalidUtf8,
    'src/bom-crlf.ts': `\uFEFFimport { tool } from 'ai';\r\nexport const t = tool({ description: 'x' });\r\n`,
    'dist/server.min.js': minifiedBundle(repo),
    'src/deep.ts': `${'('.repeat(10_000)}1${')'.repeat(10_000)};`,
    'src/long-line.js': `module.exports = [${'1,'.repeat(1_000_000)}];`,
  };
}
