import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { basename, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type CancellationToken,
  type CodeAction,
  CodeActionKind,
  type Connection,
  type Diagnostic,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  type InitializeResult,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE, type RuleSetting } from '../config/load-config';
import { ANALYZER_VERSION } from '../version';
import { approvalFix, applyEdits, type Fix, type FixContext, fixesForFinding, knownOwners } from '../fixes/fixes';
import {
  chainGraphAction,
  codeLensesFor,
  FIX_ALL_KIND,
  hoverFor,
  nodeAt,
  SOURCE,
  showDocsAction,
  toCodeAction,
  toDiagnostic,
  uriOf,
} from './convert';
import { inventoryToJson } from '../reporters/json';
import { ruleDocsMarkdown } from '../rules/rule-docs';
import {
  INVENTORY,
  INVENTORY_CHANGED,
  type InventoryResponse,
  REANALYZE_COMMAND,
  RULE_DOCS,
  type ServerStatus,
  STATUS,
  TIMINGS,
} from '../../../shared/protocol';
import { WorkspaceState } from './workspace-state';

export interface Settings {
  enable: boolean;
  run: 'onType' | 'onSave';
  rules: Record<string, RuleSetting>;
  codeLens: boolean;
}

const DEFAULT_SETTINGS: Settings = { enable: true, run: 'onType', rules: {}, codeLens: true };
const OWNER_FILES = new Set([CONFIG_FILE, 'CODEOWNERS']);
/** Workspace-wide diagnostics link every file: they wait until typing has paused this long (ms). */
const WORKSPACE_SETTLE_MS = 400;

/**
 * The language server: owns all analysis. Pull diagnostics (LSP 3.17) for documents and the
 * workspace, quick-fixes and fix-all from the shared fixes, hover on agents and tools.
 */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const states: WorkspaceState[] = [];
  const changed = new EventEmitter();
  /** When a buffer last changed: workspace-wide diagnostics wait for typing to pause. */
  let lastEditAt = 0;
  changed.setMaxListeners(0);
  let settings: Settings = DEFAULT_SETTINGS;
  let snippets = false;
  let canPullConfig = false;
  let trusted = true;
  let indexing: Promise<void> = Promise.resolve();
  let indexProgress = { done: 0, total: 0 };
  /** resultId last served per document URI, to tell which other files need a re-pull after a change. */
  const served = new Map<string, string>();
  let refreshTimer: NodeJS.Timeout | undefined;
  const pullTimings: number[] = [];
  const changeTimings: number[] = [];

  const log = (message: string) => connection.console.log(`[agent-warden] ${message}`);

  const stateFor = (uri: string): { state: WorkspaceState; rel: string } | undefined => {
    if (!uri.startsWith('file:')) return undefined;
    const path = fileURLToPath(uri);
    let state = states.find((s) => s.contains(path));
    if (!state) {
      // A file outside every workspace folder: analysed alone, in a state of its own.
      state = new WorkspaceState(dirname(path), settings.rules);
      state.indexed = true;
      states.push(state);
    }
    return { state, rel: state.relativePath(path) };
  };

  const status = (): ServerStatus => {
    const all = states.map((s) => s.analysis);
    const timings = states.flatMap((s) => s.timings.slice(-1));
    const configError = states.find((s) => s.configError)?.configError;
    return {
      state: !settings.enable ? 'disabled' : states.every((s) => s.indexed) ? 'ready' : 'indexing',
      files: states.reduce((n, s) => n + s.files().length, 0),
      findings: all.reduce((n, a) => n + (a?.findings.length ?? 0), 0),
      lastAnalysisMs: timings.length ? Math.round(timings[timings.length - 1] * 10) / 10 : undefined,
      indexed: indexProgress,
      configError: configError?.message,
    };
  };
  const sendStatus = () => void connection.sendNotification(STATUS, status());

  const diagnosticsFor = (state: WorkspaceState, rel: string): Diagnostic[] => {
    if (!settings.enable) return [];
    const items = state.findingsFor(rel).map((f) => toDiagnostic(f, state.dir));
    const err = state.configError;
    if (err && rel === state.relativePath(err.file)) {
      const line = Math.max(0, err.line - 1);
      const character = Math.max(0, err.column - 1);
      items.unshift({
        range: { start: { line, character }, end: { line, character: character + 1 } },
        severity: DiagnosticSeverity.Error,
        source: SOURCE,
        code: 'invalid-config',
        message: `${err.key ? `${err.key}: ` : ''}${err.detail}. Agent Warden uses its defaults until this is fixed.`,
      });
    }
    return items;
  };
  const resultIdOf = (items: Diagnostic[]) =>
    createHash('sha1').update(JSON.stringify(items)).digest('hex').slice(0, 16);

  /** After a change, ask the client to re-pull when other files' diagnostics changed too. */
  const scheduleRefresh = () => {
    if (refreshTimer) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = undefined;
      let stale = false;
      for (const [uri, id] of served) {
        const at = stateFor(uri);
        if (at && resultIdOf(diagnosticsFor(at.state, at.rel)) !== id) stale = true;
      }
      if (stale) void connection.languages.diagnostics.refresh();
      changed.emit('changed');
      sendStatus();
      scheduleInventoryChanged();
    }, 30);
  };

  /** Tells the client its inventory views are stale, once typing has paused (rebuilding them links everything). */
  let inventoryTimer: NodeJS.Timeout | undefined;
  let inventoryGeneration = -1;
  const scheduleInventoryChanged = () => {
    if (inventoryTimer) clearTimeout(inventoryTimer);
    inventoryTimer = setTimeout(() => {
      inventoryTimer = undefined;
      const generation = states.reduce((n, s) => n + s.generation, 0);
      if (generation === inventoryGeneration) return;
      inventoryGeneration = generation;
      void connection.sendNotification(INVENTORY_CHANGED, {});
    }, WORKSPACE_SETTLE_MS);
  };

  const cancelled = () =>
    new ResponseError(LSPErrorCodes.ServerCancelled, 'analysis cancelled by a newer change', {
      retriggerRequest: true,
    });

  connection.onInitialize((params): InitializeResult => {
    const caps = params.capabilities;
    snippets = !!(caps.workspace?.workspaceEdit as { snippetEditSupport?: boolean } | undefined)?.snippetEditSupport;
    canPullConfig = !!caps.workspace?.configuration;
    const init = (params.initializationOptions ?? {}) as { trusted?: boolean; settings?: Partial<Settings> };
    trusted = init.trusted !== false;
    if (init.settings) settings = { ...DEFAULT_SETTINGS, ...init.settings };
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    for (const f of folders) {
      if (f.uri.startsWith('file:')) states.push(new WorkspaceState(fileURLToPath(f.uri), settings.rules));
    }
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        diagnosticProvider: { identifier: 'agent-warden', interFileDependencies: true, workspaceDiagnostics: true },
        codeActionProvider: {
          codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND],
        },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [REANALYZE_COMMAND] },
        workspace: { workspaceFolders: { supported: true } },
      },
      serverInfo: { name: 'agent-warden', version: ANALYZER_VERSION },
    };
  });

  const reindex = () => {
    indexing = (async () => {
      for (const s of states) {
        if (!trusted) {
          // Restricted Mode: open files only; nothing else in the workspace is read.
          s.indexed = true;
          continue;
        }
        await s.index(
          (p) => {
            indexProgress = p;
            if (p.done === p.total || p.done % 200 === 0) sendStatus();
          },
          (rel) => !!documents.get(uriOf(s.dir, rel)),
        );
      }
      log(`indexed ${states.reduce((n, s) => n + s.files().length, 0)} files`);
      scheduleRefresh();
      void connection.languages.diagnostics.refresh();
    })();
  };

  connection.onInitialized(async () => {
    if (canPullConfig) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'agentWarden' });
      await pullSettings();
    }
    for (const s of states) if (s.configError) log(`config error: ${s.configError.message}`);
    reindex();
  });

  const pullSettings = async () => {
    if (!canPullConfig) return;
    try {
      const cfg = (await connection.workspace.getConfiguration('agentWarden')) as Partial<Settings> | null;
      settings = { ...DEFAULT_SETTINGS, ...(cfg ?? {}), rules: { ...(cfg?.rules ?? {}) } };
      for (const s of states) s.setRuleOverrides(settings.rules);
    } catch (e) {
      log(`could not read settings: ${(e as Error).message}`);
    }
  };

  connection.onDidChangeConfiguration(async (change) => {
    if (canPullConfig) await pullSettings();
    else if (change.settings?.agentWarden) {
      settings = { ...DEFAULT_SETTINGS, ...change.settings.agentWarden };
      for (const s of states) s.setRuleOverrides(settings.rules);
    }
    void connection.languages.diagnostics.refresh();
    scheduleRefresh();
  });

  const analyseOpen = (doc: TextDocument) => {
    const at = stateFor(doc.uri);
    if (!at) return;
    if (at.state.update(at.rel, doc.getText())) scheduleRefresh();
  };
  documents.onDidChangeContent((e) => {
    lastEditAt = performance.now();
    if (settings.run !== 'onType') return;
    const started = performance.now();
    analyseOpen(e.document);
    changeTimings.push(performance.now() - started);
    if (changeTimings.length > 5000) changeTimings.splice(0, 1000);
  });
  documents.onDidSave((e) => analyseOpen(e.document));
  documents.onDidClose((e) => {
    served.delete(e.document.uri);
    const at = stateFor(e.document.uri);
    // The buffer may have differed from the disk: the disk is the truth again.
    if (at && at.state.updateFromDisk(at.rel)) scheduleRefresh();
  });

  connection.onDidChangeWatchedFiles((params) => {
    let any = false;
    for (const c of params.changes) {
      const at = stateFor(c.uri);
      if (!at) continue;
      if (OWNER_FILES.has(basename(at.rel))) {
        at.state.reloadConfig((rel) => !!documents.get(uriOf(at.state.dir, rel)));
        for (const doc of documents.all()) analyseOpen(doc);
        any = true;
        continue;
      }
      if (documents.get(c.uri)) continue; // the open buffer wins over the disk
      any = at.state.updateFromDisk(at.rel) || any;
    }
    if (any) {
      scheduleRefresh();
      void connection.languages.diagnostics.refresh();
    }
  });

  connection.languages.diagnostics.on(async (params, token) => {
    const started = performance.now();
    const uri = params.textDocument.uri;
    const at = stateFor(uri);
    if (!at) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const doc = documents.get(uri);
    if (doc && settings.run === 'onType') at.state.update(at.rel, doc.getText());
    if (token.isCancellationRequested) throw cancelled();
    const items = diagnosticsFor(at.state, at.rel);
    pullTimings.push(performance.now() - started);
    if (pullTimings.length > 5000) pullTimings.splice(0, 1000);
    if (token.isCancellationRequested) throw cancelled();
    const resultId = resultIdOf(items);
    served.set(uri, resultId);
    scheduleRefresh();
    if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  });

  connection.languages.diagnostics.onWorkspace(async (params, token) => {
    await indexing;
    const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
    for (;;) {
      if (token.isCancellationRequested) throw cancelled();
      const items: WorkspaceDocumentDiagnosticReport[] = [];
      let anyChanged = false;
      for (const s of states) {
        const files = new Set([
          ...s.current().findings.map((f) => f.loc.file),
          ...(s.configError ? [s.relativePath(s.configError.file)] : []),
        ]);
        for (const [uri] of previous) {
          const at = stateFor(uri);
          if (at?.state === s) files.add(at.rel);
        }
        for (const rel of files) {
          const uri = uriOf(s.dir, rel);
          const diags = diagnosticsFor(s, rel);
          const resultId = resultIdOf(diags);
          if (previous.get(uri) === resultId)
            items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, version: null, resultId });
          else {
            anyChanged = true;
            items.push({
              kind: DocumentDiagnosticReportKind.Full,
              uri,
              version: documents.get(uri)?.version ?? null,
              resultId,
              items: diags,
            });
          }
        }
      }
      if (anyChanged) return { items };
      // Nothing new: hold the request open until something changes (long poll), as the protocol intends.
      await new Promise<void>((resolve) => {
        const done = () => {
          changed.off('changed', done);
          sub.dispose();
          resolve();
        };
        const sub = token.onCancellationRequested(done);
        changed.on('changed', done);
      });
      // Linking the whole workspace costs more than one file's neighbourhood: wait for a pause in typing.
      while (performance.now() - lastEditAt < WORKSPACE_SETTLE_MS && !token.isCancellationRequested)
        await new Promise((r) => setTimeout(r, 50));
    }
  });

  const fixContext = (state: WorkspaceState, rel: string, doc: TextDocument): FixContext => {
    const result = state.analysisFor(rel);
    return {
      file: rel,
      text: doc.getText(),
      graph: result.graph,
      knownOwners: knownOwners(state.lastAnalysis().graph, state.configOwners()),
      today: new Date().toISOString().slice(0, 10),
    };
  };

  connection.onCodeAction((params, token: CancellationToken) => {
    const doc = documents.get(params.textDocument.uri);
    const at = stateFor(params.textDocument.uri);
    if (!doc || !at || !settings.enable) return [];
    at.state.update(at.rel, doc.getText());
    if (token.isCancellationRequested) return [];
    const findings = at.state.findingsFor(at.rel);
    const ctx = fixContext(at.state, at.rel, doc);
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
    const actions: CodeAction[] = [];

    if (only?.some((k) => FIX_ALL_KIND === k || FIX_ALL_KIND.startsWith(`${k}.`))) {
      const safe: Fix[] = findings.flatMap((f) => fixesForFinding(f, ctx).filter((x) => x.safe));
      if (safe.length) {
        const merged = applyEdits(
          ctx.text,
          safe.flatMap((s) => s.edits),
        );
        actions.push({
          title: 'Fix all safe Agent Warden problems',
          kind: FIX_ALL_KIND,
          edit: {
            documentChanges: [
              {
                textDocument: { uri: doc.uri, version: doc.version },
                edits: [{ range: { start: doc.positionAt(0), end: doc.positionAt(ctx.text.length) }, newText: merged }],
              },
            ],
          },
        });
      }
      return actions;
    }

    for (const diag of params.context.diagnostics) {
      if (diag.source !== SOURCE) continue;
      const fp = (diag.data as { fingerprint?: string } | undefined)?.fingerprint;
      const finding =
        findings.find((f) => f.fingerprint === fp) ??
        findings.find(
          (f) =>
            f.ruleId === diag.code &&
            f.loc.start.line === diag.range.start.line + 1 &&
            f.loc.start.column === diag.range.start.character + 1,
        );
      if (!finding) continue;
      for (const fix of fixesForFinding(finding, ctx))
        if (wants(fix.kind === 'quickfix' ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite))
          actions.push(toCodeAction(fix, doc, snippets, diag));
      if (wants(CodeActionKind.QuickFix)) actions.push(showDocsAction(finding.ruleId, diag));
      if (finding.data?.chain && wants(CodeActionKind.QuickFix))
        actions.push(chainGraphAction(finding.data.chain.split('\n'), at.state.dir, diag));
    }
    if (wants(CodeActionKind.RefactorRewrite)) {
      const node = nodeAt(ctx.graph, at.rel, params.range.start.line, params.range.start.character);
      if (node && 'scopes' in node) {
        const fix = approvalFix(node, ctx);
        if (fix) actions.push(toCodeAction(fix, doc, snippets));
      }
    }
    return actions;
  });

  connection.onHover((params) => {
    const at = stateFor(params.textDocument.uri);
    if (!at || !settings.enable) return null;
    const doc = documents.get(params.textDocument.uri);
    if (doc) at.state.update(at.rel, doc.getText());
    const graph = at.state.analysisFor(at.rel).graph;
    const node = nodeAt(graph, at.rel, params.position.line, params.position.character);
    return node ? hoverFor(node, graph, at.state.dir) : null;
  });

  connection.onCodeLens((params) => {
    const at = stateFor(params.textDocument.uri);
    if (!at || !settings.enable || !settings.codeLens) return [];
    const doc = documents.get(params.textDocument.uri);
    if (doc) at.state.update(at.rel, doc.getText());
    return codeLensesFor(at.state.analysisFor(at.rel).graph, at.rel, at.state.dir);
  });

  connection.onRequest(INVENTORY, async (): Promise<InventoryResponse> => {
    await indexing;
    return {
      folders: states
        .filter((s) => s.indexed)
        .map((s) => {
          const result = s.current();
          const findings: Record<string, number> = {};
          for (const f of result.findings) if (f.entityId) findings[f.entityId] = (findings[f.entityId] ?? 0) + 1;
          return {
            uri: pathToFileURL(s.dir).href,
            name: basename(s.dir),
            inventory: inventoryToJson(result.graph),
            findings,
          };
        }),
    };
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command !== REANALYZE_COMMAND) return;
    for (const s of states) {
      s.reloadConfig();
      for (const rel of s.files()) if (!documents.get(uriOf(s.dir, rel))) s.remove(rel);
    }
    reindex();
    await indexing;
    void connection.languages.diagnostics.refresh();
  });

  connection.onRequest(STATUS, () => status());
  connection.onRequest(RULE_DOCS, (p: { ruleId: string }) => ruleDocsMarkdown(p.ruleId));
  /**
   * Server-side timings (ms), newest last: whole document pulls (re-analysis of the changed file, linking, rules) and
   * link+rules alone; and memory (bytes).
   */
  connection.onRequest(TIMINGS, () => {
    // Benchmarks and stress tests start the server with --expose-gc to read memory after a collection.
    (globalThis as { gc?: () => void }).gc?.();
    return {
      change: changeTimings,
      pull: pullTimings,
      link: states.flatMap((s) => s.timings),
      memory: process.memoryUsage(),
    };
  });

  documents.listen(connection);
  connection.listen();
}
