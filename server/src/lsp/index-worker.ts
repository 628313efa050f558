import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';
import { basename } from 'node:path';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import type { ExtractOptions } from '../capabilities/collect-functions';
import type { FileResult, SourceInput } from '../engine';
import { analyseHere, batchEnd, type Executor, type FileJob, inThread } from '../pipeline/executor';

/** A batch of files for the index thread, and its answer. */
interface Task {
  id: number;
  inputs: SourceInput[];
  depths: FileJob['depth'][];
  options: ExtractOptions;
}
interface Answer {
  id: number;
  results?: FileResult[];
  error?: string;
}

/** Code per batch: small enough that a cancelled index stops soon, big enough that messages stay few. */
const BATCH_BYTES = 128 * 1024;
const BATCH_FILES = 20;

/**
 * Indexes in a thread of its own, so that the server's thread only stores results and stays free for the
 * editor's requests: however long one file takes to extract, an edit of an open file never waits for it.
 * The thread runs the server's own bundle (`script`), which answers tasks when it is not the main thread. If
 * the thread cannot start or dies, the rest of the index runs in the server's thread, in small slices.
 */
export class IndexWorkerExecutor implements Executor {
  private worker?: Worker;
  private failed = false;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (r: FileResult[]) => void; reject: (e: Error) => void }>();
  private readonly fallback = inThread(5);

  constructor(private readonly script: string | undefined) {}

  /** Where the last index ran, for the server's log. */
  get where(): string {
    return this.worker ? 'a thread of its own' : "the server's thread";
  }

  async run<J extends FileJob>(
    jobs: readonly J[],
    options: ExtractOptions,
    done: (job: J, result: FileResult) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    let head = 0;
    const takeBatch = (): J[] => {
      const to = batchEnd(jobs, head, jobs.length, BATCH_FILES, BATCH_BYTES);
      const batch = jobs.slice(head, to);
      head = to;
      return batch;
    };
    // Two batches in flight: the thread starts the next while the last one's results are on their way back.
    const loop = async (): Promise<void> => {
      while (head < jobs.length && !this.failed) {
        signal?.throwIfAborted();
        const batch = takeBatch();
        let results: FileResult[];
        try {
          results = await this.send(batch, options);
        } catch {
          head = Math.min(head, jobs.indexOf(batch[0]!));
          return;
        }
        signal?.throwIfAborted();
        batch.forEach((job, k) => done(job, results[k]!));
      }
    };
    if (this.start()) await Promise.all([loop(), loop()]);
    if (head < jobs.length) await this.fallback.run(jobs.slice(head), options, done, signal);
  }

  private start(): boolean {
    if (this.worker || this.failed) return !this.failed;
    if (!this.script) return !(this.failed = true);
    try {
      const worker = new Worker(this.script);
      worker.unref(); // an index in progress never keeps a server that was told to exit alive
      worker.on('message', (a: Answer) => this.answer(a));
      worker.on('error', (e) => this.fail(e));
      worker.on('exit', (code) => this.fail(new Error(`the index thread exited with code ${code}`)));
      this.worker = worker;
      return true;
    } catch {
      return !(this.failed = true);
    }
  }

  private send(batch: readonly FileJob[], options: ExtractOptions): Promise<FileResult[]> {
    const id = this.nextId++;
    const task: Task = { id, inputs: batch.map((j) => j.input), depths: batch.map((j) => j.depth), options };
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker!.postMessage(task);
    });
  }

  private answer(a: Answer): void {
    const waiter = this.waiting.get(a.id);
    this.waiting.delete(a.id);
    if (a.results) waiter?.resolve(a.results);
    else waiter?.reject(new Error(a.error ?? 'the index thread gave no result'));
  }

  private fail(e: Error): void {
    this.failed = true;
    this.worker = undefined;
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
  }

  async destroy(): Promise<void> {
    const worker = this.worker;
    this.failed = true;
    this.worker = undefined;
    await worker?.terminate();
  }
}

/** In the index thread: answers each task with its files' results, in order. */
export function serveIndexTasks(): boolean {
  if (isMainThread || !parentPort) return false;
  const port = parentPort;
  yieldToRequests();
  port.on('message', (task: Task) => {
    try {
      const results = task.inputs.map((input, k) => analyseHere({ input, depth: task.depths[k]! }, task.options));
      port.postMessage({ id: task.id, results } satisfies Answer);
    } catch (e) {
      port.postMessage({ id: task.id, error: (e as Error).message } satisfies Answer);
    }
  });
  return true;
}

/**
 * The index thread runs at the lowest priority, so that on a busy machine (two cores, the editor, a build) the
 * scheduler gives the server's thread the CPU whenever an edit arrives, and the index the rest. On Linux a
 * thread's nice value is its own, set through its thread id; elsewhere the thread keeps the process's.
 */
function yieldToRequests(): void {
  if (process.platform !== 'linux') return;
  try {
    const tid = Number(basename(readlinkSync('/proc/thread-self')));
    if (Number.isInteger(tid) && tid > 0 && tid !== process.pid) setPriority(tid, constants.priority.PRIORITY_LOW);
  } catch {
    // No /proc, or not allowed: the index runs at the process's priority.
  }
}
