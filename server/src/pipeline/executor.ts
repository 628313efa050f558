import { createHash } from 'node:crypto';
import { getHeapStatistics } from 'node:v8';
import type { ExtractOptions } from '../capabilities/collect-functions';
import { collectGarbage } from '../garbage';
import { type AnalysisDepth, analyseFile, type FileResult, type SourceInput } from '../engine';
import type { SecretFinding } from '../rules/rule';
import { readAnalysable } from '../project/collect-files';
import { summarised } from './prefilter';

/** One file to analyse, at a depth: what an executor runs. */
export interface FileJob {
  input: SourceInput;
  depth: AnalysisDepth;
  /**
   * Where the file is, when the executor is to read it as it comes to the job (every executor can): `input.text` is
   * then empty, and `size` the length of the text when it was first read.
   */
  path?: string;
  size?: number;
  /** Nothing will compare this reading of the file with another (see `UNHASHED`): its text is not hashed. */
  unhashed?: boolean;
  /**
   * For a job given by its path: an earlier reading of the file that was searched for secrets (its length, its hash or
   * `UNHASHED`, what was found). If the text read for the job is the same, it is not searched again.
   */
  searched?: SearchedReading;
}

/**
 * What another thread needs of a job to run it: the job without what only the planning thread reads (a planned job's
 * hash and size), so that a field added to `FileJob` reaches every executor's threads.
 */
export function jobForThread({ input, depth, path, unhashed, searched }: FileJob): FileJob {
  return { input, depth, path, unhashed, searched };
}

export interface SearchedReading {
  size: number;
  hash: string;
  secrets: readonly SecretFinding[];
}

/** A file an executor reads in its own thread: where it is, and the hash of the result the pipeline already has. */
export interface ReadJob {
  file: string;
  path: string;
  /** Its size in bytes, when known. */
  size?: number;
  priorHash?: string;
  unhashed?: boolean;
}

/**
 * What reading a file told: the hash and length of its text, the tests of its text (imports, seed, subclass), and,
 * unless it is a seed or unchanged since `priorHash`, its secrets-only result — all most files get.
 */
export interface ReadOutcome {
  hash: string;
  size: number;
  specifiers?: readonly string[];
  seed?: boolean;
  subclass?: boolean;
  secrets?: FileResult;
}

/**
 * Runs the per-file analyses of one step of the pipeline and hands each result to `done` as it comes. The
 * pipeline's default runs them in this thread; the CLI's `--threads` hands big files to worker threads.
 */
export interface Executor {
  /** `hash`: of the text the executor read, for a job given by `path`. */
  run<J extends FileJob>(
    jobs: readonly J[],
    options: ExtractOptions,
    done: (job: J, result: FileResult, hash?: string) => void,
    signal?: AbortSignal,
  ): Promise<void>;
  /**
   * Reads files in the executor's own thread, so their texts never reach this one: each file's outcome, in order,
   * undefined for one that cannot be read. An executor without it is given texts.
   */
  read?(jobs: readonly ReadJob[], options: ExtractOptions, signal?: AbortSignal): Promise<(ReadOutcome | undefined)[]>;
}

export const hashOf = (text: string): string => createHash('sha1').update(text).digest('hex');

/**
 * The hash of a reading nothing will compare with another (a one-off run keeping no results): a result with it
 * stands in for no later reading, as one whose hash was forgotten. Hashing every text took 1.7% of a scan.
 */
export const UNHASHED = '';
export const hashUnless = (unhashed: boolean | undefined, text: string): string => (unhashed ? UNHASHED : hashOf(text));

/** A file's read outcome (see ReadOutcome), read here; undefined when it is too large, binary or unreadable. */
export function readOutcomeAt(job: ReadJob, options: ExtractOptions): ReadOutcome | undefined {
  const read = readAnalysable(job.path);
  return 'text' in read
    ? readOutcome({ file: job.file, text: read.text }, job.priorHash, options, job.unhashed)
    : undefined;
}

/**
 * One job, in this thread: a job given by its path is read first (a file gone since it was first read is analysed as
 * empty), and the hash of what was read is told.
 */
export function analyseAt(job: FileJob, options: ExtractOptions): { result: FileResult; hash?: string } {
  if (!job.path) return { result: analyseHere(job, options) };
  const read = readAnalysable(job.path);
  const text = 'text' in read ? read.text : '';
  const hash = hashUnless(job.unhashed, text);
  const secrets = job.searched && sameReading(job.searched, text, hash) ? job.searched.secrets : undefined;
  const result = analyseHere({ input: { ...job.input, text, secrets }, depth: job.depth }, options);
  return { result, hash };
}

/**
 * Whether a text is the one an earlier reading searched: by its hash, or, in a run that hashes no text, by its length.
 * Such a run keeps no result beyond itself; a file edited to the same length while it runs keeps the secrets of its
 * first reading, as one edited just after that reading would.
 */
export function sameReading(earlier: Pick<SearchedReading, 'size' | 'hash'>, text: string, hash: string): boolean {
  return text.length === earlier.size && hash === earlier.hash;
}

/**
 * A file's read outcome from its text (see ReadOutcome), in the thread that read it. A seed is read again for its
 * facts; any other file is searched for secrets now, which is all most of them get (one that agent code turns out to
 * reach is read again for facts).
 */
export function readOutcome(
  input: SourceInput,
  priorHash: string | undefined,
  options: ExtractOptions,
  unhashed?: boolean,
): ReadOutcome {
  const source = summarised(input);
  const hash = hashUnless(unhashed, input.text);
  const { specifiers, seed, subclass } = source;
  const outcome: ReadOutcome = { hash, size: input.text.length, specifiers, seed, subclass };
  if (!seed && (unhashed || hash !== priorHash))
    outcome.secrets = analyseHere({ input: source, depth: 'secrets' }, options);
  return outcome;
}

/** Analyses one job in this thread, keeping the heap in check between files. */
export function analyseHere(job: FileJob, options: ExtractOptions): FileResult {
  if (job.depth === 'facts') makeRoomFor(job.input.text.length * TREE_BYTES_PER_CHARACTER);
  const result = analyseFile(job.input, options, job.depth);
  makeRoomFor();
  return result;
}

/**
 * Every job in this thread, one after the other. `pauseEvery`: after that many files it yields to the event
 * loop (and checks for cancellation), so a language server keeps answering while it indexes.
 */
export function inThread(pauseEvery = Number.POSITIVE_INFINITY, yieldTurn = pause): Executor {
  return {
    async run(jobs, options, done, signal) {
      for (let k = 0; k < jobs.length; k++) {
        signal?.throwIfAborted();
        const job = jobs[k]!;
        const { result, hash } = analyseAt(job, options);
        done(job, result, hash);
        if (k % pauseEvery === pauseEvery - 1) await yieldTurn();
      }
    },
  };
}

export const pause = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Where the batch of jobs that starts at `start` ends (before `end`): at most `maxFiles` files, and no more once it
 * holds `maxBytes` of text (one big file is a batch of its own).
 */
export function batchEnd(
  jobs: readonly FileJob[],
  start: number,
  end: number,
  maxFiles: number,
  maxBytes: number,
): number {
  let at = start;
  for (let bytes = 0; at < end && at - start < maxFiles && bytes < maxBytes; at++)
    bytes += jobs[at]!.size ?? jobs[at]!.input.text.length;
  return at;
}

/**
 * Syntax trees of big bundled files are garbage as soon as their file is done, but V8 lets such garbage pile
 * up: on @mastra/core the heap grew to 300 MB of which 88 MB was live. Past this much used heap, a full
 * collection is asked for between files, which keeps peak memory near the live size plus one file's tree. Scanning
 * the agent-dense corpus, whose live heap stays near 30 MB between files: peak RSS 302–307 MB with 192 MB, 236–238 MB
 * with 96 (and a collection before the link, see `makeRoomFor`), in the same time.
 */
const HEAP_CEILING_BYTES = heapCeilingMb() * 1024 * 1024;
/**
 * When more than the ceiling is live (a language server holding a large workspace), the next collection waits
 * for this much new garbage: a full collection after every file would cost more than the garbage.
 */
const HEAP_HEADROOM_BYTES = 64 * 1024 * 1024;
let ceiling = HEAP_CEILING_BYTES;

/** 96 MB, or what `AGENT_WARDEN_HEAP_CEILING_MB` says: lower keeps less memory, higher collects less often. */
function heapCeilingMb(): number {
  const given = Number(process.env.AGENT_WARDEN_HEAP_CEILING_MB);
  return Number.isFinite(given) && given >= 1 ? given : 96;
}

/**
 * What a file's syntax tree takes per character of its text, about: 15–33 bytes measured on bundles of 0.4–5 MB
 * (e.g. 72 MB for the 5 MB of one MCP server's bundle). A big file is made room for before it is parsed, so that its
 * tree is not added to the garbage of the files before it.
 */
const TREE_BYTES_PER_CHARACTER = 24;

/**
 * Room for `coming` bytes about to be made (a big file's syntax tree, every file's facts unpacked for a link): a full
 * collection when the heap with them would be past the ceiling, so that they are not added to the garbage before them.
 */
export function makeRoomFor(coming = 0): void {
  if (getHeapStatistics().used_heap_size + coming < ceiling) return;
  collectGarbage('major');
  ceiling = Math.max(HEAP_CEILING_BYTES, getHeapStatistics().used_heap_size + HEAP_HEADROOM_BYTES);
}
