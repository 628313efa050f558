import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Finding } from '../analyzer/types';
import { collectFiles, MAX_FILE_BYTES } from '../project/collect-files';
import { defaultWorkspace, openWorkspace, type Workspace } from '../project/workspace';
import { type Config, ConfigError, type RuleSetting } from '../config/load-config';
import { importedSpecifiers, IncrementalTree, isSourceFile } from '../analyzer/extract';
import { definesIdentities, ImportGraph, isAgentSeed } from '../analyzer/relevance';
import type { AnalysisResult } from '../analyzer/types';
import type { ExtractOptions } from '../capabilities/collect-functions';
import {
  type AnalysisDepth,
  analyseFile,
  analyzeResults,
  extractOptions,
  type FileResult,
  isAnalysable,
} from '../engine';

const toPosix = (p: string) => p.split('\\').join('/');

export interface IndexProgress {
  done: number;
  total: number;
}

/**
 * One workspace folder: per-file results cached by content hash, the config and owner sources, and
 * the latest linked analysis. Only the changed file is re-analysed; linking and rules then run over
 * the cached per-file results. As in the CLI, only agent code and the files it imports get facts
 * (relevance.ts); the rest of the workspace is read for secrets only, and upgraded when an import
 * starts to reach it. Open buffers always get facts.
 */
export class WorkspaceState {
  private results = new Map<string, FileResult>();
  private hashes = new Map<string, string>();
  /** Files analysed from an editor buffer rather than the disk, with their text. */
  private buffers = new Map<string, string>();
  /** Each open buffer's last syntax tree: the next keystroke re-parses only the edited span. */
  private trees = new Map<string, IncrementalTree>();
  /** `paths` alias prefixes the current facts were extracted with (extraction keeps calls into them). */
  private aliasKey = '';
  private optionsCache?: ExtractOptions;
  /**
   * The import graph and the files whose facts matter; dropped whenever a file's imports, the file set or the buffers
   * change.
   */
  private neededCache?: Set<string>;
  private graphCache?: ImportGraph;
  /** The last single-file analysis (see `findingsFor`). */
  private focusedCache?: { generation: number; rel: string; result: AnalysisResult };
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
    this.optionsCache = undefined;
    // Facts depend on the config (its own catalog entries, audit loggers): extract every file again.
    this.hashes.clear();
    for (const rel of [...this.results.keys()]) if (!isOpen(rel)) this.updateFromDisk(rel);
    this.analysisStale = true;
    this.generation++;
  }

  /**
   * Extraction options (the config's catalog and loggers, the tsconfig `paths` aliases), derived once per change of
   * either.
   */
  private extractOptions(): ExtractOptions {
    this.optionsCache ??= extractOptions(
      this.ws.config,
      [...this.results.values()].flatMap((r) => (r.pathMapping ? [r.pathMapping] : [])),
    );
    return this.optionsCache;
  }

  /** When the tsconfig `paths` aliases differ from those the facts were extracted with, extracts again. */
  private refreshAliases(): void {
    const key = JSON.stringify(this.extractOptions().localPrefixes ?? []);
    if (key === this.aliasKey) return;
    this.aliasKey = key;
    this.reextractAll();
  }

  /** A tsconfig's `paths` changed: every file is extracted again with the new aliases. */
  private reextractAll(): void {
    this.hashes.clear();
    for (const [rel, r] of [...this.results]) {
      if (r.depth !== 'facts') continue; // only facts depend on the aliases
      const text = this.buffers.get(rel);
      if (text !== undefined) this.update(rel, text);
      else this.updateFromDisk(rel);
    }
  }

  contains(absPath: string): boolean {
    const rel = relative(this.dir, absPath);
    return !!rel && !rel.startsWith('..') && !rel.startsWith('/');
  }

  relativePath(absPath: string): string {
    return toPosix(relative(this.dir, absPath));
  }

  /**
   * Indexes every analysable file on disk, yielding to the event loop between batches: first the text of
   * every file (secrets, imports), then facts for the agent code and what it reaches.
   */
  async index(onProgress?: (p: IndexProgress) => void, isOpen: (rel: string) => boolean = () => false): Promise<void> {
    let files: string[];
    try {
      files = await collectFiles(['.'], this.dir, this.ws.config.ignore, this.ws.configDir);
    } catch {
      files = [];
    }
    for (let i = 0; i < files.length; i++) {
      const rel = files[i]!;
      if (!isOpen(rel) && !this.results.has(rel)) this.updateFromDisk(rel);
      if (i % 25 === 24) {
        onProgress?.({ done: i + 1, total: files.length });
        await new Promise((r) => setImmediate(r));
      }
    }
    this.refreshAliases();
    const upgrades = this.pendingUpgrades();
    for (let i = 0; i < upgrades.length; i++) {
      this.updateFromDisk(upgrades[i]!, 'facts');
      if (i % 25 === 24) await new Promise((r) => setImmediate(r));
    }
    this.indexed = true;
    onProgress?.({ done: files.length, total: files.length });
  }

  /** Files agent code now reaches that so far were read for secrets only. */
  private pendingUpgrades(): string[] {
    return [...this.needed()].filter((rel) => this.results.get(rel)?.depth === 'secrets' && !this.buffers.has(rel));
  }

  private importGraph(): ImportGraph {
    if (!this.graphCache) {
      const all = [...this.results.values()];
      const summaries = all.flatMap((r) =>
        r.specifiers ? [{ file: r.file, specifiers: r.specifiers, seed: !!r.seed }] : [],
      );
      const mappings = all.flatMap((r) => (r.pathMapping ? [r.pathMapping] : []));
      this.graphCache = new ImportGraph(summaries, mappings);
    }
    return this.graphCache;
  }

  private needed(): Set<string> {
    if (!this.neededCache || !this.graphCache) {
      // The pre-filter's rule (relevance.ts): seeds, and what a defining seed or an open buffer reaches.
      const defining = [...this.results.values()].filter((r) => definesIdentities(r.facts)).map((r) => r.file);
      this.neededCache = this.importGraph().factsNeeded(defining, this.buffers.keys());
    }
    return this.neededCache;
  }

  /** Analyses a file's text (an open buffer or the file on disk); returns whether its result changed. */
  update(
    rel: string,
    text: string,
    depth: AnalysisDepth = 'facts',
    fromBuffer = true,
    known?: { specifiers: readonly string[]; seed: boolean },
  ): boolean {
    if (!isAnalysable(rel)) return false;
    if (fromBuffer !== this.buffers.has(rel)) this.neededCache = this.graphCache = undefined;
    if (fromBuffer) this.buffers.set(rel, text);
    else {
      this.buffers.delete(rel);
      this.trees.delete(rel);
    }
    const hash = createHash('sha1').update(text).digest('hex');
    const previous = this.results.get(rel);
    if (this.hashes.get(rel) === hash && (previous?.depth !== 'secrets' || depth === 'secrets')) return false;
    this.hashes.set(rel, hash);
    let tree = fromBuffer ? this.trees.get(rel) : undefined;
    if (fromBuffer && !tree) this.trees.set(rel, (tree = new IncrementalTree()));
    const result = analyseFile(
      { file: rel, text: text.replace(/^\uFEFF/, ''), ...known },
      this.extractOptions(),
      depth,
      tree,
    );
    // The import graph holds each file's specifiers and seed test (`import { jsonSchema, tool } from 'ai'` keeps
    // the specifiers of `import { jsonSchema } from 'ai'` but makes a seed).
    if (
      !previous ||
      previous.specifiers?.join('\0') !== result.specifiers?.join('\0') ||
      previous.seed !== result.seed ||
      previous.pathMapping ||
      result.pathMapping
    )
      this.neededCache = this.graphCache = undefined;
    // A seed that starts (or stops) defining tools or agents changes what must be parsed.
    else if (definesIdentities(previous.facts) !== definesIdentities(result.facts)) this.neededCache = undefined;
    this.results.set(rel, result);
    this.analysisStale = true;
    this.generation++;
    if (previous?.pathMapping || result.pathMapping) {
      this.optionsCache = undefined;
      if (this.indexed) this.refreshAliases();
    }
    return true;
  }

  /** Re-reads a file from disk: facts if agent code reaches it (or `depth` says so), its text only otherwise. */
  updateFromDisk(rel: string, depth?: AnalysisDepth): boolean {
    const abs = resolve(this.dir, rel);
    try {
      if (!existsSync(abs)) return this.remove(rel);
      if (statSync(abs).size > MAX_FILE_BYTES) return this.remove(rel);
      const buf = readFileSync(abs);
      if (buf.subarray(0, 8000).includes(0)) return this.remove(rel);
      const text = buf.toString('utf8');
      // Found once here, for the depth, and handed on so the analysis does not search the text again.
      const specifiers = isSourceFile(rel) ? importedSpecifiers(text) : [];
      const seed = isAgentSeed(text, specifiers);
      const wanted = depth ?? (seed || (this.indexed && this.needed().has(rel)) ? 'facts' : 'secrets');
      return this.update(rel, text, wanted, false, { specifiers, seed });
    } catch {
      return this.remove(rel);
    }
  }

  remove(rel: string): boolean {
    if (this.results.get(rel)?.pathMapping) this.optionsCache = undefined;
    const had = this.results.delete(rel);
    this.hashes.delete(rel);
    this.buffers.delete(rel);
    this.trees.delete(rel);
    this.neededCache = this.graphCache = undefined;
    if (had) {
      this.analysisStale = true;
      this.generation++;
    }
    return had;
  }

  /** The linked analysis of the whole workspace, recomputed only when some file, setting or config changed. */
  current(): AnalysisResult {
    if (!this.analysis || this.analysisStale) {
      const started = performance.now();
      this.analysis = this.analyse([...this.results.keys()]);
      this.analysisStale = false;
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
    return this.analysis && !this.analysisStale ? this.analysis : this.focused(rel);
  }

  /** The last whole-workspace analysis, even if stale (owner suggestions need every known owner, not exactness). */
  lastAnalysis(): AnalysisResult {
    return this.analysis ?? this.current();
  }

  private focused(rel: string): AnalysisResult {
    const hit = this.focusedCache;
    if (hit && hit.generation === this.generation && hit.rel === rel) return hit.result;
    const started = performance.now();
    const result = this.analyse([...this.importGraph().neighbourhoodOf(rel)]);
    this.record(performance.now() - started);
    this.focusedCache = { generation: this.generation, rel, result };
    return result;
  }

  private analyse(files: string[]): AnalysisResult {
    if (this.indexed) for (const rel of this.pendingUpgrades()) this.updateFromDisk(rel, 'facts');
    // Facts no agent code reaches any more (an import was removed) are left out, as a fresh scan would.
    const needed = this.indexed ? this.needed() : undefined;
    const picked = new Set(files);
    const results: FileResult[] = [];
    for (const r of this.results.values()) {
      if (!picked.has(r.file) && !r.pathMapping) continue;
      results.push(needed && r.facts && !needed.has(r.file) ? { ...r, facts: undefined } : r);
    }
    return analyzeResults(results, { config: this.config, owners: this.ws.owners });
  }

  private record(ms: number): void {
    this.timings.push(ms);
    if (this.timings.length > 1000) this.timings.splice(0, this.timings.length - 1000);
  }

  files(): string[] {
    return [...this.results.keys()];
  }

  configOwners(): Record<string, string> {
    return this.ws.config.owners;
  }
}
