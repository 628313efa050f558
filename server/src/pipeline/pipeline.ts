import { IncrementalTree } from '../analyzer/extract';
import { OwnerResolver } from '../analyzer/owners';
import type { PathMapping } from '../analyzer/resolve';
import { ImportGraph, type ImportSummary } from '../analyzer/relevance';
import type { AnalysisResult } from '../analyzer/types';
import type { ExtractOptions } from '../capabilities/collect-functions';
import { type Config, DEFAULT_CONFIG } from '../config/load-config';
import {
  type AnalysisDepth,
  type AnalysisOptions,
  analyseFile,
  analyzeResults,
  extractOptions,
  type FileResult,
  isAnalysable,
  pathMappingsOf,
  shapesResolution,
  type SourceInput,
} from '../engine';
import type { Timings } from '../timings';
import { ANALYZER_BUILD } from '../version';
import {
  analyseAt,
  type Executor,
  type FileJob,
  hashOf,
  hashUnless,
  UNHASHED,
  inThread,
  pause,
  type ReadJob,
  type ReadOutcome,
  readOutcome,
  sameReading,
} from './executor';
import { hasFacts, packedSize, traitsOf, unpack, UNPACKED_BYTES_PER_PACKED_BYTE, withoutFacts } from './packed-facts';
import { factsNeededBy, type GraphInputs, Prefilter, summarised } from './prefilter';

/** Config, owner fallbacks and the day expiry dates are judged by: what linking takes (`AnalysisOptions`). */
export type PipelineSettings = AnalysisOptions;

/** A file handed to a batch: its text, or how to read it when it must be read. */
export interface PipelineFile {
  file: string;
  text?: string;
  /** Reads the text when it was not given; undefined when the file cannot be read (it is left out). */
  read?: () => string | undefined;
  /**
   * Where the file is on disk: the executor reads it there when it analyses it, and an executor that reads files in
   * its own thread (`Executor.read`) for the pre-filter too, so that its text never reaches this one.
   */
  path?: string;
  /** What the caller stat'ed (the CLI): an executor that reads files in its threads reads the big ones first. */
  stamp?: { size: number };
  /**
   * The caller knows the file unchanged since its stored result (the CLI's cache, by size and modification
   * time): given without text, it is read only if that result cannot serve.
   */
  unchanged?: boolean;
  /** Its module specifiers, seed test and subclass test, when the caller has already found them. */
  specifiers?: readonly string[];
  seed?: boolean;
  subclass?: boolean;
}

/** A file's result and the hash of the text it was made from. */
export interface StoredResult {
  hash: string;
  result: FileResult;
}

export interface BatchOptions {
  /**
   * Results of an earlier run that may stand in for analysing a file again (the CLI's `--cache`), looked up
   * by file and by the key of the analyzer build and extraction options they must have been made with.
   */
  stored?: (file: string, key: string) => StoredResult | undefined;
  /** Runs the per-file analyses: in this thread by default. */
  executor?: Executor;
  /** Stops the batch between files (it throws the signal's reason). */
  signal?: AbortSignal;
  /** Yield to the event loop every few files, so a language server keeps answering while it indexes. */
  cooperative?: boolean;
  /** How a cooperative batch yields between its slices and files: to the next turn of the event loop by default. */
  pause?: () => Promise<void>;
  /** Files done (analysed or reused) of those the batch was given. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Holds no text it can read again, rather than every text of the tree from the pre-filter's reading to the file's
   * step: a file given with `read` is searched for secrets as it is first read (all that most files get), unless it
   * is a seed, and read again if it is to be parsed. For a batch that reads in the thread it analyses in (the CLI);
   * the language server's batch reads in its requests' thread, which must neither search files nor read them twice.
   */
  textsOnDemand?: boolean;
  /**
   * Nothing will compare the texts read with later readings (a one-off run that keeps no results): they are not
   * hashed, and the results carry no hash (`UNHASHED`), so none stands in for a later reading.
   */
  unhashed?: boolean;
}

export interface BatchStats {
  /** Files analysed; the others were served by a stored result. */
  analysed: number;
}

/**
 * A file of a batch once it is known: its text (unless a stored result vouches for it, or it is read again on
 * demand), hash and summary.
 */
interface KnownFile {
  file: string;
  text?: string;
  read?: () => string | undefined;
  /** Read by the executor, in its thread (see PipelineFile.path); `size`: its text's length. */
  path?: string;
  size?: number;
  hash: string;
  prior?: StoredResult;
  /** `prior` was made in this batch, from its first reading of the file (analysed, not stored from before). */
  fresh?: boolean;
  source: SourceInput;
}

interface PlannedJob extends FileJob {
  hash: string;
}

/**
 * A step of a batch: jobs to run, a pause, or files for the executor to read in its own thread (their outcomes are
 * handed back to the batch, in order).
 */
type BatchStep = PlannedJob[] | 'pause' | { read: ReadJob[] };
type BatchSteps = Generator<BatchStep, void, (ReadOutcome | undefined)[] | undefined>;

/** One batch being run: its steps and what to do with each result. */
interface BatchRun {
  steps: BatchSteps;
  done: (job: PlannedJob, result: FileResult, hash?: string) => void;
  stats: BatchStats;
}
/**
 * How long a cooperative batch works in this thread (reading files and searching them for imports, building the import
 * graph) before it pauses: by time, not by files or bytes, since a file's cost varies a hundredfold (a 2 MB bundle, a
 * 20-line tool), and an edit that arrives meanwhile waits for the slice to end.
 */
const SLICE_MS = 4;
/** The largest packed facts unpacked in a slice of their own (about 10 ms to unpack); bigger ones wait for the link. */
const MAX_SLICED_UNPACK_BYTES = 1024 * 1024;
/** Files a cooperative batch analyses in this thread between two pauses (when no index thread could start). */
const ANALYSES_PER_PAUSE = 25;

/** Whether a slice of `ms` is spent since it last said so (or since it was made); each yes starts the next slice. */
function sliceTimer(ms: number): () => boolean {
  let start = performance.now();
  return () => {
    const now = performance.now();
    if (now - start < ms) return false;
    start = now;
    return true;
  };
}

/** The extraction options for a set of files: the config's and the `paths` aliases of their tsconfig files. */
export function extractOptionsFor(
  config: Config,
  files: readonly PipelineFile[],
  more: readonly PathMapping[] = [],
): ExtractOptions {
  return returnOf(extractOptionsInSlices(config, files, more, () => false));
}

/** What a generator that never pauses returns. */
function returnOf<T>(steps: Generator<unknown, T, unknown>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `extractOptionsFor`, pausing whenever `pauseNow` says so: a workspace has hundreds of tsconfig and package.json
 * files to read and parse (20-60 ms in one stretch on the agent-dense corpus).
 */
function* extractOptionsInSlices(
  config: Config,
  files: readonly PipelineFile[],
  more: readonly PathMapping[],
  pauseNow: () => boolean,
): Generator<'pause', ExtractOptions, unknown> {
  const mappings: PathMapping[] = [];
  for (const f of files) {
    if (!shapesResolution(f.file)) continue;
    const text = f.text ?? f.read?.();
    if (text !== undefined) mappings.push(...pathMappingsOf([{ file: f.file, text }]));
    if (pauseNow()) yield 'pause';
  }
  return extractOptions(config, [...mappings, ...more]);
}

/**
 * The analysis of a set of files: each file on its own (facts, secrets, suppressions — at the depth the
 * pre-filter decides), then linked and judged by the rules. Per-file results are kept, so one file can be
 * analysed again on its own (`update`) and the set linked again. The CLI runs one batch; the language server
 * indexes with a batch and then follows edits; `analyze` runs a batch in this thread.
 */
export class Pipeline {
  private readonly entries = new Map<string, StoredResult>();
  /** Each file's place in the order files were first given: linking follows it, whatever order they finish in. */
  private readonly order = new Map<string, number>();
  private sorted?: string[];
  /** Files analysed from an editor buffer rather than read, with their text. */
  private readonly buffers = new Map<string, string>();
  /** Each open buffer's last syntax tree: the next keystroke re-parses only the edited span. */
  private readonly trees = new Map<string, IncrementalTree>();
  private config: Config;
  private owners: OwnerResolver;
  private today?: string;
  private lockfile?: AnalysisOptions['lockfile'];
  private timings?: Timings;
  private options?: ExtractOptions;
  /** The key of the analyzer build and extraction options the stored facts were made with. */
  private extractedWith = '';
  private graphCache?: ImportGraph;
  /** How many import graphs were built whole here (tests check that an edit patches the graph instead). */
  graphsBuilt = 0;
  /** Bumped whenever the import graph is dropped: a graph built in slices meanwhile is of older inputs. */
  private graphEpoch = 0;
  /** The graph of the current inputs being built in slices, which an edit needing the graph completes at once. */
  private building?: { graph: ImportGraph; epoch: number };
  /**
   * While a batch runs, the import summaries of every file it will store (read before any is analysed): the
   * import graph includes them from the start, so that storing their results leaves it as it is. An open file's
   * diagnostics (its neighbourhood) are asked for between every few files, and the graph of thousands of files
   * must not be rebuilt each time.
   */
  private batchKnown?: {
    files: ReadonlySet<string>;
    summaries: ReadonlyMap<string, ImportSummary>;
    mappings: readonly PathMapping[];
  };
  private neededCache?: Set<string>;
  /** Bumped whenever a file is stored new or at another depth: what `pendingUpgrades` found may be stale. */
  private depthChanges = 0;
  /** The last `pendingUpgrades`, with the reachable files and depth changes it was found from. */
  private upgrades?: { needed: Set<string>; depthChanges: number; files: string[] };
  /** The files whose results carry path aliases: tsconfig `paths`, a workspace package's name. */
  private readonly mappingFiles = new Set<string>();
  private batching = false;
  /** Whether the whole file set is known (a batch ran): only then are facts dropped or added by reachability. */
  complete = false;
  /** Bumped whenever any file's result or a setting changes. */
  generation = 0;

  constructor(
    settings: PipelineSettings = {},
    /** Reads a file that is not an open buffer again (for `refresh` and upgrades); undefined when it is gone. */
    private readonly readFile?: (file: string) => string | undefined,
  ) {
    this.config = settings.config ?? DEFAULT_CONFIG;
    this.owners = settings.owners ?? new OwnerResolver({ cwd: process.cwd(), configOwners: this.config.owners });
    this.today = settings.today;
    this.timings = settings.timings;
    this.lockfile = settings.lockfile;
    // What the first files are analysed with, before any batch: the same settings again must not re-extract them
    // (an editor sends its settings just after opening the first document).
    this.extractedWith = keyOf(this.currentOptions());
  }

  /** The key stored results must have been made with to serve this pipeline (see BatchOptions.stored). */
  get cacheKey(): string {
    return this.extractedWith;
  }

  /** New settings; when extraction options change, every file is analysed again. */
  reconfigure(settings: PipelineSettings): void {
    this.config = settings.config ?? this.config;
    this.owners = settings.owners ?? this.owners;
    this.today = settings.today;
    this.lockfile = settings.lockfile;
    this.options = undefined;
    this.generation++;
    if (this.refreshOptions()) this.extractAgain();
  }

  // ---- a batch: a set of files, in the pre-filter's two steps --------------------------------------------

  /** Analyses a set of files, in this thread, now (tests and `analyze`). */
  analyseAllSync(files: readonly PipelineFile[], opts: Pick<BatchOptions, 'stored' | 'onProgress'> = {}): BatchStats {
    const run = this.batch(files, opts);
    for (let step = run.steps.next(); !step.done; step = run.steps.next()) {
      if (!Array.isArray(step.value)) continue; // no executor here reads files ahead of their analysis
      const options = this.currentOptions();
      for (const job of step.value) {
        const { result, hash } = analyseAt(job, options);
        run.done(job, result, hash);
      }
    }
    return run.stats;
  }

  /** Analyses a set of files with the executor given (this thread by default); cancellable between files. */
  async analyseAll(files: readonly PipelineFile[], opts: BatchOptions = {}): Promise<BatchStats> {
    const executor = opts.executor ?? inThread(opts.cooperative ? ANALYSES_PER_PAUSE : undefined, opts.pause);
    const run = this.batch(files, { ...opts, executor });
    try {
      let step = run.steps.next();
      while (!step.done) {
        opts.signal?.throwIfAborted();
        const next = step.value;
        let outcomes: (ReadOutcome | undefined)[] | undefined;
        if (next === 'pause') await (opts.pause ?? pause)();
        else if (Array.isArray(next)) await executor.run(next, this.currentOptions(), run.done, opts.signal);
        else outcomes = await executor.read!(next.read, this.currentOptions(), opts.signal);
        step = run.steps.next(outcomes);
      }
    } finally {
      run.steps.return(); // a cancelled batch ends as a finished one does
    }
    return run.stats;
  }

  private batch(files: readonly PipelineFile[], opts: BatchOptions): BatchRun {
    // An open buffer is analysed from its text, never from a batch's read of the disk.
    const batch = files.filter((f) => !this.buffers.has(f.file));
    const stats: BatchStats = { analysed: 0 };
    // A file is counted once: one that agent code turns out to reach is analysed again after the rest.
    const handled = new Set<string>();
    const keep = (file: string, stored: StoredResult) => {
      if (!this.buffers.has(file) && this.entries.get(file) !== stored)
        this.store(file, stored.hash, stored.result, { batch: true });
      if (opts.onProgress && !handled.has(file)) opts.onProgress(handled.add(file).size, batch.length);
    };
    return {
      steps: this.plan(batch, opts, stats, keep),
      done: (job, result, hash) => keep(job.input.file, { hash: hash ?? job.hash, result }),
      stats,
    };
  }

  private *plan(
    batch: readonly PipelineFile[],
    opts: BatchOptions,
    stats: BatchStats,
    keep: (file: string, stored: StoredResult) => void,
  ): BatchSteps {
    this.batching = true;
    let finished = false;
    try {
      for (const f of batch) this.place(f.file);
      const buffered = [...this.buffers.keys()].flatMap((b) => this.entries.get(b)?.result.pathMapping ?? []);
      const sliceSpent = sliceTimer(SLICE_MS);
      const cooperatively = opts.cooperative ? sliceSpent : undefined;
      this.options = opts.cooperative
        ? yield* extractOptionsInSlices(this.config, batch, buffered, sliceSpent)
        : extractOptionsFor(this.config, batch, buffered);
      // Buffers analysed before the batch knew the tsconfig aliases are analysed again with them.
      if (this.refreshOptions()) for (const [file, text] of this.buffers) this.update(file, text, { buffer: true });
      const key = this.extractedWith;
      const stored = opts.stored && ((f: string) => opts.stored!(f, key));
      const known: KnownFile[] = [];
      const reads = !!opts.executor?.read;
      const [elsewhere, here] = reads ? partition(batch, readsElsewhere) : [[], batch];
      for (const f of here) {
        const file = this.know(f, stored, opts);
        if (file) known.push(file);
        if (opts.cooperative && sliceSpent()) yield 'pause';
      }
      if (elsewhere.length) {
        const outcomes = yield {
          read: elsewhere.map((f) => this.readJob(f, stored, opts.unhashed)),
        };
        elsewhere.forEach((f, k) => {
          // One the executor could not read is tried here, so that the caller's reader tells why (a notice).
          const file = outcomes?.[k] ? this.knownFrom(f, outcomes[k], stored) : this.know(f, stored, opts);
          if (file) known.push(file);
        });
      }
      // A file a stored result vouches for was not read: its aliases are the result's.
      const unread = known.flatMap((k) => (k.text === undefined && k.prior?.result.pathMapping) || []);
      const sources = known.map((k) => k.source);
      const files = new Set(known.map((k) => k.file));
      const epoch = this.graphEpoch;
      const others = this.graphInputs({ files, summaries: new Map(), mappings: [] });
      const prefilter = opts.cooperative
        ? yield* Prefilter.sliced(sources, unread, sliceSpent, others)
        : new Prefilter(sources, unread, false, undefined, others);
      this.batchKnown = { files, summaries: prefilter.summaries, mappings: prefilter.mappings };
      // The pre-filter's graph is of every file, the batch's as it read them: what `graphInputs` makes now, unless an
      // edit while it was made changed the other files' imports.
      const current = epoch === this.graphEpoch;
      this.dropGraph();
      if (current) this.graphCache = prefilter.graph;
      else if (opts.cooperative) yield* this.graphInSlices(sliceSpent);
      const seeds = known.filter((k) => prefilter.isSeed(k.file));
      const round = (files: KnownFile[], depthOf: (file: string) => AnalysisDepth) =>
        this.round(files, depthOf, prefilter, { stats, keep, unhashed: opts.unhashed, pauseNow: cooperatively });
      yield* round(seeds, () => 'facts');
      const seedResults = seeds.flatMap((k) => this.entries.get(k.file)?.result ?? []);
      const depthOf = prefilter.depths(seedResults);
      const rest = known.filter((k) => !prefilter.isSeed(k.file));
      yield* round(rest, (file) => depthOf(file) ?? 'facts');
      if (opts.cooperative) yield* this.graphInSlices(sliceSpent);
      // What the facts found reach beyond what the seeds' facts told the pre-filter: read for facts in the batch, with
      // its executor, rather than by the first link.
      const upgrades = new Set(this.pendingUpgrades());
      if (upgrades.size)
        yield* round(
          known.filter((k) => upgrades.has(k.file)),
          () => 'facts',
        );
      this.complete = finished = true;
    } finally {
      this.batching = false;
      this.batchKnown = undefined;
      // The batch's graph is the stored results' once it has stored them all (as edits meanwhile made theirs); one cut
      // short has files in it that it did not store.
      if (!finished) this.dropGraph();
    }
  }

  /**
   * A file's text, hash and import summary: read, unless a stored result vouches for it unchanged. `onDemand`: the
   * text is not kept when the file can be read again (tsconfig and package files, which the aliases come from, are).
   */
  private know(
    f: PipelineFile,
    stored: ((file: string) => StoredResult | undefined) | undefined,
    { textsOnDemand: onDemand, unhashed }: BatchOptions,
  ): KnownFile | undefined {
    const prior = this.priorOf(f.file, stored);
    if (f.text === undefined && f.unchanged && prior) {
      const { specifiers = [], seed = false, subclass = false } = prior.result;
      return {
        file: f.file,
        read: f.read,
        hash: prior.hash,
        prior,
        source: { file: f.file, text: '', specifiers, seed, subclass },
      };
    }
    const text = f.text ?? f.read?.();
    if (text === undefined) return undefined;
    const input = { file: f.file, text, specifiers: f.specifiers, seed: f.seed, subclass: f.subclass };
    if (!onDemand || f.text !== undefined || !f.read || shapesResolution(f.file))
      return { file: f.file, text, hash: hashUnless(unhashed, text), prior, source: summarised(input) };
    // Known as an executor that reads in its own thread knows it: the text is not kept.
    return this.knownFrom(f, readOutcome(input, prior?.hash, this.currentOptions(), unhashed), stored);
  }

  /** A file for the executor to read: with the hash of the result that may serve for it, if there is one. */
  private readJob(f: PipelineFile, stored?: (file: string) => StoredResult | undefined, unhashed?: boolean): ReadJob {
    return {
      file: f.file,
      path: f.path!,
      size: f.stamp?.size,
      priorHash: this.priorOf(f.file, stored)?.hash,
      unhashed,
    };
  }

  /**
   * This pipeline's result for a file, or else a stored one (`BatchOptions.stored`). One without a hash (`UNHASHED`:
   * never hashed, or forgotten) stands in for no reading.
   */
  private priorOf(file: string, stored?: (file: string) => StoredResult | undefined): StoredResult | undefined {
    const own = this.entries.get(file);
    return own && own.hash !== UNHASHED ? own : stored?.(file);
  }

  /** A file the executor read: as `know` would have known it. */
  private knownFrom(
    f: PipelineFile,
    outcome: ReadOutcome,
    stored?: (file: string) => StoredResult | undefined,
  ): KnownFile {
    const { hash, size, specifiers, seed, subclass, secrets } = outcome;
    const known: KnownFile = {
      file: f.file,
      read: f.read,
      path: f.path,
      size,
      hash,
      prior: this.priorOf(f.file, stored),
      source: { file: f.file, text: '', specifiers, seed, subclass },
    };
    return secrets ? { ...known, prior: { hash, result: secrets }, fresh: true } : known;
  }

  /**
   * One step: each file from its stored result when that serves the wanted depth, analysed otherwise. A file known by
   * its path is read by the executor as it comes to it, so that a step holds one text at a time rather than all of
   * them. `pauseNow`: when to pause while the jobs are made (the agent-dense corpus's 4,485 files after its seeds,
   * their results stored or their jobs made, took 15 ms at once).
   */
  private *round(
    files: readonly KnownFile[],
    depthOf: (file: string) => AnalysisDepth,
    prefilter: Prefilter,
    {
      stats,
      keep,
      unhashed,
      pauseNow,
    }: {
      stats: BatchStats;
      keep: (file: string, stored: StoredResult) => void;
      unhashed?: boolean;
      pauseNow?: () => boolean;
    },
  ): Generator<PlannedJob[] | 'pause', void, unknown> {
    const jobs: PlannedJob[] = [];
    for (const k of files) {
      if (pauseNow?.()) yield 'pause';
      const depth = depthOf(k.file);
      const { prior } = k;
      // A secrets-only result cannot stand in for facts (the file became reachable from agent code).
      if (prior && prior.hash === k.hash && !(prior.result.depth === 'secrets' && depth === 'facts')) {
        keep(k.file, prior);
        if (k.fresh) stats.analysed++;
        continue;
      }
      // Reached by agent code after its text was searched for secrets: not searched again (when it reads the same).
      const searched =
        prior?.hash === k.hash && prior.result.depth === 'secrets' && k.size !== undefined
          ? { size: k.size, hash: k.hash, secrets: prior.result.secrets }
          : undefined;
      let text = k.text;
      if (text === undefined && k.path) {
        const input = prefilter.withSpecifiers({ file: k.file, text: '' });
        jobs.push({ input, depth, hash: k.hash, path: k.path, size: k.size, unhashed, searched });
        continue;
      }
      if (text === undefined) {
        // Read now (its stored result cannot serve): only its job holds the text.
        text = k.read?.() ?? '';
        k.hash = hashUnless(unhashed, text);
      }
      const secrets = searched && sameReading(searched, text, k.hash) ? searched.secrets : undefined;
      jobs.push({
        input: { ...prefilter.withSpecifiers({ file: k.file, text }), secrets },
        depth,
        hash: k.hash,
        unhashed,
      });
    }
    stats.analysed += jobs.length;
    if (jobs.length) yield jobs;
  }

  // ---- one file at a time ------------------------------------------------------------------------------

  /**
   * Analyses a file's new text — an open buffer's (`buffer`), or the file as read — and returns whether its
   * result changed. A buffer keeps its syntax tree, so the next edit re-parses only what changed.
   */
  update(
    file: string,
    text: string,
    opts: {
      buffer?: boolean;
      depth?: AnalysisDepth;
      known?: Pick<SourceInput, 'specifiers' | 'seed' | 'subclass'>;
    } = {},
  ): boolean {
    if (!isAnalysable(file)) return false;
    const buffer = opts.buffer ?? false;
    const depth = opts.depth ?? 'facts';
    // An open buffer is a root of what must be parsed; the import graph stays as it is.
    if (buffer !== this.buffers.has(file)) this.neededCache = undefined;
    if (buffer) this.buffers.set(file, text);
    else {
      this.buffers.delete(file);
      this.trees.delete(file);
    }
    const hash = hashOf(text);
    const previous = this.entries.get(file);
    if (previous?.hash === hash && (previous.result.depth !== 'secrets' || depth === 'secrets')) return false;
    let tree = buffer ? this.trees.get(file) : undefined;
    if (buffer && !tree) this.trees.set(file, (tree = new IncrementalTree()));
    const input = { file, text: text.replace(/^\uFEFF/, ''), ...opts.known };
    this.place(file);
    this.store(file, hash, analyseFile(input, this.currentOptions(), depth, tree));
    return true;
  }

  /** Reads a file again: facts if agent code reaches it (or `depth` says so), its text only otherwise. */
  refresh(file: string, depth?: AnalysisDepth): boolean {
    if (!this.readFile) return false;
    const text = this.readFile(file);
    if (text === undefined) return this.remove(file);
    // Found once here, for the depth, and handed on so the analysis does not search the text again.
    const { specifiers, seed, subclass } = summarised({ file, text });
    const wanted = depth ?? (seed || (this.complete && this.needed().has(file)) ? 'facts' : 'secrets');
    return this.update(file, text, { buffer: false, depth: wanted, known: { specifiers, seed, subclass } });
  }

  remove(file: string): boolean {
    const had = this.entries.get(file);
    this.entries.delete(file);
    this.mappingFiles.delete(file);
    this.buffers.delete(file);
    this.trees.delete(file);
    this.dropGraph();
    if (!had) return false;
    this.sorted = undefined;
    this.generation++;
    if (had.result.pathMapping) this.aliasesChanged();
    return true;
  }

  files(): string[] {
    return [...this.entries.keys()];
  }

  stored(file: string): StoredResult | undefined {
    return this.entries.get(file);
  }

  // ---- linking -----------------------------------------------------------------------------------------

  /**
   * Links the files' results and runs the rules: all files, or those given (with every tsconfig). Facts no
   * agent code reaches are left out, and files it newly reaches are read for facts first, as a fresh batch
   * would.
   */
  link(files?: Iterable<string>): AnalysisResult {
    if (this.complete && this.readFile) for (const file of this.pendingUpgrades()) this.refresh(file, 'facts');
    const needed = this.complete ? this.needed() : undefined;
    const results: FileResult[] = [];
    for (const file of files ? this.pickedInOrder(files) : this.inOrder()) {
      const r = this.entries.get(file)!.result;
      results.push(needed && !needed.has(file) && hasFacts(r) ? withoutFacts(r) : r);
    }
    return analyzeResults(results, {
      config: this.config,
      owners: this.owners,
      today: this.today,
      timings: this.timings,
      lockfile: this.lockfile,
    });
  }

  /**
   * Unpacks, a slice at a time, the packed facts (packed-facts.ts) a whole link will read: that link, which an edit
   * arriving meanwhile waits for, then only links. A bundle's facts (a 5 MB bundle has 8 MB of them, 70-145 ms to
   * unpack) are left to that link: unpacked here, they would hold an edit up as long.
   */
  async unpackForLinking(signal?: AbortSignal, yieldTurn: () => Promise<void> = pause): Promise<void> {
    const needed = this.complete ? this.needed() : undefined;
    const sliceSpent = sliceTimer(SLICE_MS);
    for (const [file, { result }] of this.entries) {
      const size = packedSize(result);
      if (!size || size > MAX_SLICED_UNPACK_BYTES || (needed && !needed.has(file))) continue;
      unpack(result);
      if (!sliceSpent()) continue;
      await yieldTurn();
      signal?.throwIfAborted();
    }
  }

  /** The heap the facts still packed will take once a whole link has unpacked them. */
  unpackedFactsBytes(): number {
    let packed = 0;
    for (const { result } of this.entries.values()) packed += packedSize(result);
    return packed * UNPACKED_BYTES_PER_PACKED_BYTE;
  }

  /** What imports `file`, and what that reaches: all its findings can depend on (relevance.ts). */
  neighbourhoodOf(file: string): Set<string> {
    return this.importGraph().neighbourhoodOf(file);
  }

  // ---- bookkeeping ---------------------------------------------------------------------------------------

  private place(file: string): void {
    if (this.order.has(file)) return;
    this.order.set(file, this.order.size);
    this.sorted = undefined;
  }

  /**
   * The known files among those given, and every file with path aliases (which every link resolves imports with), in
   * order: an edit links its file's neighbourhood, a few dozen files of thousands.
   */
  private pickedInOrder(files: Iterable<string>): string[] {
    const picked = new Set(files);
    for (const file of this.mappingFiles) picked.add(file);
    return [...picked].filter((f) => this.entries.has(f)).sort((a, b) => this.order.get(a)! - this.order.get(b)!);
  }

  private inOrder(): string[] {
    this.sorted ??= [...this.entries.keys()].sort((a, b) => this.order.get(a)! - this.order.get(b)!);
    return this.sorted;
  }

  private store(file: string, hash: string, result: FileResult, opts: { batch?: boolean } = {}): void {
    const previous = this.entries.get(file)?.result;
    if (!previous) this.sorted = undefined;
    this.entries.set(file, { hash, result });
    this.generation++;
    if (result.pathMapping) this.mappingFiles.add(file);
    else this.mappingFiles.delete(file);
    if (!previous || previous.depth !== result.depth) this.depthChanges++;
    // A batch's file is in the graph already, as the batch read it (see `batchKnown`).
    if (changesImportGraph(previous, result) && !(opts.batch && this.batchKnown?.files.has(file))) {
      if (!this.graphPatched(previous, result)) this.dropGraph();
    }
    // A seed that starts (or stops) defining tools or agents changes what must be parsed.
    else if (
      !previous ||
      traitsOf(previous).defines !== traitsOf(result).defines ||
      traitsOf(previous).makesTools !== traitsOf(result).makesTools
    )
      this.neededCache = undefined;
    if (previous?.pathMapping || result.pathMapping) this.aliasesChanged();
  }

  /** A known file's new imports made in the graph in place (`ImportGraph.replace`); false when it must be rebuilt. */
  private graphPatched(previous: FileResult | undefined, result: FileResult): boolean {
    if (!previous || previous.pathMapping || result.pathMapping) return false;
    const graph = this.graphCache ?? this.completedBuild();
    const { file, specifiers = [], seed, subclass } = result;
    if (!graph?.replace({ file, specifiers, seed: !!seed, subclass: !!subclass })) return false;
    this.neededCache = undefined;
    this.graphEpoch++; // a graph being built in slices is of the older imports
    return true;
  }

  private dropGraph(): void {
    this.neededCache = this.graphCache = undefined;
    this.graphEpoch++;
  }

  private currentOptions(): ExtractOptions {
    this.options ??= extractOptions(
      this.config,
      [...this.entries.values()].flatMap((e) => e.result.pathMapping ?? []),
    );
    return this.options;
  }

  /** A tsconfig's `paths` changed: when the aliases differ from those the facts were made with, extract again. */
  private aliasesChanged(): void {
    // A batch settles its options from its tsconfig files before it starts.
    if (this.batching) return;
    this.options = undefined;
    if (this.complete && this.refreshOptions()) this.extractAgain();
  }

  /**
   * Notes the current options; when they differ from those the stored results were made with, those results
   * no longer serve (their hashes are forgotten). Whether they differed.
   */
  private refreshOptions(): boolean {
    const key = keyOf(this.currentOptions());
    if (key === this.extractedWith) return false;
    this.extractedWith = key;
    for (const entry of this.entries.values()) entry.hash = UNHASHED;
    return true;
  }

  /** Facts depend on the extraction options: every file that has them is analysed again. */
  private extractAgain(): void {
    for (const [file, entry] of [...this.entries]) {
      const text = this.buffers.get(file);
      if (text !== undefined) this.update(file, text, { buffer: true });
      else if (entry.result.depth === 'facts') this.refresh(file);
    }
  }

  private importGraph(): ImportGraph {
    if (!this.graphCache && !this.completedBuild()) {
      const { summaries, mappings } = this.graphInputs();
      this.graphCache = new ImportGraph(summaries, mappings);
      this.graphsBuilt++;
    }
    return this.graphCache!;
  }

  /** The graph being built in slices, if it is of the current inputs, completed now and kept. */
  private completedBuild(): ImportGraph | undefined {
    if (this.building?.epoch !== this.graphEpoch) return undefined;
    this.building.graph.complete();
    return (this.graphCache = this.building.graph);
  }

  /** What the import graph is made of: the stored results' summaries and aliases, and a running batch's. */
  private graphInputs(batch = this.batchKnown): GraphInputs {
    const all = [...this.entries.values()].map((e) => e.result);
    // A batch's summaries and aliases are of the text it read: newer than stored results it has not replaced yet.
    const own = batch ? all.filter((r) => !batch.files.has(r.file)) : all;
    const summaries: ImportSummary[] = own.flatMap((r) =>
      r.specifiers ? [{ file: r.file, specifiers: r.specifiers, seed: !!r.seed, subclass: !!r.subclass }] : [],
    );
    const mappings = own.flatMap((r) => r.pathMapping ?? []);
    if (batch) {
      summaries.push(...batch.summaries.values());
      mappings.push(...batch.mappings);
    }
    return { summaries, mappings };
  }

  /**
   * The import graph built in slices, pausing whenever `pauseNow` says so (thousands of files take 50 ms, which an
   * edit would wait for): kept unless something dropped the graph meanwhile. An edit that needs the graph before it
   * is done adds the rest at once (`completedBuild`) rather than building another.
   */
  private *graphInSlices(pauseNow: () => boolean): Generator<'pause', void, unknown> {
    if (this.graphCache) return;
    const { summaries, mappings } = this.graphInputs();
    const building = { graph: new ImportGraph(summaries, mappings, true), epoch: this.graphEpoch };
    this.building = building;
    try {
      for (const pause of building.graph.completeInSlices(pauseNow)) {
        // An edit completed it, or made its inputs old: either way, nothing is left to build.
        if (this.graphCache || building.epoch !== this.graphEpoch) return;
        yield pause;
      }
      if (building.epoch === this.graphEpoch) this.graphCache ??= building.graph;
    } finally {
      if (this.building === building) this.building = undefined;
    }
  }

  /** The pre-filter's rule (relevance.ts): seeds, and what a defining seed or an open buffer reaches. */
  private needed(): Set<string> {
    if (!this.neededCache || !this.graphCache) {
      const results = [...this.entries.values()].map((e) => e.result);
      this.neededCache = factsNeededBy(this.importGraph(), results, this.buffers.keys());
    }
    return this.neededCache;
  }

  /** Files agent code now reaches that so far were read for secrets only. */
  private pendingUpgrades(): string[] {
    const needed = this.needed();
    // Found again only when either has changed: every edit links, and thousands of files may be reachable.
    if (this.upgrades?.needed !== needed || this.upgrades.depthChanges !== this.depthChanges) {
      const files = [...needed].filter((f) => this.entries.get(f)?.result.depth === 'secrets' && !this.buffers.has(f));
      this.upgrades = { needed, depthChanges: this.depthChanges, files };
    }
    return this.upgrades.files;
  }
}

/** The items that pass a test, and those that do not. */
function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  const passed: T[] = [];
  const failed: T[] = [];
  for (const item of items) (test(item) ? passed : failed).push(item);
  return [passed, failed];
}

/**
 * Whether a batch's executor, if it can, is to read the file: tsconfig and package files, where the aliases come from,
 * are read here.
 */
function readsElsewhere(f: PipelineFile): boolean {
  return !!f.path && f.text === undefined && !f.unchanged && !shapesResolution(f.file);
}

/**
 * Whether a file's new result changes the import graph, which holds each file's specifiers and seed test (`import {
 * jsonSchema, tool } from 'ai'` keeps the specifiers of `import { jsonSchema } from 'ai'` but makes a seed) and the
 * tsconfig aliases: a new file with imports or aliases, or changed ones.
 */
function changesImportGraph(previous: FileResult | undefined, result: FileResult): boolean {
  if (!previous) return !!result.specifiers || !!result.pathMapping;
  return (
    previous.specifiers?.join('\0') !== result.specifiers?.join('\0') ||
    previous.seed !== result.seed ||
    previous.subclass !== result.subclass ||
    !!previous.pathMapping ||
    !!result.pathMapping
  );
}

function keyOf(options: ExtractOptions): string {
  return `${ANALYZER_BUILD}\0${JSON.stringify(options)}`;
}

/** The whole pipeline over files in hand, in this thread: each file, then linking and the rules. */
export function analyze(files: readonly PipelineFile[], settings: PipelineSettings = {}): AnalysisResult {
  const pipeline = new Pipeline(settings);
  pipeline.analyseAllSync(files);
  return pipeline.link();
}
