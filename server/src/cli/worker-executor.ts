import { join } from 'node:path';
import { isSourceFile } from '../analyzer/extract';
import type { ExtractOptions } from '../capabilities/collect-functions';
import type { FileResult } from '../engine';
import { saveCompiledCode } from '../compiled-code';
import {
  analyseAt,
  batchEnd,
  type Executor,
  type FileJob,
  pause,
  type ReadJob,
  type ReadOutcome,
  readOutcomeAt,
} from '../pipeline/executor';
import { packFacts, unpackedOnRead } from '../pipeline/packed-facts';

/**
 * Worker threads are used for at least this much code to parse: a worker starts by loading the compiler
 * (0.10–0.18 s measured here), about what one thread spends parsing and extracting 0.5 MB of code on a
 * cold JIT (an estimate from ~0.4 s per MB seen on the published packages).
 */
export const MIN_PARALLEL_BYTES = 512 * 1024;
/**
 * Workers read (and search for secrets) at least this many files: reading one takes ~0.35 ms, and a worker that only
 * reads starts without the compiler.
 */
const MIN_PARALLEL_READS = 500;

/** Code per batch sent to a worker: one big file, or small files up to this much. */
const BATCH_BYTES = 256 * 1024;
/** Files per batch at most (each batch is structured-cloned once). */
const BATCH_FILES = 10;
/** Files per batch a worker reads: its answer is a few hashes and import lists, and most files' secrets-only result. */
const READ_BATCH_FILES = 50;
/** Files this thread reads between two pauses, in which finished batches are handed their next. */
const READS_PER_PAUSE = 25;

/** What a worker thread is given (analyze-worker.ts): files to analyse, or files to read. */
export type WorkerTask = { options: ExtractOptions } & ({ jobs: FileJob[] } | { reads: ReadJob[] });

type Pool = import('piscina').Piscina;
type Done<J> = (job: J, result: FileResult, hash?: string) => void;

/**
 * A run still analysing a second after it started writes its compiled code then (compiled-code.ts), with the start-up
 * and the analysis in it: written at the end of a scan of the agent-dense corpus, the entry lacked the start-up (V8
 * drops what a long run stops calling), and a scan of the example project with it took 0.22–0.26 s instead of
 * 0.18–0.22 s (seven runs each). A shorter run writes it when it ends.
 */
const SAVE_CODE_AFTER_MS = 1000;
let codeSaved = false;

function saveCompiledCodeOfALongRun(): void {
  if (codeSaved || performance.now() < SAVE_CODE_AFTER_MS) return;
  codeSaved = true;
  saveCompiledCode();
}

/**
 * `--threads n`: n-1 worker threads read files and parse, largest files first; the main thread reads and parses too,
 * from the other end of the same queue. Below MIN_PARALLEL_BYTES of code to parse (MIN_PARALLEL_READS files to read),
 * starting a worker costs more than it saves.
 */
export class WorkerExecutor implements Executor {
  /** Files analysed in worker threads so far. */
  inWorkers = 0;
  private pool?: Pool;
  /** Workers read files only with `--threads` above 1; otherwise the pipeline reads them as it goes. */
  readonly read?: Executor['read'];

  constructor(private readonly threads: number) {
    if (threads > 1) this.read = (jobs, options, signal) => this.readShared(jobs, options, signal);
  }

  async run<J extends FileJob>(jobs: readonly J[], options: ExtractOptions, done: Done<J>, signal?: AbortSignal) {
    const queue = this.parallelQueue(jobs);
    const queued = new Set(queue);
    const range = { head: 0, tail: queue.length }; // workers take from the head (largest), this thread the tail
    const workerLoop = async (pool: Pool) => {
      while (range.head < range.tail) {
        const to = batchEnd(queue, range.head, range.tail, BATCH_FILES, BATCH_BYTES);
        const batch = queue.slice(range.head, to);
        range.head = to;
        this.inWorkers += batch.length;
        const task: WorkerTask = {
          options,
          jobs: batch.map(({ input, depth, path, unhashed }) => ({ input, depth, path, unhashed })),
        };
        const out: ReturnType<typeof analyseAt>[] = await pool.run(task);
        batch.forEach((job, k) => done(job, out[k]!.result, out[k]!.hash));
      }
    };
    const here = (job: J) => {
      const { result, hash } = analyseAt(job, options);
      saveCompiledCodeOfALongRun();
      // Kept as bytes until the link reads them: a name cut from a file's syntax tree would keep the file's whole text
      // alive (a worker's results arrive as copies, which do not), and every fact object would survive into the old
      // generation.
      const packed = packFacts(result);
      done(job, packed ? unpackedOnRead(packed) : result, hash);
    };
    // Two batches in flight per worker: it starts the next while its last result is on its way back.
    const pending = queue.length ? this.inFlight(workerLoop) : [];
    for (const job of jobs) {
      if (queued.has(job)) continue;
      signal?.throwIfAborted();
      here(job);
    }
    while (range.head < range.tail) {
      signal?.throwIfAborted();
      here(queue[--range.tail]!);
      await pause(); // lets finished batches hand out the next
    }
    await Promise.all(pending);
  }

  /** Files read by the workers from the head and this thread from the tail, each file's outcome in its place. */
  private async readShared(
    jobs: readonly ReadJob[],
    options: ExtractOptions,
    signal?: AbortSignal,
  ): Promise<(ReadOutcome | undefined)[]> {
    const outcomes: (ReadOutcome | undefined)[] = new Array(jobs.length);
    const range = { head: 0, tail: jobs.length };
    const workerLoop = async (pool: Pool) => {
      while (range.head < range.tail) {
        const from = range.head;
        range.head = Math.min(range.tail, from + READ_BATCH_FILES);
        const task: WorkerTask = { options, reads: jobs.slice(from, range.head) };
        const out: (ReadOutcome | undefined)[] = await pool.run(task);
        out.forEach((o, k) => (outcomes[from + k] = o));
      }
    };
    const pending = jobs.length >= MIN_PARALLEL_READS ? this.inFlight(workerLoop) : [];
    for (let n = 1; range.head < range.tail; n++) {
      signal?.throwIfAborted();
      const at = --range.tail;
      outcomes[at] = readOutcomeAt(jobs[at]!, options);
      if (n % READS_PER_PAUSE === 0) await pause();
    }
    await Promise.all(pending);
    return outcomes;
  }

  /** Two batches in flight per worker: it starts the next while its last result is on its way back. */
  private inFlight(workerLoop: (pool: Pool) => Promise<void>): Promise<void>[] {
    const pool = (this.pool ??= startPool(this.threads - 1));
    return Array.from({ length: 2 * (this.threads - 1) }, () => workerLoop(pool));
  }

  /** The jobs worth sending to workers, largest first; none when there is too little code to parse. */
  private parallelQueue<J extends FileJob>(jobs: readonly J[]): J[] {
    if (this.threads <= 1) return [];
    const sizeOf = (j: FileJob) => j.size ?? j.input.text.length;
    const parsing = jobs.filter((j) => j.depth === 'facts' && isSourceFile(j.input.file));
    const bytes = parsing.reduce((n, j) => n + sizeOf(j), 0);
    if (parsing.length <= 1 || bytes < MIN_PARALLEL_BYTES) return [];
    return parsing.sort((a, b) => sizeOf(b) - sizeOf(a));
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
