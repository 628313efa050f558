import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Finding } from '../analyzer/types';
import { collectFiles, MAX_FILE_BYTES } from '../cli/collect-files';
import { defaultWorkspace, openWorkspace, type Workspace } from '../cli/workspace';
import { type Config, ConfigError, type RuleSetting } from '../config/load-config';
import { type AnalysisResult, analyseFile, analyzeResults, extractOptions, type FileResult, isAnalysable } from '../engine';

const toPosix = (p: string) => p.split('\\').join('/');

export interface IndexProgress {
  done: number;
  total: number;
}

/**
 * One workspace folder: per-file results cached by content hash, the config and owner sources, and
 * the latest linked analysis. Only the changed file is re-analysed; linking and rules then run over
 * the cached per-file results.
 */
export class WorkspaceState {
  private results = new Map<string, FileResult>();
  private hashes = new Map<string, string>();
  private ws: Workspace;
  configError?: ConfigError;
  analysis?: AnalysisResult;
  private analysisStale = true;
  /** Bumped whenever any file's result changes: lets pull requests report "unchanged". */
  generation = 0;
  indexed = false;
  /** Per-change analysis durations (ms), newest last, for the status item and benchmarks. */
  readonly timings: number[] = [];

  constructor(
    readonly dir: string,
    private ruleOverrides: Record<string, RuleSetting> = {},
  ) {
    this.ws = this.loadWorkspace();
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

  get config(): Config {
    return { ...this.ws.config, rules: { ...this.ws.config.rules, ...this.ruleOverrides } };
  }

  setRuleOverrides(overrides: Record<string, RuleSetting>): void {
    this.ruleOverrides = overrides;
    this.analysisStale = true;
    this.generation++;
  }

  /** Re-reads agent-warden.json and CODEOWNERS. */
  reloadConfig(isOpen: (rel: string) => boolean = () => false): void {
    this.ws = this.loadWorkspace();
    // Facts depend on the config (its own catalog entries, audit loggers): extract every file again.
    this.hashes.clear();
    for (const rel of [...this.results.keys()]) if (!isOpen(rel)) this.updateFromDisk(rel);
    this.analysisStale = true;
    this.generation++;
  }

  contains(absPath: string): boolean {
    const rel = relative(this.dir, absPath);
    return !!rel && !rel.startsWith('..') && !rel.startsWith('/');
  }

  relativePath(absPath: string): string {
    return toPosix(relative(this.dir, absPath));
  }

  /** Indexes every analysable file on disk, yielding to the event loop between batches. */
  async index(onProgress?: (p: IndexProgress) => void, isOpen: (rel: string) => boolean = () => false): Promise<void> {
    let files: string[] = [];
    try {
      files = await collectFiles(['.'], this.dir, this.ws.config.ignore, this.ws.configDir);
    } catch {
      files = [];
    }
    for (let i = 0; i < files.length; i++) {
      const rel = files[i];
      if (!isOpen(rel) && !this.results.has(rel)) this.updateFromDisk(rel);
      if (i % 25 === 24) {
        onProgress?.({ done: i + 1, total: files.length });
        await new Promise((r) => setImmediate(r));
      }
    }
    this.indexed = true;
    onProgress?.({ done: files.length, total: files.length });
  }

  /** Analyses a file's text (an open buffer or the file on disk); returns whether its result changed. */
  update(rel: string, text: string): boolean {
    if (!isAnalysable(rel)) return false;
    const hash = createHash('sha1').update(text).digest('hex');
    if (this.hashes.get(rel) === hash) return false;
    this.hashes.set(rel, hash);
    this.results.set(rel, analyseFile({ file: rel, text: text.replace(/^\uFEFF/, '') }, extractOptions(this.ws.config)));
    this.analysisStale = true;
    this.generation++;
    return true;
  }

  updateFromDisk(rel: string): boolean {
    const abs = resolve(this.dir, rel);
    try {
      if (!existsSync(abs)) return this.remove(rel);
      if (statSync(abs).size > MAX_FILE_BYTES) return this.remove(rel);
      const buf = readFileSync(abs);
      if (buf.subarray(0, 8000).includes(0)) return this.remove(rel);
      return this.update(rel, buf.toString('utf8'));
    } catch {
      return this.remove(rel);
    }
  }

  remove(rel: string): boolean {
    const had = this.results.delete(rel);
    this.hashes.delete(rel);
    if (had) {
      this.analysisStale = true;
      this.generation++;
    }
    return had;
  }

  /** The linked analysis, recomputed only when some file, setting or config changed. */
  current(): AnalysisResult {
    if (!this.analysis || this.analysisStale) {
      const started = performance.now();
      this.analysis = analyzeResults([...this.results.values()], { config: this.config, owners: this.ws.owners });
      this.analysisStale = false;
      this.timings.push(performance.now() - started);
      if (this.timings.length > 1000) this.timings.splice(0, this.timings.length - 1000);
    }
    return this.analysis;
  }

  findingsFor(rel: string): Finding[] {
    return this.current().findings.filter((f) => f.loc.file === rel);
  }

  files(): string[] {
    return [...this.results.keys()];
  }

  configOwners(): Record<string, string> {
    return this.ws.config.owners;
  }
}
