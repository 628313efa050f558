import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';
import { basename } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { ExtractOptions } from '../capabilities/collect-functions';
import type { FileResult } from '../engine';
import {
  analyseAt,
  batchEnd,
  type Executor,
  type FileJob,
  inThread,
  jobForThread,
  type ReadJob,
  type ReadOutcome,
  readOutcomeAt,
} from '../pipeline/executor';
import { type PackedResult, packFacts, unpackedOnRead } from '../pipeline/packed-facts';
import { collectFiles } from '../project/collect-files';
import { EditPriority, standAsideFor } from './edit-priority';

/** The arguments of `collectFiles`: what the index thread lists. */
type Listing = Parameters<typeof collectFiles>;

/** A batch of files for the index thread to analyse, or to read, or a folder to list; and its answer. */
type Task = { id: number } & (
  { options: ExtractOptions; jobs: FileJob[] } | { options: ExtractOptions; reads: ReadJob[] } | { list: Listing }
);
interface Answer {
  id: number;
  /** For `list`. */
  files?: string[];
  /** For `jobs`: each file's result, and the hash of the text read for a job given by its path. */
  results?: AnsweredResult[];
  /** For `reads`. */
  outcomes?: (ReadOutcome | undefined)[];
  error?: string;
}

/** What the index thread is started with: the array through which it stands aside for edits (edit-priority.ts). */
interface IndexThreadData {
  edits: Int32Array;
}

/** A file's result as sent: its facts as bytes, moved rather than copied, and unpacked only where read. */
interface AnsweredResult {
  result: FileResult;
  hash?: string;
  packed?: Omit<PackedResult, 'result'>;
}

/** Code per batch: small enough that a cancelled index stops soon, big enough that messages stay few. */
const BATCH_BYTES = 128 * 1024;
const BATCH_FILES = 20;
/** Files per batch to read: each answer is a few hashes and import lists, and most files' secrets-only result. */
const READ_BATCH_FILES = 50;
/** Files analysed in the server's thread (when no index thread could start) between two pauses. */
const ANALYSES_PER_PAUSE = 5;
/** How long reading in the server's thread (when no index thread could start) goes on before it yields. */
const READ_SLICE_MS = 4;

/**
 * Indexes in a thread of its own, so that the server's thread only stores results and stays free for the
 * editor's requests: however long one file takes to extract, an edit of an open file never waits for it.
 * The thread runs the server's own bundle (`script`), which answers tasks when it is not the main thread. If
 * the thread cannot start or dies, the rest of the index runs in the server's thread, in small slices.
 */
export class IndexWorkerExecutor implements Executor {
  private worker?: Worker;
  private failed = false;
  private destroyed = false;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (a: Answer) => void; reject: (e: Error) => void }>();

  /**
   * `edits`: the server's edits, which the index thread stands aside for (edit-priority.ts); the same the server's
   * side of the index pauses for.
   */
  constructor(
    private readonly script: string | undefined,
    readonly edits = new EditPriority(),
  ) {}

  /**
   * The workspace's files (`collectFiles`), listed in the index thread: walking a large tree and matching its ignore
   * files took the server's thread 45-135 ms in one stretch (135 the first time, its code cold). Listed here when no
   * thread can start.
   */
  async collect(...listing: Listing): Promise<string[]> {
    if (this.start()) {
      try {
        return (await this.send({ id: 0, list: listing })).files!;
      } catch (e) {
        // The thread died, or could not list: listed here, where a failure says why; not when the server is stopping.
        if (this.destroyed) throw e;
      }
    }
    return collectFiles(...listing);
  }

  /** Where the last index ran, for the server's log. */
  get where(): string {
    return this.worker ? 'a thread of its own' : "the server's thread";
  }

  async run<J extends FileJob>(
    jobs: readonly J[],
    options: ExtractOptions,
    done: (job: J, result: FileResult, hash?: string) => void,
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
        let answer: Answer;
        try {
          answer = await this.send({
            id: 0,
            options,
            jobs: batch.map(jobForThread),
          });
        } catch {
          head = Math.min(head, jobs.indexOf(batch[0]!));
          return;
        }
        for (const [k, job] of batch.entries()) {
          const { result, hash, packed } = answer.results![k]!;
          signal?.throwIfAborted();
          done(job, packed ? unpackedOnRead({ result, ...packed }) : result, hash);
        }
      }
    };
    if (this.start()) await Promise.all([loop(), loop()]);
    // What the thread did not take runs here, a few jobs between pauses.
    if (head < jobs.length)
      await inThread(ANALYSES_PER_PAUSE, () => this.edits.pause()).run(jobs.slice(head), options, done, signal);
  }

  async read(
    jobs: readonly ReadJob[],
    options: ExtractOptions,
    signal?: AbortSignal,
  ): Promise<(ReadOutcome | undefined)[]> {
    const outcomes: (ReadOutcome | undefined)[] = new Array(jobs.length);
    let head = 0;
    const loop = async (): Promise<void> => {
      while (head < jobs.length && !this.failed) {
        signal?.throwIfAborted();
        const from = head;
        const batch = jobs.slice(from, (head = Math.min(jobs.length, from + READ_BATCH_FILES)));
        let answer: Answer;
        try {
          answer = await this.send({ id: 0, options, reads: batch });
        } catch {
          head = Math.min(head, from);
          return;
        }
        answer.outcomes!.forEach((o, k) => (outcomes[from + k] = o));
      }
    };
    if (this.start()) await Promise.all([loop(), loop()]);
    // Whatever the thread did not read (it could not start, or died) is read here, in slices.
    let sliceStart = performance.now();
    for (; head < jobs.length; head++) {
      signal?.throwIfAborted();
      outcomes[head] = readOutcomeAt(jobs[head]!, options);
      if (performance.now() - sliceStart < READ_SLICE_MS) continue;
      await this.edits.pause();
      sliceStart = performance.now();
    }
    return outcomes;
  }

  private start(): boolean {
    if (this.worker || this.failed) return !this.failed;
    if (!this.script) return !(this.failed = true);
    try {
      const worker = new Worker(this.script, { workerData: { edits: this.edits.shared } satisfies IndexThreadData });
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

  private send(task: Task): Promise<Answer> {
    const id = (task.id = this.nextId++);
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker!.postMessage(task);
    });
  }

  private answer(a: Answer): void {
    const waiter = this.waiting.get(a.id);
    this.waiting.delete(a.id);
    if (a.results || a.outcomes || a.files) waiter?.resolve(a);
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
    this.destroyed = this.failed = true;
    this.worker = undefined;
    await worker?.terminate();
  }
}

/** In the index thread: answers each task with its files' results, in order. */
export function serveIndexTasks(): boolean {
  if (isMainThread || !parentPort) return false;
  const port = parentPort;
  yieldToRequests();
  // Between files, and every so often within one (ExtractOptions.pause): a file takes up to seconds to extract.
  const edits = (workerData as IndexThreadData | undefined)?.edits;
  const standAside = edits ? standAsideFor(edits) : () => 0;
  port.on('message', (task: Task) => {
    if ('list' in task) {
      collectFiles(...task.list).then(
        (files) => port.postMessage({ id: task.id, files } satisfies Answer),
        (e: unknown) => port.postMessage({ id: task.id, error: (e as Error).message } satisfies Answer),
      );
      return;
    }
    try {
      if ('reads' in task) {
        port.postMessage({
          id: task.id,
          outcomes: task.reads.map((r) => {
            standAside();
            return readOutcomeAt(r, task.options);
          }),
        } satisfies Answer);
        return;
      }
      const options = { ...task.options, pause: standAside };
      const results = task.jobs.map((job) => {
        standAside();
        return withFactsPacked(analyseAt(job, options));
      });
      const transfer = results.flatMap((r) => r.packed?.facts ?? []);
      port.postMessage({ id: task.id, results } satisfies Answer, transfer);
    } catch (e) {
      port.postMessage({ id: task.id, error: (e as Error).message } satisfies Answer);
    }
  });
  return true;
}

/** A result as sent: its facts packed (packed-facts.ts). */
function withFactsPacked(answer: { result: FileResult; hash?: string }): AnsweredResult {
  const pack = packFacts(answer.result);
  return pack ? { result: pack.result, hash: answer.hash, packed: { facts: pack.facts, traits: pack.traits } } : answer;
}

/**
 * The index thread runs at the lowest priority, so that on a busy machine (two cores, the editor, a build) the
 * scheduler gives the server's thread the CPU whenever an edit arrives, and the index the rest. On Linux a thread's
 * nice value is its own, set through its thread id; elsewhere the thread keeps the process's. Only this thread: V8's
 * helper threads also collect the server thread's garbage, which waits for them, and at the lowest priority on a busy
 * machine they held edits up (round trips while indexing the agent-dense corpus beside two busy loops: p95 57–77 ms
 * with this thread alone at the lowest priority, 286–291 ms with the helpers too).
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
