import { join } from 'node:path';
import { isSourceFile } from '../analyzer/extract';
import type { ExtractOptions } from '../capabilities/collect-functions';
import type { FileResult } from '../engine';
import { analyseHere, batchEnd, type Executor, type FileJob, pause } from '../pipeline/executor';

/**
 * Worker threads are used for at least this much code to parse: a worker starts by loading the compiler
 * (0.10–0.18 s measured here), about what one thread spends parsing and extracting 0.5 MB of code on a
 * cold JIT (an estimate from ~0.4 s per MB seen on the published packages).
 */
export const MIN_PARALLEL_BYTES = 512 * 1024;

/** Code per batch sent to a worker: one big file, or small files up to this much. */
const BATCH_BYTES = 256 * 1024;
/** Files per batch at most (each batch is structured-cloned once). */
const BATCH_FILES = 10;

type Pool = import('piscina').Piscina;

/**
 * `--threads n`: n-1 worker threads parse, largest files first; the main thread reads the rest for secrets
 * only (cheap, and not worth copying to a worker), then parses too, from the smallest end of the same queue.
 * Below MIN_PARALLEL_BYTES of code to parse, starting a worker costs more than it saves.
 */
export class WorkerExecutor implements Executor {
  /** Files analysed in worker threads so far. */
  inWorkers = 0;
  private pool?: Pool;

  constructor(private readonly threads: number) {}

  async run<J extends FileJob>(
    jobs: readonly J[],
    options: ExtractOptions,
    done: (job: J, result: FileResult) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    const queue = this.parallelQueue(jobs);
    const queued = new Set(queue);
    const range = { head: 0, tail: queue.length }; // workers take from the head (largest), this thread the tail
    const workerLoop = async (pool: Pool) => {
      while (range.head < range.tail) {
        const to = batchEnd(queue, range.head, range.tail, BATCH_FILES, BATCH_BYTES);
        const batch = queue.slice(range.head, to);
        range.head = to;
        this.inWorkers += batch.length;
        const out: FileResult[] = await pool.run({
          inputs: batch.map((j) => j.input),
          depths: batch.map((j) => j.depth),
          options,
        });
        batch.forEach((job, k) => done(job, out[k]!));
      }
    };
    // Two batches in flight per worker: it starts the next while its last result is on its way back.
    const pool = queue.length ? (this.pool ??= startPool(this.threads - 1)) : undefined;
    const pending = pool ? Array.from({ length: 2 * (this.threads - 1) }, () => workerLoop(pool)) : [];
    for (const job of jobs) {
      if (queued.has(job)) continue;
      signal?.throwIfAborted();
      done(job, analyseHere(job, options));
    }
    while (range.head < range.tail) {
      signal?.throwIfAborted();
      const job = queue[--range.tail]!;
      done(job, analyseHere(job, options));
      await pause(); // lets finished batches hand out the next
    }
    await Promise.all(pending);
  }

  /** The jobs worth sending to workers, largest first; none when there is too little code to parse. */
  private parallelQueue<J extends FileJob>(jobs: readonly J[]): J[] {
    if (this.threads <= 1) return [];
    const parsing = jobs.filter((j) => j.depth === 'facts' && isSourceFile(j.input.file));
    const bytes = parsing.reduce((n, j) => n + j.input.text.length, 0);
    if (parsing.length <= 1 || bytes < MIN_PARALLEL_BYTES) return [];
    return parsing.sort((a, b) => b.input.text.length - a.input.text.length);
  }

  async destroy(): Promise<void> {
    await this.pool?.destroy();
  }
}

function startPool(threads: number): Pool {
  // `require`, not `import()`: the CLI runs from a code-cached script, where dynamic import is unavailable.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  const { Piscina } = require('piscina') as typeof import('piscina');
  return new Piscina({ filename: join(__dirname, 'analyze-worker.js'), maxThreads: threads, minThreads: threads });
}
