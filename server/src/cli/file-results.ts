import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ExtractOptions } from '../capabilities/collect-functions';
import { isSourceFile } from '../analyzer/extract';
import type { AnalysisResult } from '../analyzer/types';
import type { Config } from '../config/load-config';
import { type AnalysisDepth, analyseFile, type FileResult, Prefilter, type SourceInput } from '../engine';
import { ANALYZER_BUILD } from '../version';
import type { FileStamp, ScanInput } from '../project/collect-files';

export const CACHE_FILE = '.agent-warden-cache/file-results.json';

/**
 * How `--cache` decides a file is unchanged, as ESLint's `--cache-strategy`: `metadata` (the default) trusts
 * an unchanged size and modification time and does not read the file at all; `content` reads and hashes it.
 */
export type CacheStrategy = 'metadata' | 'content';

interface CacheEntry {
  hash: string;
  result: FileResult;
}

/**
 * The cache file's first line: small enough to parse on every run. The per-file entries (megabytes on a big
 * tree) are on the second line and parsed only when some file must be looked up there — not when the whole
 * previous run can be reused.
 */
interface CacheHeader {
  /** Analyzer build and extraction options: a change to either discards the entries. */
  key: string;
  /** When the cache was written (ms since the epoch): stamps too close to it are not trusted (see unchanged). */
  writtenAt: number;
  /** Size and modification time of every file of the run that wrote the cache, as [size, mtimeMs]. */
  stamps: Record<string, [number, number]>;
  /** The whole report of that run, and what it depended on besides the files (see runKeyOf). */
  run?: { key: string; result: AnalysisResult };
}

/** What a run's report depends on besides its files' contents: a change to any of these means linking again. */
export function runKeyOf(parts: {
  options: ExtractOptions;
  config: Config;
  ownersKey: string;
  cwd: string;
  today: string;
}): string {
  return JSON.stringify([ANALYZER_BUILD, parts.options, parts.config, parts.ownersKey, parts.cwd, parts.today]);
}

/**
 * File systems with coarse timestamps (FAT: 2 s, ext3 and HFS+: 1 s) can give a file changed right after it
 * was read the same modification time. As git does for its index ("racy git"), a stamp within this margin
 * of the cache's writing is not trusted: that file is read and hashed.
 */
const RACY_MARGIN_MS = 2500;

const hashOf = (text: string) => createHash('sha1').update(text).digest('hex');

/** The results of an earlier `--cache` run: per file, to tell which files can skip reading, and as a whole. */
export class ResultCache {
  private entries: Record<string, CacheEntry> | undefined;
  private pending: {
    entries?: { key: string; entries: Record<string, CacheEntry>; stamps: Record<string, [number, number]> };
    run?: CacheHeader['run'];
  } = {};

  private constructor(
    readonly path: string,
    private readonly header: CacheHeader | undefined,
    /** The bytes of the entries' line, decoded and parsed on first use. */
    private entriesBytes: Buffer | undefined,
    readonly strategy: CacheStrategy,
  ) {}

  static open(dir: string, strategy: CacheStrategy = 'metadata'): ResultCache {
    const path = join(dir, CACHE_FILE);
    let header: CacheHeader | undefined;
    let entriesBytes: Buffer | undefined;
    if (existsSync(path)) {
      try {
        const bytes = readFileSync(path);
        const newline = bytes.indexOf(10);
        // No second line: not this layout (an older cache, or one cut short while written).
        if (newline < 0) return new ResultCache(path, undefined, undefined, strategy);
        header = JSON.parse(bytes.toString('utf8', 0, newline)) as CacheHeader;
        if (typeof header?.key !== 'string' || typeof header.stamps !== 'object' || !header.stamps) header = undefined;
        else entriesBytes = bytes.subarray(newline + 1);
      } catch {
        // A broken cache (or one of an older layout) is just a cold one.
        header = undefined;
      }
    }
    return new ResultCache(path, header, entriesBytes, strategy);
  }

  /** Whether the file's size and modification time say it is unchanged since the cache recorded it. */
  unchanged(file: string, stamp: FileStamp): boolean {
    if (this.strategy !== 'metadata' || !this.header) return false;
    const recorded = this.header.stamps[file];
    return (
      !!recorded &&
      recorded[0] === stamp.size &&
      recorded[1] === stamp.mtimeMs &&
      stamp.mtimeMs < this.header.writtenAt - RACY_MARGIN_MS
    );
  }

  /**
   * The previous run's whole report, when it is known to be this run's too: the same run key, and exactly the
   * same files, each unchanged by its stamp. Only with the metadata strategy (`content` reads every file).
   */
  reusableRun(runKey: string, inputs: readonly ScanInput[]): AnalysisResult | undefined {
    const run = this.header?.run;
    if (!run || run.key !== runKey || inputs.length !== Object.keys(this.header!.stamps).length) return undefined;
    return inputs.every((i) => i.stamp && this.unchanged(i.file, i.stamp)) ? run.result : undefined;
  }

  /** The entries, if they were made with the same analyzer and extraction options. */
  entriesFor(key: string): Record<string, CacheEntry> {
    if (this.header?.key !== key) return {};
    try {
      this.entries ??= JSON.parse(this.entriesBytes?.toString('utf8') || '{}') as Record<string, CacheEntry>;
    } catch {
      this.entries = {};
    }
    return this.entries;
  }

  /** Entries to write at the next flush (fileResults calls this when any changed). */
  stageEntries(key: string, entries: Record<string, CacheEntry>, stamps: Record<string, [number, number]>): void {
    this.pending.entries = { key, entries, stamps };
  }

  /** Records the run's report, to be written at the next flush if it differs from the one recorded. */
  stageRun(key: string, result: AnalysisResult): void {
    if (this.header?.run?.key === key && !this.pending.entries) return;
    // Facts are not kept: the report does not print them, and each file's are in its entry.
    this.pending.run = { key, result: { ...result, facts: [] } };
  }

  /** Writes what was staged, if anything: entries and report together, so the file never mixes two runs. */
  flush(): void {
    const { entries, run } = this.pending;
    if (!entries && !run) return;
    const header: CacheHeader = entries
      ? { key: entries.key, writtenAt: Date.now(), stamps: entries.stamps, run }
      : { ...this.header!, run };
    // Entries unchanged: their line is copied (parsed or not) rather than rebuilt.
    const entriesLine = entries
      ? JSON.stringify(entries.entries)
      : (this.entriesBytes ?? JSON.stringify(this.entries ?? {}));
    mkdirSync(dirname(this.path), { recursive: true });
    // As pytest's cache does: the folder ignores itself, so git never offers to commit it.
    const ignoreFile = join(dirname(this.path), '.gitignore');
    if (!existsSync(ignoreFile)) writeFileSync(ignoreFile, '# Written by agent-warden --cache\n*\n');
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(header)}\n`);
    appendFileSync(tmp, entriesLine);
    renameSync(tmp, this.path);
    this.pending = {};
  }
}

/**
 * Per-file results for every input: from the cache when the file is unchanged (`--cache`), otherwise
 * analysed — in worker threads with `--threads`. Results come back in input order.
 */
export async function fileResults(
  inputs: ScanInput[],
  options: ExtractOptions,
  opts: { cache?: ResultCache; threads?: number },
): Promise<{ results: FileResult[]; cached: number; inWorkers: number }> {
  const cacheKey = `${ANALYZER_BUILD}\0${JSON.stringify(options)}`;
  const { cache } = opts;
  const entries = cache?.entriesFor(cacheKey) ?? {};
  // A file not read up front is unchanged by its stamp: its entry stands for it, hash and import specifiers
  // included. If the entry cannot be used after all (other options), the file is read now.
  const hashes: (string | undefined)[] = inputs.map((i) => (i.text === undefined ? entries[i.file]?.hash : undefined));
  const textOf = (i: number): string | undefined => {
    const input = inputs[i]!;
    if (input.text === undefined && input.read) {
      input.text = input.read();
      if (input.text !== undefined) hashes[i] = undefined; // hashed from what was read, not trusted from the entry
    }
    return input.text;
  };
  const hashAt = (i: number) => (hashes[i] ??= hashOf(textOf(i) ?? ''));
  const sources: SourceInput[] = inputs.map((input, i) => {
    if (input.text !== undefined) return { file: input.file, text: input.text };
    const hit = hashes[i] !== undefined ? entries[input.file] : undefined;
    if (hit) return { file: input.file, text: '', specifiers: hit.result.specifiers ?? [], seed: !!hit.result.seed };
    return { file: input.file, text: textOf(i) ?? '' };
  });
  const results: (FileResult | undefined)[] = new Array(inputs.length);
  let analysed = 0;
  let inWorkerCount = 0;
  let pool: ReturnType<typeof startPool> | undefined;
  const prefilter = new Prefilter(sources);
  /** The input as the analyser needs it: its text (read now if it was not), specifiers found once. */
  const toAnalyse = (i: number): SourceInput =>
    prefilter.withSpecifiers({ file: inputs[i]!.file, text: textOf(i) ?? '' });
  /** One round: each input from the cache when its entry serves the wanted depth, analysed otherwise. */
  const round = async (indices: number[], depthOf: (i: number) => AnalysisDepth) => {
    const todo: number[] = [];
    for (const i of indices) {
      const hit = cache ? entries[inputs[i]!.file] : undefined;
      // A secrets-only entry cannot stand in for facts (the file became reachable from agent code).
      if (!hit || hit.hash !== hashAt(i) || (hit.result.depth === 'secrets' && depthOf(i) === 'facts')) todo.push(i);
      // Facts no agent code reaches any more are dropped, so a warm run links exactly what a cold one does.
      else
        results[i] =
          hit.result.depth === 'facts' && depthOf(i) === 'secrets'
            ? { ...hit.result, facts: undefined, depth: 'secrets' }
            : hit.result;
    }
    analysed += todo.length;
    // With --threads n: n-1 worker threads parse, largest files first; the main thread reads the rest for
    // secrets only (cheap, and not worth copying to a worker), then parses too, from the smallest end of the
    // same queue. Below MIN_PARALLEL_BYTES of code to parse, starting a worker costs more than it saves.
    const threads = opts.threads ?? 1;
    const parsing = threads > 1 ? todo.filter((i) => depthOf(i) === 'facts' && isSourceFile(inputs[i]!.file)) : [];
    const sizeOf = (i: number) => textOf(i)?.length ?? 0;
    const parallel = parsing.length > 1 && parsing.reduce((n, i) => n + sizeOf(i), 0) >= MIN_PARALLEL_BYTES;
    const queue = parallel ? parsing.sort((a, b) => sizeOf(b) - sizeOf(a)) : [];
    const queued = new Set(queue);
    let head = 0; // workers take from here (largest first)
    let tail = queue.length; // the main thread from here (smallest first)
    let pending: Promise<void>[] = [];
    if (queue.length) {
      pool ??= startPool(threads - 1);
      const workers = pool;
      const workerLoop = async () => {
        while (head < tail) {
          // A batch is one big file or up to 10 small ones (each batch is structured-cloned once).
          const batch: number[] = [];
          for (let bytes = 0; head < tail && batch.length < 10 && bytes < BATCH_BYTES;) {
            bytes += sizeOf(queue[head]!);
            batch.push(queue[head++]!);
          }
          inWorkerCount += batch.length;
          const out: FileResult[] = await workers.run({
            inputs: batch.map(toAnalyse),
            depths: batch.map(depthOf),
            options,
          });
          batch.forEach((idx, k) => {
            results[idx] = out[k];
          });
        }
      };
      // Two batches in flight per worker: it starts the next while its last result is on its way back.
      pending = Array.from({ length: 2 * (threads - 1) }, workerLoop);
    }
    const analyseHere = (i: number) => {
      results[i] = analyseFile(toAnalyse(i), options, depthOf(i));
      keepHeapBelowCeiling();
    };
    for (const i of todo) if (!queued.has(i)) analyseHere(i);
    while (head < tail) {
      analyseHere(queue[--tail]!);
      await new Promise((resolve) => setImmediate(resolve)); // lets finished batches hand out the next
    }
    await Promise.all(pending);
  };
  try {
    // The pre-filter's two steps (relevance.ts): the seeds first, then the rest at the depth their facts decide.
    const all = inputs.map((_, i) => i);
    const seeds = all.filter((i) => prefilter.isSeed(inputs[i]!.file));
    await round(seeds, () => 'facts');
    const depthOf = prefilter.depths(seeds.map((i) => results[i]!));
    await round(
      all.filter((i) => !prefilter.isSeed(inputs[i]!.file)),
      (i) => depthOf(inputs[i]!.file) ?? 'facts',
    );
  } finally {
    await pool?.destroy();
  }
  // Staged only when something changed: a file analysed, added, removed, or known only by content so far
  // (a new or racy stamp, which the rewrite makes trustworthy).
  if (
    cache &&
    (analysed > 0 ||
      Object.keys(entries).length !== inputs.length ||
      inputs.some(
        (input, i) =>
          entries[input.file]?.hash !== hashAt(i) || !input.stamp || !cache.unchanged(input.file, input.stamp),
      ))
  ) {
    const next: Record<string, CacheEntry> = {};
    const stamps: Record<string, [number, number]> = {};
    inputs.forEach((input, i) => {
      next[input.file] = { hash: hashAt(i), result: results[i]! };
      if (input.stamp) stamps[input.file] = [input.stamp.size, input.stamp.mtimeMs];
    });
    cache.stageEntries(cacheKey, next, stamps);
  }
  return { results: results as FileResult[], cached: inputs.length - analysed, inWorkers: inWorkerCount };
}

/**
 * Syntax trees of big bundled files are garbage as soon as their file is done, but V8 lets such garbage pile
 * up: on @mastra/core the heap grew to 300 MB of which 88 MB was live. Past this much used heap, a full
 * collection is asked for between files, which keeps peak memory near the live size plus one file's tree.
 */
const HEAP_CEILING_BYTES = 192 * 1024 * 1024;
let collectGarbage: (() => void) | undefined;

function keepHeapBelowCeiling(): void {
  if (getHeapStatistics().used_heap_size < HEAP_CEILING_BYTES) return;
  if (!collectGarbage) {
    // As Jest's leak detector does: expose V8's collector for this process without a command-line flag.
    setFlagsFromString('--expose-gc');
    collectGarbage = runInNewContext('gc') as () => void;
  }
  collectGarbage();
}

/**
 * Worker threads are used for at least this much code to parse: a worker starts by loading the compiler
 * (0.10–0.18 s measured here), about what one thread spends parsing and extracting 0.5 MB of code on a
 * cold JIT (an estimate from ~0.4 s per MB seen on the published packages).
 */
export const MIN_PARALLEL_BYTES = 512 * 1024;

/** Code per batch sent to a worker: one big file, or small files up to this much. */
const BATCH_BYTES = 256 * 1024;

function startPool(threads: number) {
  // `require`, not `import()`: the CLI runs from a code-cached script, where dynamic import is unavailable.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  const { Piscina } = require('piscina') as typeof import('piscina');
  return new Piscina({ filename: join(__dirname, 'analyze-worker.js'), maxThreads: threads, minThreads: threads });
}

export function defaultThreads(): number {
  return Math.max(1, Math.min(cpus().length, 8));
}
