import { relative, resolve } from 'node:path';
import type { AnalysisResult, Finding } from '../analyzer/types';
import type { JsonFileError } from '../config/json-file';
import { type Config, ConfigError, type RuleSetting } from '../config/load-config';
import type { Executor } from '../pipeline/executor';
import { Pipeline } from '../pipeline/pipeline';
import { collectFiles, readAnalysable } from '../project/collect-files';
import { defaultWorkspace, openWorkspace, type Workspace } from '../project/workspace';

const toPosix = (p: string) => p.split('\\').join('/');

export interface IndexProgress {
  done: number;
  total: number;
}

/**
 * One workspace folder: its config and owner sources, and the analysis pipeline over its files. Indexing runs
 * the pipeline's batch over every file on disk (agent code and what it imports get facts, the rest is read for
 * secrets only); after that each change re-analyses only the changed file, and linking and rules run over the
 * kept per-file results. Open buffers always get facts.
 */
export class WorkspaceState {
  private ws: Workspace;
  private readonly pipeline: Pipeline;
  configError?: ConfigError;
  analysis?: AnalysisResult;
  /** The generation the whole-workspace analysis was made at. */
  private analysedAt = -1;
  /** The last single-file analysis (see `findingsFor`). */
  private focusedCache?: { generation: number; rel: string; result: AnalysisResult };
  /** Per-change analysis durations (ms), newest last, for the status item and benchmarks. */
  readonly timings: number[] = [];

  constructor(
    readonly dir: string,
    private ruleOverrides: Record<string, RuleSetting> = {},
  ) {
    this.ws = this.loadWorkspace();
    this.pipeline = new Pipeline(this.settings(), (rel) => this.readFromDisk(rel));
  }

  private loadWorkspace(): Workspace {
    try {
      this.configError = undefined;
      return openWorkspace(this.dir, ['.']);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      // A broken config is reported on the config file; analysis goes on with the defaults meanwhile.
      this.configError = e;
      return defaultWorkspace(this.dir);
    }
  }

  private settings() {
    return { config: this.config, owners: this.ws.owners, lockfile: this.ws.lockfile?.recorded };
  }

  /** The authority lockfile's path and text (quick-fixes rewrite its entries), when it can be read. */
  get lockfile(): { file: string; text: string } | undefined {
    const l = this.ws.lockfile;
    return l?.recorded && l.text !== undefined ? { file: l.recorded.file, text: l.text } : undefined;
  }

  /** Files Agent Warden reads that are broken: the config, the lockfile. Each is shown on its file. */
  get fileErrors(): JsonFileError[] {
    return [this.configError, this.ws.lockfile?.error].filter((e): e is JsonFileError => !!e);
  }

  private readFromDisk(rel: string): string | undefined {
    const read = readAnalysable(resolve(this.dir, rel));
    return 'text' in read ? read.text : undefined;
  }

  get config(): Config {
    return { ...this.ws.config, rules: { ...this.ws.config.rules, ...this.ruleOverrides } };
  }

  /** Bumped whenever any file's result or a setting changes: lets pull requests report "unchanged". */
  get generation(): number {
    return this.pipeline.generation;
  }

  /**
   * Whether every file on disk has been read (or, in Restricted Mode and outside folders, need not be): the
   * pipeline then knows the whole file set.
   */
  get indexed(): boolean {
    return this.pipeline.complete;
  }

  set indexed(value: boolean) {
    this.pipeline.complete = value;
  }

  setRuleOverrides(overrides: Record<string, RuleSetting>): void {
    this.ruleOverrides = overrides;
    this.pipeline.reconfigure(this.settings());
  }

  /**
   * Re-reads agent-warden.json, CODEOWNERS and the lockfile; files are analysed again if the extraction options
   * changed.
   */
  reloadConfig(): void {
    this.ws = this.loadWorkspace();
    this.pipeline.reconfigure(this.settings());
  }

  contains(absPath: string): boolean {
    const rel = relative(this.dir, absPath);
    return !!rel && !rel.startsWith('..') && !rel.startsWith('/');
  }

  relativePath(absPath: string): string {
    return toPosix(relative(this.dir, absPath));
  }

  /**
   * Indexes every analysable file on disk (listed by `list`), yielding to the event loop every few files (through
   * `pause`, when given); open buffers are left to their own analysis. Throws the signal's reason when cancelled.
   */
  async index(
    onProgress?: (p: IndexProgress) => void,
    signal?: AbortSignal,
    executor?: Executor,
    list: typeof collectFiles = collectFiles,
    pause?: () => Promise<void>,
  ): Promise<void> {
    let files: string[];
    try {
      files = await list(['.'], this.dir, this.ws.config.ignore, this.ws.configDir);
    } catch {
      files = [];
    }
    const onFile = (done: number, total: number) => {
      if (done % 25 === 0 || done === total) onProgress?.({ done, total });
    };
    await this.pipeline.analyseAll(
      files.map((rel) => ({ file: rel, read: () => this.readFromDisk(rel), path: resolve(this.dir, rel) })),
      { signal, cooperative: true, onProgress: onFile, executor, pause },
    );
    onProgress?.({ done: files.length, total: files.length });
  }

  /** Unpacks, in slices, the index thread's facts that the first whole link reads (Pipeline.unpackForLinking). */
  unpackForLinking(signal?: AbortSignal, pause?: () => Promise<void>): Promise<void> {
    return this.pipeline.unpackForLinking(signal, pause);
  }

  /** Analyses an open buffer's text; returns whether its result changed. */
  update(rel: string, text: string): boolean {
    return this.pipeline.update(rel, text, { buffer: true });
  }

  /** Re-reads a file from disk (a buffer closed, a file changed on disk): whether its result changed. */
  updateFromDisk(rel: string): boolean {
    return this.pipeline.refresh(rel);
  }

  remove(rel: string): boolean {
    return this.pipeline.remove(rel);
  }

  /** The linked analysis of the whole workspace, recomputed only when some file, setting or config changed. */
  current(): AnalysisResult {
    if (!this.analysis || this.analysedAt !== this.generation) {
      const started = performance.now();
      this.analysis = this.pipeline.link();
      // Linking may read files agent code newly reaches: the analysis is of the generation after that.
      this.analysedAt = this.generation;
      this.record(performance.now() - started);
    }
    return this.analysis;
  }

  /**
   * One file's findings. While the workspace analysis is stale (the user is typing), only the file's
   * neighbourhood in the import graph is linked — what imports it, and what that reaches — which is all
   * its findings can depend on; the whole workspace is linked again when something asks for all of it.
   */
  findingsFor(rel: string): Finding[] {
    return this.analysisFor(rel).findings.filter((f) => f.loc.file === rel);
  }

  /**
   * An analysis that is exact for `rel` (its definitions, their tools, chains and findings): the whole one when fresh.
   */
  analysisFor(rel: string): AnalysisResult {
    return this.analysis && this.analysedAt === this.generation ? this.analysis : this.focused(rel);
  }

  /** The last whole-workspace analysis, even if stale (owner suggestions need every known owner, not exactness). */
  lastAnalysis(): AnalysisResult {
    return this.analysis ?? this.current();
  }

  private focused(rel: string): AnalysisResult {
    const hit = this.focusedCache;
    if (hit && hit.generation === this.generation && hit.rel === rel) return hit.result;
    const started = performance.now();
    const result = this.pipeline.link(this.pipeline.neighbourhoodOf(rel));
    this.record(performance.now() - started);
    this.focusedCache = { generation: this.generation, rel, result };
    return result;
  }

  private record(ms: number): void {
    this.timings.push(ms);
    if (this.timings.length > 1000) this.timings.splice(0, this.timings.length - 1000);
  }

  files(): string[] {
    return this.pipeline.files();
  }

  configOwners(): Record<string, string> {
    return this.ws.config.owners;
  }
}
