import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import type { ExtractOptions } from '../capabilities/collect-functions';
import { type AnalysisDepth, ANALYZER_VERSION, analyseFile, type FileResult, Prefilter, type SourceInput } from '../engine';

export const CACHE_FILE = '.agent-warden-cache/file-results.json';

interface CacheFile {
  /** Analyzer version and extraction options: a change to either discards the cache. */
  key: string;
  entries: Record<string, { hash: string; result: FileResult }>;
}

const hashOf = (text: string) => createHash('sha1').update(text).digest('hex');

/**
 * Per-file results for every input: from the cache when the file's content is unchanged (`--cache`),
 * otherwise analysed — in worker threads with `--threads`. Results come back in input order.
 */
export async function fileResults(inputs: SourceInput[], options: ExtractOptions, opts: { cacheDir?: string; threads?: number }): Promise<{ results: FileResult[]; cached: number }> {
  const cacheKey = `${ANALYZER_VERSION}\0${JSON.stringify(options)}`;
  const cachePath = opts.cacheDir ? join(opts.cacheDir, CACHE_FILE) : undefined;
  let cache: CacheFile = { key: cacheKey, entries: {} };
  if (cachePath && existsSync(cachePath)) {
    try {
      const loaded = JSON.parse(readFileSync(cachePath, 'utf8')) as CacheFile;
      if (loaded.key === cacheKey) cache = loaded;
    } catch {
      // A broken cache is just a cold one.
    }
  }
  const results: (FileResult | undefined)[] = new Array(inputs.length);
  const hashes = inputs.map((i) => hashOf(i.text));
  let analysed = 0;
  let pool: Awaited<ReturnType<typeof startPool>> | undefined;
  /** One round: each input from the cache when its entry serves the wanted depth, analysed otherwise. */
  const prefilter = new Prefilter(inputs);
  const round = async (indices: number[], depthOf: (i: number) => AnalysisDepth) => {
    const todo: number[] = [];
    for (const i of indices) {
      const hit = cache.entries[inputs[i].file];
      // A secrets-only entry cannot stand in for facts (the file became reachable from agent code).
      if (!cachePath || !hit || hit.hash !== hashes[i] || (hit.result.depth === 'secrets' && depthOf(i) === 'facts')) todo.push(i);
      // Facts no agent code reaches any more are dropped, so a warm run links exactly what a cold one does.
      else results[i] = hit.result.depth === 'facts' && depthOf(i) === 'secrets' ? { ...hit.result, facts: undefined, depth: 'secrets' } : hit.result;
    }
    analysed += todo.length;
    if ((opts.threads ?? 1) > 1 && todo.length > 1) {
      pool ??= await startPool(opts.threads!);
      const workers = pool;
      // Small batches keep the threads busy evenly; each batch is structured-cloned once.
      const batches: number[][] = [];
      for (let i = 0; i < todo.length; i += 25) batches.push(todo.slice(i, i + 25));
      await Promise.all(
        batches.map(async (batch) => {
          const out: FileResult[] = await workers.run({ inputs: batch.map((i) => prefilter.withSpecifiers(inputs[i])), depths: batch.map(depthOf), options });
          batch.forEach((idx, k) => {
            results[idx] = out[k];
          });
        }),
      );
    } else for (const i of todo) results[i] = analyseFile(prefilter.withSpecifiers(inputs[i]), options, depthOf(i));
  };
  try {
    // The pre-filter's two steps (relevance.ts): the seeds first, then the rest at the depth their facts decide.
    const all = inputs.map((_, i) => i);
    const seeds = all.filter((i) => prefilter.isSeed(inputs[i].file));
    await round(seeds, () => 'facts');
    const depthOf = prefilter.depths(seeds.map((i) => results[i]!));
    await round(
      all.filter((i) => !prefilter.isSeed(inputs[i].file)),
      (i) => depthOf(inputs[i].file) ?? 'facts',
    );
  } finally {
    await pool?.destroy();
  }
  if (cachePath) {
    const next: CacheFile = { key: cacheKey, entries: {} };
    inputs.forEach((input, i) => {
      next.entries[input.file] = { hash: hashes[i], result: results[i]! };
    });
    mkdirSync(dirname(cachePath), { recursive: true });
    const tmp = `${cachePath}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(next));
    renameSync(tmp, cachePath);
  }
  return { results: results as FileResult[], cached: inputs.length - analysed };
}

async function startPool(threads: number) {
  // `require`, not `import()`: the CLI runs from a code-cached script, where dynamic import is unavailable.
  const { Piscina } = require('piscina') as typeof import('piscina');
  return new Piscina({ filename: join(__dirname, 'analyze-worker.js'), maxThreads: threads, minThreads: threads });
}

export function defaultThreads(): number {
  return Math.max(1, Math.min(cpus().length, 8));
}
