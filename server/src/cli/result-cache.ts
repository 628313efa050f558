import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AnalysisResult } from '../analyzer/types';
import type { ExtractOptions } from '../capabilities/collect-functions';
import type { Config } from '../config/load-config';
import type { Pipeline, StoredResult } from '../pipeline/pipeline';
import type { FileStamp, ScanInput } from '../project/collect-files';
import { ANALYZER_BUILD } from '../version';

export const CACHE_FILE = '.agent-warden-cache/file-results.json';

/**
 * How `--cache` decides a file is unchanged, as ESLint's `--cache-strategy`: `metadata` (the default) trusts
 * an unchanged size and modification time and does not read the file at all; `content` reads and hashes it.
 */
export type CacheStrategy = 'metadata' | 'content';

type CacheEntry = StoredResult;

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
  /** The authority lockfile's text: findings compare the code with it. */
  lockfile?: string;
}): string {
  return JSON.stringify([
    ANALYZER_BUILD,
    parts.options,
    parts.config,
    parts.ownersKey,
    parts.cwd,
    parts.today,
    parts.lockfile ?? null,
  ]);
}

/**
 * File systems with coarse timestamps (FAT: 2 s, ext3 and HFS+: 1 s) can give a file changed right after it
 * was read the same modification time. As git does for its index ("racy git"), a stamp within this margin
 * of the cache's writing is not trusted: that file is read and hashed.
 */
const RACY_MARGIN_MS = 2500;

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

  /** Entries to write at the next flush (stageResults calls this when any changed). */
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
 * Stages every input's result for the next flush, when anything changed: a file analysed, added or removed,
 * or known only by content so far (a new or racy stamp, which the rewrite makes trustworthy).
 */
export function stageResults(
  cache: ResultCache,
  pipeline: Pipeline,
  inputs: readonly ScanInput[],
  analysed: number,
): void {
  const key = pipeline.cacheKey;
  const entries = cache.entriesFor(key);
  const changed =
    analysed > 0 ||
    Object.keys(entries).length !== inputs.length ||
    inputs.some(
      (input) =>
        entries[input.file]?.hash !== pipeline.stored(input.file)?.hash ||
        !input.stamp ||
        !cache.unchanged(input.file, input.stamp),
    );
  if (!changed) return;
  const next: Record<string, CacheEntry> = {};
  const stamps: Record<string, [number, number]> = {};
  for (const input of inputs) {
    const stored = pipeline.stored(input.file);
    if (!stored) continue;
    next[input.file] = stored;
    if (input.stamp) stamps[input.file] = [input.stamp.size, input.stamp.mtimeMs];
  }
  cache.stageEntries(key, next, stamps);
}
