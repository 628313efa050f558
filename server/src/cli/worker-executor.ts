import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { join } from 'node:path';
import { isSourceFile } from '../analyzer/extract';
import type { ExtractOptions } from '../capabilities/collect-functions';
import type { FileResult } from '../engine';
import { saveCompiledCode } from '../compiled-code';
import {
  analyseAt,
  type Executor,
  type FileJob,
  jobForThread,
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
/** Files this thread reads between two pauses, in which the workers' answers so far are taken in. */
const READS_PER_PAUSE = 25;

/**
 * What a worker thread is given (analyze-worker.ts): the whole list of files to analyse, or to read, shared by every
 * thread of the step. Each thread claims the next file by adding one to `claims[0]`, so no thread waits for another
 * to hand out work; the worker answers file by file on `answers` (`[index, answer]`), and `null` once no file is left
 * (not after an error, which fails the task).
 */
export type WorkerTask = { options: ExtractOptions; claims: Int32Array; answers: MessagePort } & (
  { jobs: FileJob[] } | { reads: ReadJob[] }
);
export type WorkerAnswer = [at: number, answer: ReturnType<typeof analyseAt> | ReadOutcome | undefined] | null;

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
 * `--threads n`: n-1 worker threads read files and parse beside the main thread, each taking the largest file left, so
 * that the last files of a step, the smallest, end every thread's work at about the same time. Files are claimed
 * through shared memory: a worker never waits for this thread, busy with a file of its own, to give it the next (given
 * batch by batch through the pool, a worker waited ~0.3 s in a scan of the agent-dense corpus). Below
 * MIN_PARALLEL_BYTES of code to parse (MIN_PARALLEL_READS files to read), starting a worker costs more than it saves.
 */
export class WorkerExecutor implements Executor {
  /** Files analysed in worker threads so far. */
  inWorkers = 0;
  private pool?: Pool;
  /** Workers read files only with `--threads` above 1; otherwise the pipeline reads them as it goes. */
  readonly read?: Executor['read'];

  /** `script`: the workers' module (tests give their own). */
  constructor(
    private readonly threads: number,
    private readonly script = join(__dirname, 'analyze-worker.js'),
  ) {
    if (threads > 1) this.read = (jobs, options, signal) => this.readShared(jobs, options, signal);
  }

  async run<J extends FileJob>(jobs: readonly J[], options: ExtractOptions, done: Done<J>, signal?: AbortSignal) {
    const queue = this.parallelQueue(jobs);
    const queued = new Set(queue);
    const shared = queue.length
      ? this.share({ jobs: queue.map(jobForThread) }, options, (at, answer) => {
          const { result, hash } = answer as ReturnType<typeof analyseAt>;
          this.inWorkers++;
          done(queue[at]!, result, hash);
        })
      : undefined;
    const here = (job: J) => {
      const { result, hash } = analyseAt(job, options);
      saveCompiledCodeOfALongRun();
      // Kept as bytes until the link reads them: a name cut from a file's syntax tree would keep the file's whole text
      // alive (a worker's results arrive as copies, which do not), and every fact object would survive into the old
      // generation.
      const packed = packFacts(result);
      done(job, packed ? unpackedOnRead(packed) : result, hash);
    };
    try {
      for (const job of jobs) {
        if (queued.has(job)) continue;
        signal?.throwIfAborted();
        here(job);
      }
    } catch (error) {
      shared?.stopClaims();
      throw error;
    }
    await shared?.takeShare((at) => here(queue[at]!), 1, signal);
  }

  /** Files read by the workers and this thread, each file's outcome in its place. */
  private async readShared(
    jobs: readonly ReadJob[],
    options: ExtractOptions,
    signal?: AbortSignal,
  ): Promise<(ReadOutcome | undefined)[]> {
    const outcomes: (ReadOutcome | undefined)[] = new Array(jobs.length);
    if (jobs.length < MIN_PARALLEL_READS) {
      for (let at = 0; at < jobs.length; at++) {
        signal?.throwIfAborted();
        outcomes[at] = readOutcomeAt(jobs[at]!, options);
      }
      return outcomes;
    }
    // The largest first, as files to parse are: a big file's search for secrets does not end the step on one thread.
    const order = jobs.map((_, k) => k).sort((a, b) => (jobs[b]!.size ?? 0) - (jobs[a]!.size ?? 0));
    const shared = this.share({ reads: order.map((k) => jobs[k]!) }, options, (at, answer) => {
      outcomes[order[at]!] = answer as ReadOutcome | undefined;
    });
    const readHere = (at: number) => void (outcomes[order[at]!] = readOutcomeAt(jobs[order[at]!]!, options));
    await shared.takeShare(readHere, READS_PER_PAUSE, signal);
    return outcomes;
  }

  /**
   * Gives every worker the whole list. `takeShare` is this thread's part: it claims files (pausing every `pauseEvery`,
   * so that the workers' answers so far are taken in) until none is left, then waits for every worker's last answer;
   * after an error or a cancellation it leaves the rest unclaimed, as `stopClaims` does.
   */
  private share(
    work: { jobs: FileJob[] } | { reads: ReadJob[] },
    options: ExtractOptions,
    answered: (at: number, answer: NonNullable<WorkerAnswer>[1]) => void,
  ) {
    const pool = (this.pool ??= startPool(this.script, this.threads - 1));
    const claims = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
    const length = 'jobs' in work ? work.jobs.length : work.reads.length;
    const workers = Array.from({ length: this.threads - 1 }, () => {
      const { port1, port2 } = new MessageChannel();
      const task: WorkerTask = { ...work, options, claims, answers: port2 };
      return new Promise<void>((resolve, reject) => {
        port1.on('message', (message: WorkerAnswer) => {
          if (message) return answered(...message);
          port1.close();
          resolve();
        });
        pool.run(task, { transferList: [port2] }).catch((error: unknown) => {
          port1.close();
          reject(error as Error);
        });
      });
    });
    const finished = Promise.all(workers).then(() => undefined);
    finished.catch(() => undefined); // awaited unless this thread stopped first, with an error of its own
    const stopClaims = () => void Atomics.store(claims, 0, length);
    const takeShare = async (handle: (at: number) => void, pauseEvery: number, signal?: AbortSignal) => {
      try {
        for (let at: number, n = 1; (at = Atomics.add(claims, 0, 1)) < length; n++) {
          signal?.throwIfAborted();
          handle(at);
          if (n % pauseEvery === 0) await pause();
        }
      } finally {
        stopClaims();
      }
      await finished;
    };
    return { stopClaims, takeShare };
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

function startPool(filename: string, threads: number): Pool {
  // `require`, not `import()`: the CLI runs from a code-cached script, where dynamic import is unavailable.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  const { Piscina } = require('piscina') as typeof import('piscina');
  return new Piscina({ filename, maxThreads: threads, minThreads: threads });
}
