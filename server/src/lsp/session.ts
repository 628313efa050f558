import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Connection,
  type Diagnostic,
  DiagnosticSeverity,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { INVENTORY_CHANGED, type ServerStatus, STATUS } from '../../../shared/protocol';
import { saveCompiledCode } from '../compiled-code';
import { ConfigError, type RuleSetting } from '../config/load-config';
import { type FixContext, knownOwners } from '../fixes/fixes';
import type { collectFiles } from '../project/collect-files';
import type { IndexWorkerExecutor } from './index-worker';
import { SOURCE, toDiagnostic, uriOf } from './convert';
import { IdleCollection } from './idle-collection';
import { WorkspaceState } from './workspace-state';

export interface Settings {
  enable: boolean;
  run: 'onType' | 'onSave';
  rules: Record<string, RuleSetting>;
  codeLens: boolean;
}

export const DEFAULT_SETTINGS: Settings = { enable: true, run: 'onType', rules: {}, codeLens: true };
/** Workspace-wide diagnostics link every file: they wait until typing has paused this long (ms). */
export const WORKSPACE_SETTLE_MS = 400;
/** How long no edit must have come before the compiled code is written (a write holds this thread ~tens of ms). */
const SAVE_CODE_QUIET_MS = 2000;
/** Timings kept for the benchmarks: the newest, up to this many of each kind. */
const MAX_TIMINGS = 5000;

/**
 * What the language server's handlers share: the open documents, one analysis state per workspace folder,
 * the client's settings and capabilities, and the bookkeeping that tells the client when to pull again.
 */
export class Session {
  readonly documents = new TextDocuments(TextDocument);
  readonly states: WorkspaceState[] = [];
  /** Emitted when any analysis changed: a held workspace-diagnostics request answers then. */
  readonly changed = new EventEmitter();
  settings: Settings = DEFAULT_SETTINGS;
  snippets = false;
  canPullConfig = false;
  /** The client shows server-made progress (`window/workDoneProgress`): indexing is reported there. */
  canShowProgress = false;
  /** The client takes no pull diagnostics (LSP 3.17): open documents' diagnostics are pushed to it. */
  pushDiagnostics = false;
  trusted = true;
  indexing: Promise<void> = Promise.resolve();
  indexProgress = { done: 0, total: 0 };
  /** When a buffer last changed: workspace-wide diagnostics wait for typing to pause. */
  lastEditAt = 0;
  /** resultId last served (pulled or pushed) per document URI, to tell which files' diagnostics are stale. */
  readonly served = new Map<string, string>();
  readonly pullTimings: number[] = [];
  readonly changeTimings: number[] = [];
  private refreshTimer: NodeJS.Timeout | undefined;
  private inventoryTimer: NodeJS.Timeout | undefined;
  private inventoryGeneration = -1;
  private indexAbort?: AbortController;
  private linkTimer: NodeJS.Timeout | undefined;
  /** Whether this run's compiled code has been asked to be written (see `diagnosticsServed`). */
  private compiledCodeSaved = false;
  private readonly idleCollection = new IdleCollection();
  /** How the index's work in this thread yields: until the edit being handled, if any, is (edit-priority.ts). */
  private readonly pauseForEdits = () => this.indexExecutor.edits.pause();

  constructor(
    readonly connection: Connection,
    /** Runs the workspace index: a thread of its own in the built server, this thread otherwise. */
    readonly indexExecutor: IndexWorkerExecutor,
  ) {
    this.changed.setMaxListeners(0);
  }

  /**
   * Diagnostics were served: the index, held for the edit, goes on once they are written (edit-priority.ts); the
   * garbage of making them is collected before the next request (idle-collection.ts);
   * and once, when the user has not typed for a while, the compiled code of the start and the
   * first analysis is written for the next start (compiled-code.ts), before V8 drops what it no longer calls.
   */
  diagnosticsServed(): void {
    this.indexExecutor.edits.served();
    this.idleCollection.workDone();
    if (this.compiledCodeSaved) return;
    this.compiledCodeSaved = true;
    const whenQuiet = () => {
      if (performance.now() - this.lastEditAt < SAVE_CODE_QUIET_MS) setTimeout(whenQuiet, SAVE_CODE_QUIET_MS).unref();
      else saveCompiledCode();
    };
    setTimeout(whenQuiet, SAVE_CODE_QUIET_MS).unref();
  }

  log(message: string): void {
    this.connection.console.log(`[agent-warden] ${message}`);
  }

  /** The state a document belongs to; a file outside every workspace folder gets a state of its own. */
  stateFor(uri: string): { state: WorkspaceState; rel: string } | undefined {
    if (!uri.startsWith('file:')) return undefined;
    const path = fileURLToPath(uri);
    let state = this.states.find((s) => s.contains(path));
    if (!state) {
      state = new WorkspaceState(dirname(path), this.settings.rules);
      state.indexed = true;
      this.states.push(state);
    }
    return { state, rel: state.relativePath(path) };
  }

  isOpen(state: WorkspaceState): (rel: string) => boolean {
    return (rel) => !!this.documents.get(uriOf(state.dir, rel));
  }

  status(): ServerStatus {
    const all = this.states.map((s) => s.analysis);
    const timings = this.states.flatMap((s) => s.timings.slice(-1));
    const configError = this.states.find((s) => s.configError)?.configError;
    const last = timings[timings.length - 1];
    return {
      state: !this.settings.enable ? 'disabled' : this.states.every((s) => s.indexed) ? 'ready' : 'indexing',
      files: this.states.reduce((n, s) => n + s.files().length, 0),
      findings: all.reduce((n, a) => n + (a?.findings.length ?? 0), 0),
      lastAnalysisMs: last !== undefined ? Math.round(last * 10) / 10 : undefined,
      indexed: this.indexProgress,
      configError: configError?.message,
      blindSpots: all.flatMap((a) => a?.notices.filter((n) => n.kind === 'blind-spot').map((n) => n.file) ?? []),
    };
  }

  sendStatus(): void {
    void this.connection.sendNotification(STATUS, this.status());
  }

  /** A file's diagnostics: its findings, and the config's error on the config file. */
  diagnosticsFor(state: WorkspaceState, rel: string): Diagnostic[] {
    if (!this.settings.enable) return [];
    const items = state.findingsFor(rel).map((f) => toDiagnostic(f, state.dir));
    for (const err of state.fileErrors) {
      if (rel !== state.relativePath(resolve(state.dir, err.file))) continue;
      const line = Math.max(0, err.line - 1);
      const character = Math.max(0, err.column - 1);
      const config = err instanceof ConfigError;
      items.unshift({
        range: { start: { line, character }, end: { line, character: character + 1 } },
        severity: DiagnosticSeverity.Error,
        source: SOURCE,
        code: config ? 'invalid-config' : 'invalid-lockfile',
        message: `${err.key ? `${err.key}: ` : ''}${err.detail}. ${
          config
            ? 'Agent Warden uses its defaults until this is fixed.'
            : 'The code is not compared with the lockfile until this is fixed (`agent-warden lock` writes it again).'
        }`,
      });
    }
    return items;
  }

  resultIdOf(items: Diagnostic[]): string {
    return createHash('sha1').update(JSON.stringify(items)).digest('hex').slice(0, 16);
  }

  /** Diagnostics may have changed anywhere: a pulling client is asked to pull again, a pushed-to one is sent them. */
  diagnosticsChanged(): void {
    if (this.pushDiagnostics) this.publishOpen();
    else void this.connection.languages.diagnostics.refresh();
  }

  /** For clients without pull diagnostics: each open document's diagnostics, sent when they differ from the last. */
  private publishOpen(): void {
    for (const doc of this.documents.all()) {
      const at = this.stateFor(doc.uri);
      if (!at) continue;
      const diagnostics = this.diagnosticsFor(at.state, at.rel);
      const id = this.resultIdOf(diagnostics);
      if (this.served.get(doc.uri) === id) continue;
      this.served.set(doc.uri, id);
      this.diagnosticsServed();
      void this.connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
    }
    this.indexExecutor.edits.served(); // unchanged diagnostics answer an edit too
  }

  /** Whether a document the client pulled diagnostics for now has others. */
  private pulledAreStale(): boolean {
    for (const [uri, id] of this.served) {
      const at = this.stateFor(uri);
      if (at && this.resultIdOf(this.diagnosticsFor(at.state, at.rel)) !== id) return true;
    }
    return false;
  }

  /** A closed document's pushed diagnostics are cleared (a pulling client forgets them itself). */
  closed(uri: string): void {
    if (this.pushDiagnostics && this.served.has(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.served.delete(uri);
  }

  /** After a change, ask the client to re-pull when other files' diagnostics changed too. */
  scheduleRefresh(): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      if (this.pushDiagnostics) this.publishOpen();
      else if (this.pulledAreStale()) void this.connection.languages.diagnostics.refresh();
      this.changed.emit('changed');
      this.sendStatus();
      this.scheduleInventoryChanged();
    }, 30);
  }

  /** Tells the client its inventory views are stale, once typing has paused (rebuilding them links everything). */
  private scheduleInventoryChanged(): void {
    if (this.inventoryTimer) clearTimeout(this.inventoryTimer);
    this.inventoryTimer = setTimeout(() => {
      this.inventoryTimer = undefined;
      const generation = this.states.reduce((n, s) => n + s.generation, 0);
      if (generation === this.inventoryGeneration) return;
      this.inventoryGeneration = generation;
      void this.connection.sendNotification(INVENTORY_CHANGED, {});
    }, WORKSPACE_SETTLE_MS);
  }

  /**
   * Indexes every folder (only open files in Restricted Mode), then asks the client to pull again. An index
   * still running is cancelled first, and the new one starts once it has stopped.
   */
  reindex(): void {
    this.indexAbort?.abort();
    const controller = (this.indexAbort = new AbortController());
    const previous = this.indexing;
    this.indexing = (async () => {
      await previous;
      const shown = this.trusted ? await this.indexingProgress(controller) : undefined;
      try {
        for (const s of this.states) {
          if (!this.trusted) {
            // Restricted Mode: open files only; nothing else in the workspace is read.
            s.indexed = true;
            continue;
          }
          const onProgress = (p: { done: number; total: number }) => {
            this.indexProgress = p;
            if (p.done === p.total || p.done % 200 === 0) this.sendStatus();
            if (p.total) shown?.report(Math.floor((100 * p.done) / p.total), `${p.done} of ${p.total} files`);
          };
          const list: typeof collectFiles = (...listing) => this.indexExecutor.collect(...listing);
          await s.index(onProgress, controller.signal, this.indexExecutor, list, this.pauseForEdits);
        }
      } finally {
        shown?.done();
      }
      const files = this.states.reduce((n, s) => n + s.files().length, 0);
      this.log(`indexed ${files} files in ${this.indexExecutor.where}`);
      for (const s of this.states) await s.unpackForLinking(controller.signal, this.pauseForEdits);
      this.scheduleRefresh();
      this.linkWhenTypingPauses();
      this.diagnosticsChanged();
    })().catch((e: unknown) => {
      if (!controller.signal.aborted) this.log(`indexing failed: ${(e as Error).stack ?? String(e)}`);
    });
  }

  /**
   * Links every folder once indexed, when typing has paused (linking thousands of files takes a while, and an edit
   * must not wait for it): the status then names the packages where no agent was found, which linking decides.
   */
  private linkWhenTypingPauses(): void {
    clearTimeout(this.linkTimer);
    this.linkTimer = setTimeout(() => {
      if (performance.now() - this.lastEditAt < WORKSPACE_SETTLE_MS) return this.linkWhenTypingPauses();
      for (const s of this.states) s.current();
      this.sendStatus();
    }, WORKSPACE_SETTLE_MS);
  }

  /**
   * Indexing as the editor shows progress (`window/workDoneProgress`: a percentage, files done, cancellable): VS Code
   * puts it in its own progress UI. Cancelling stops the index; undefined when the client cannot show it.
   */
  private async indexingProgress(controller: AbortController): Promise<WorkDoneProgressServerReporter | undefined> {
    if (!this.canShowProgress) return undefined;
    try {
      const reporter = await this.connection.window.createWorkDoneProgress();
      reporter.begin('Agent Warden: indexing', 0, 'reading the workspace', true);
      reporter.token.onCancellationRequested(() => controller.abort());
      return reporter;
    } catch (e) {
      this.log(`no progress shown: ${(e as Error).message}`);
      return undefined;
    }
  }

  /** Reads the `agentWarden` settings from the client, where it can be asked. */
  async pullSettings(): Promise<void> {
    if (!this.canPullConfig) return;
    try {
      const cfg = (await this.connection.workspace.getConfiguration('agentWarden')) as Partial<Settings> | null;
      this.applySettings({ ...DEFAULT_SETTINGS, ...(cfg ?? {}), rules: { ...(cfg?.rules ?? {}) } });
    } catch (e) {
      this.log(`could not read settings: ${(e as Error).message}`);
    }
  }

  applySettings(settings: Settings): void {
    this.settings = settings;
    for (const s of this.states) s.setRuleOverrides(settings.rules);
  }

  /** Analyses an open document's current text. */
  analyseOpen(doc: TextDocument): void {
    const at = this.stateFor(doc.uri);
    if (at?.state.update(at.rel, doc.getText())) this.scheduleRefresh();
  }

  /** What the fixes of a document need: its text, the graph exact for it, the owners the workspace knows. */
  fixContext(state: WorkspaceState, rel: string, doc: TextDocument): FixContext {
    return {
      file: rel,
      text: doc.getText(),
      graph: state.analysisFor(rel).graph,
      knownOwners: knownOwners(state.lastAnalysis().graph, state.configOwners()),
      today: new Date().toISOString().slice(0, 10),
      lockfile: this.lockfileOf(state),
    };
  }

  /** The lockfile's text as the editor has it, when it is open; as on disk otherwise. */
  private lockfileOf(state: WorkspaceState): FixContext['lockfile'] {
    const l = state.lockfile;
    return l && { file: l.file, text: this.documents.get(uriOf(state.dir, l.file))?.getText() ?? l.text };
  }

  recordTiming(list: number[], ms: number): void {
    list.push(ms);
    if (list.length > MAX_TIMINGS) list.splice(0, 1000);
  }

  cancelled(): ResponseError<{ retriggerRequest: boolean }> {
    return new ResponseError(LSPErrorCodes.ServerCancelled, 'analysis cancelled by a newer change', {
      retriggerRequest: true,
    });
  }
}
