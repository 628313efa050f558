import { createHash } from 'node:crypto';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { AnalysisResult, Notice } from '../analyzer/types';
import { isAnalysable } from '../engine';
import { makeRoomFor } from '../pipeline/executor';
import { extractOptionsFor, Pipeline } from '../pipeline/pipeline';
import { collectFiles, readSources, type ScanInput } from '../project/collect-files';
import { openWorkspace, type Workspace } from '../project/workspace';
import { timed, timedAsync, type Timings } from '../timings';
import { changedSince, stagedContents, stagedFiles } from './git';
import { ScanProgress, wantsProgress } from './progress';
import { type CacheStrategy, ResultCache, runKeyOf, stageResults } from './result-cache';
import { WorkerExecutor } from './worker-executor';

/** What every command that analyses a tree takes. */
export interface CommonOptions {
  cache?: boolean;
  cacheStrategy?: CacheStrategy;
  threads?: number;
  config?: string;
  output?: string;
  staged?: boolean;
  changedSince?: string;
  shard?: { index: number; count: number };
  timing?: boolean;
  /** Leave the authority lockfile out (commands that compute authority rather than judge code against it). */
  ignoreLockfile?: boolean;
}

/** A stable shard for a file: the same file always lands in the same shard, whatever else changes. */
function shardOf(file: string, count: number): number {
  return (Number.parseInt(createHash('sha1').update(file).digest('hex').slice(0, 8), 16) % count) + 1;
}

/**
 * The files read and the files reported on. `--staged` and `--changed-since` report on their files only,
 * but every file still gives context (imports, owners, capabilities); staged files are read from the index.
 */
export async function runAnalysis(
  paths: string[],
  opts: CommonOptions,
  cwd: string,
  timings?: Timings,
): Promise<AnalysisResult> {
  return (await analyseWorkspace(paths, opts, cwd, timings)).result;
}

/** The same analysis, with the workspace it opened (config, owners, the lockfile as read) for what comes after. */
export async function analyseWorkspace(
  paths: string[],
  opts: CommonOptions,
  cwd: string,
  timings?: Timings,
): Promise<{ result: AnalysisResult; ws: Workspace }> {
  const ws = openWorkspace(cwd, paths, opts.config);
  let files = await timedAsync(timings, 'collect files', () =>
    collectFiles(paths, cwd, ws.config.ignore, ws.configDir),
  );
  const notices: Notice[] = [];
  const lockfile = opts.ignoreLockfile ? undefined : ws.lockfile;
  const badLockfile = lockfile?.error;
  if (badLockfile)
    notices.push({
      file: badLockfile.file,
      message: `${badLockfile.line}:${badLockfile.column}: ${badLockfile.key ? `${badLockfile.key}: ` : ''}${badLockfile.detail}; the code is not compared with it until it is fixed (\`agent-warden lock\` writes it again)`,
    });
  let report: Set<string> | undefined;
  let staged: Map<string, { text: string } | { skipped: string }> | undefined;
  if (opts.staged || opts.changedSince) {
    const selected = (opts.staged ? stagedFiles(cwd) : changedSince(cwd, opts.changedSince!)).filter((f) =>
      isAnalysable(f),
    );
    const inScope = new Set(files);
    // Config ignores still apply; a staged file deleted from the working tree is still judged from the index.
    report = new Set(selected.filter((f) => inScope.has(f) || (opts.staged && !existsSync(resolve(cwd, f)))));
    if (opts.staged) staged = stagedContents(cwd, [...report]);
    files = [...new Set([...files, ...report])].sort();
  }
  const cache = opts.cache ? ResultCache.open(ws.configDir, opts.cacheStrategy) : undefined;
  // Texts are read as the analysis needs them (the stage times the stat of each file and the tsconfig reads).
  const inputs: ScanInput[] = timed(timings, 'stat files', () =>
    readSources(
      files.filter((f) => !staged?.has(f)),
      cwd,
      notices,
      cache,
    ),
  ).concat(stagedInputs(staged, notices));
  // Staged content has no stamp to check a later run against: such runs are neither reused nor recorded.
  // One day for the whole run: the report (expiry dates) and the key it is cached under must agree. The extraction
  // options (every tsconfig and package.json parsed) are found here only for that key: the batch finds its own.
  const today = new Date().toISOString().slice(0, 10);
  const runKey =
    cache &&
    !staged &&
    runKeyOf({
      options: extractOptionsFor(ws.config, inputs),
      config: ws.config,
      ownersKey: ws.ownersKey,
      cwd,
      today,
      lockfile: lockfile?.text,
    });
  // Nothing changed since the cached run (same files, stamps, config, owners and day): its report stands.
  let result = runKey ? cache!.reusableRun(runKey, inputs) : undefined;
  let cached = inputs.length;
  let inWorkers = 0;
  if (!result) {
    ({ result, cached, inWorkers } = await analyseInputs(
      inputs,
      { ...ws, lockfile },
      today,
      opts.threads ?? 1,
      cache,
      timings,
    ));
    if (runKey) cache!.stageRun(runKey, result);
    cache?.flush();
  }
  result.notices.unshift(...notices);
  if (report) result.findings = result.findings.filter((f) => report.has(f.loc.file));
  if (opts.shard)
    result.findings = result.findings.filter((f) => shardOf(f.loc.file, opts.shard!.count) === opts.shard!.index);
  result.stats.files = report ? report.size : files.length;
  if (cache) result.stats.fromCache = cached;
  if ((opts.threads ?? 1) > 1) result.stats.parsedInWorkers = inWorkers;
  return { result, ws };
}

/** The scan's files through the pipeline: from the cache where it can serve, on worker threads with --threads. */
async function analyseInputs(
  inputs: ScanInput[],
  ws: Workspace,
  today: string,
  threads: number,
  cache?: ResultCache,
  timings?: Timings,
) {
  const pipeline = new Pipeline({
    config: ws.config,
    owners: ws.owners,
    today,
    timings,
    lockfile: ws.lockfile?.recorded,
  });
  const executor = new WorkerExecutor(threads);
  const progress = wantsProgress(process.stderr) ? new ScanProgress(process.stderr) : undefined;
  let analysed: number;
  try {
    const batch = () =>
      pipeline.analyseAll(inputs, {
        executor,
        stored: cache && ((file, key) => cache.entriesFor(key)[file]),
        onProgress: progress && ((done, total) => progress.update(done, total)),
        textsOnDemand: true,
        unhashed: !cache,
      });
    ({ analysed } = await timedAsync(timings, 'analyse files', batch));
  } catch (error) {
    await executor.destroy();
    throw error;
  } finally {
    progress?.done();
  }
  // The workers end while this thread links: ending one takes ~0.1 s, all of it waiting here otherwise.
  const closing = executor.destroy();
  try {
    if (cache) stageResults(cache, pipeline, inputs, analysed);
    // The link unpacks every file's facts at once: room is made first, so that they are not piled onto the garbage of
    // the analysis (the agent-dense corpus, RSS sampled every 50 ms: a peak of 254 MB without, 235 MB with).
    makeRoomFor(pipeline.unpackedFactsBytes());
    return { result: pipeline.link(), cached: inputs.length - analysed, inWorkers: executor.inWorkers };
  } finally {
    await closing;
  }
}

/** What the index holds of the staged files: their texts, and a notice for each one not read (binary). */
function stagedInputs(staged: ReturnType<typeof stagedContents> | undefined, notices: Notice[]): ScanInput[] {
  const out: ScanInput[] = [];
  for (const [file, read] of staged ?? []) {
    if ('text' in read) out.push({ file, text: read.text });
    else notices.push({ file, message: read.skipped });
  }
  return out;
}

/**
 * Writes all of the output or none of it: a temp file renamed into place, through a symbolic link and with the
 * replaced file's mode and owner (`scan --fix` keeps a script executable). A device, pipe or socket (`-o /dev/null`,
 * `-o >(jq .)`) is written to as it is: a rename would put a plain file in its place.
 */
export function emit(text: string | Buffer, output: string | undefined, cwd: string): void {
  if (!output) {
    process.stdout.write(text);
    return;
  }
  const target = resolve(cwd, output);
  if (isStream(target)) writeFileSync(target, text);
  else writeFileAtomic.sync(target, text);
}

/** Whether a path is a character device, a pipe or a socket (following symbolic links). */
function isStream(path: string): boolean {
  const stats = statSync(path, { throwIfNoEntry: false });
  return !!stats && (stats.isCharacterDevice() || stats.isFIFO() || stats.isSocket());
}

export function printNotices(notices: Notice[]): void {
  for (const n of notices) process.stderr.write(`agent-warden: ${n.file}: ${n.message}\n`);
}
