import { basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  type Connection,
  DidChangeConfigurationNotification,
  type InitializeParams,
  type InitializeResult,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import {
  INVENTORY,
  type InventoryFolder,
  type InventoryResponse,
  REANALYZE_COMMAND,
  RULE_DOCS,
  STATUS,
  TIMINGS,
} from '../../../shared/protocol';
import { CONFIG_FILE } from '../config/load-config';
import { LOCKFILE } from '../authority/lockfile';
import { inventoryToJson } from '../reporters/json';
import { ruleDocsMarkdown } from '../rules/rule-docs';
import { loadTypeScript } from '../typescript';
import { ANALYZER_VERSION } from '../version';
import { registerCodeActions } from './code-actions';
import { codeLensesFor, contains, FIX_ALL_KIND, hoverFor, nodeAt } from './convert';
import { registerDiagnostics } from './diagnostics';
import { IndexWorkerExecutor } from './index-worker';
import { DEFAULT_SETTINGS, Session, type Settings } from './session';
import { WorkspaceState } from './workspace-state';

/** Files whose change re-reads the config and owners of their folder. */
const OWNER_FILES = new Set([CONFIG_FILE, 'CODEOWNERS', LOCKFILE]);

/**
 * The language server: owns all analysis. Pull diagnostics (LSP 3.17) for documents and the
 * workspace, quick-fixes and fix-all from the shared fixes, hover on agents and tools.
 */
export function startServer(connection: Connection, options: { indexWorker?: string } = {}): void {
  const s = new Session(connection, new IndexWorkerExecutor(options.indexWorker));
  connection.onInitialize((params) => initialize(s, params));
  connection.onShutdown(() => s.indexExecutor.destroy());
  connection.onInitialized(async () => {
    const settings = s.canPullConfig ? s.pullSettings() : undefined;
    // Read while the client answers and opens its documents: the first opened file's diagnostics need not wait for it.
    setImmediate(loadTypeScriptEarly);
    if (settings) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'agentWarden' });
      await settings;
    }
    for (const state of s.states) if (state.configError) s.log(`config error: ${state.configError.message}`);
    s.reindex();
  });
  connection.onDidChangeConfiguration(async (change) => {
    if (s.canPullConfig) await s.pullSettings();
    else if (change.settings?.agentWarden) s.applySettings({ ...DEFAULT_SETTINGS, ...change.settings.agentWarden });
    s.diagnosticsChanged();
    s.scheduleRefresh();
  });
  registerDocumentSync(s);
  registerDiagnostics(s);
  registerCodeActions(s);
  registerViews(s);
  registerRequests(s);
  s.documents.listen(connection);
  connection.listen();
}

function initialize(s: Session, params: InitializeParams): InitializeResult {
  const caps = params.capabilities;
  s.snippets = !!(caps.workspace?.workspaceEdit as { snippetEditSupport?: boolean } | undefined)?.snippetEditSupport;
  s.canPullConfig = !!caps.workspace?.configuration;
  s.canShowProgress = !!caps.window?.workDoneProgress;
  // Pull diagnostics are LSP 3.17; older clients (and some editors still) only take pushed ones.
  s.pushDiagnostics = !caps.textDocument?.diagnostic;
  const init = (params.initializationOptions ?? {}) as { trusted?: boolean; settings?: Partial<Settings> };
  s.trusted = init.trusted !== false;
  if (init.settings) s.settings = { ...DEFAULT_SETTINGS, ...init.settings };
  const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
  for (const f of folders) {
    if (f.uri.startsWith('file:')) s.states.push(new WorkspaceState(fileURLToPath(f.uri), s.settings.rules));
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
}

/** Open buffers analysed as they change (or on save); the disk is the truth for closed and watched files. */
function registerDocumentSync(s: Session): void {
  s.documents.onDidChangeContent((e) => {
    s.lastEditAt = performance.now();
    if (s.settings.run !== 'onType') return;
    s.indexExecutor.edits.started();
    const started = performance.now();
    s.analyseOpen(e.document);
    s.recordTiming(s.changeTimings, performance.now() - started);
  });
  s.documents.onDidSave((e) => s.analyseOpen(e.document));
  // A pushed-to client gets an opened document's diagnostics even when its text is what the index read.
  s.documents.onDidOpen(() => s.pushDiagnostics && s.scheduleRefresh());
  s.documents.onDidClose((e) => {
    s.closed(e.document.uri);
    const at = s.stateFor(e.document.uri);
    // The buffer may have differed from the disk: the disk is the truth again.
    if (at && at.state.updateFromDisk(at.rel)) s.scheduleRefresh();
  });
  s.connection.onDidChangeWatchedFiles((params) => {
    let any = false;
    for (const c of params.changes) {
      const at = s.stateFor(c.uri);
      if (!at) continue;
      if (OWNER_FILES.has(basename(at.rel))) {
        at.state.reloadConfig();
        for (const doc of s.documents.all()) s.analyseOpen(doc);
        any = true;
        continue;
      }
      if (s.documents.get(c.uri)) continue; // the open buffer wins over the disk
      any = at.state.updateFromDisk(at.rel) || any;
    }
    if (any) {
      s.scheduleRefresh();
      s.diagnosticsChanged();
    }
  });
}

/** Hover and CodeLens on agents and tools. */
function registerViews(s: Session): void {
  const graphOf = (uri: string) => {
    const at = s.stateFor(uri);
    if (!at) return undefined;
    const doc = s.documents.get(uri);
    if (doc) at.state.update(at.rel, doc.getText());
    return { at, graph: at.state.analysisFor(at.rel).graph };
  };
  s.connection.onHover((params) => {
    if (!s.settings.enable) return null;
    const found = graphOf(params.textDocument.uri);
    if (!found) return null;
    const { line, character } = params.position;
    const node = nodeAt(found.graph, found.at.rel, line, character);
    if (!node) return null;
    // What the diagnostics under the cursor say, VS Code shows above the hover: the hover need not say it again.
    const shown = found.at.state
      .findingsFor(found.at.rel)
      .filter((f) => f.entityId === node.id && contains(f.loc, line, character))
      .map((f) => f.ruleId);
    return hoverFor(node, found.graph, found.at.state.dir, new Set(shown));
  });
  s.connection.onCodeLens((params) => {
    if (!s.settings.enable || !s.settings.codeLens) return [];
    const found = graphOf(params.textDocument.uri);
    return found ? codeLensesFor(found.graph, found.at.rel, found.at.state.dir) : [];
  });
}

/** The protocol's own requests (shared/protocol.ts) and the re-analyse command. */
function registerRequests(s: Session): void {
  s.connection.onRequest(INVENTORY, async (): Promise<InventoryResponse> => {
    await s.indexing;
    return { folders: s.states.filter((state) => state.indexed).map(inventoryFolder) };
  });
  s.connection.onExecuteCommand(async (params) => {
    if (params.command !== REANALYZE_COMMAND) return;
    for (const state of s.states) {
      state.reloadConfig();
      const isOpen = s.isOpen(state);
      for (const rel of state.files()) if (!isOpen(rel)) state.remove(rel);
    }
    s.reindex();
    await s.indexing;
    s.diagnosticsChanged();
  });
  s.connection.onRequest(STATUS, () => s.status());
  s.connection.onRequest(RULE_DOCS, (p: { ruleId: string }) => ruleDocsMarkdown(p.ruleId));
  // Server-side timings (ms), newest last: whole document pulls (re-analysis of the changed file, linking,
  // rules) and link+rules alone; and memory (bytes).
  s.connection.onRequest(TIMINGS, () => {
    // Benchmarks and stress tests start the server with --expose-gc to read memory after a collection.
    (globalThis as { gc?: () => void }).gc?.();
    return {
      change: s.changeTimings,
      pull: s.pullTimings,
      link: s.states.flatMap((state) => state.timings),
      memory: process.memoryUsage(),
    };
  });
}

/** One folder's inventory, exactly as `agent-warden inventory --format json` prints it, with findings per node. */
function inventoryFolder(state: WorkspaceState): InventoryFolder {
  const result = state.current();
  const findings: Record<string, number> = {};
  for (const f of result.findings) if (f.entityId) findings[f.entityId] = (findings[f.entityId] ?? 0) + 1;
  return {
    uri: pathToFileURL(state.dir).href,
    name: basename(state.dir),
    inventory: inventoryToJson(result.graph),
    findings,
  };
}

/** The compiler, read ahead of the first parse; one that cannot be read is reported where a file is parsed instead. */
function loadTypeScriptEarly(): void {
  try {
    loadTypeScript();
  } catch {
    // Here it would end the server.
  }
}
