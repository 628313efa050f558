import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  type Diagnostic,
  type WorkspaceEdit,
  type ProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { REPO } from './cli';

export const SERVER = join(REPO, 'dist/server.js');

/** A diagnostic as this server sends it: a plain-text message, a docs link and our own `data`. */
export interface ServerDiagnostic extends Omit<Diagnostic, 'message' | 'data' | 'codeDescription'> {
  message: string;
  codeDescription: { href: string };
  data: { fingerprint: string; chain?: string };
}

export interface LspSession {
  conn: ProtocolConnection;
  proc: ChildProcessWithoutNullStreams;
  root: string;
  /** What the server said it is in its `initialize` answer. */
  serverInfo?: { name: string; version?: string };
  logs: string[];
  /** `$/progress` notifications, in order (when started with `progress: true`). */
  progress: {
    token: string | number;
    value: { kind: string; title?: string; percentage?: number; message?: string; cancellable?: boolean };
  }[];
  refreshes: () => number;
  /** `textDocument/publishDiagnostics` by URI, newest last (sent to clients started with `pull: false`). */
  published: Map<string, { version?: number; diagnostics: ServerDiagnostic[] }[]>;
  docs: Map<string, TextDocument>;
  uri(rel: string): string;
  open(rel: string, text?: string): TextDocument;
  change(rel: string, newText: string): TextDocument;
  pull(rel: string): Promise<{ kind: string; items?: ServerDiagnostic[]; resultId?: string }>;
  waitReady(): Promise<void>;
  close(): Promise<number | null>;
}

/** A copy of a fixture folder in a temp dir, so fixes applied by tests never touch the repository. */
export function copyFixture(src: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'agent-warden-lsp-'));
  cpSync(src, dir, { recursive: true });
  return dir;
}

/** Starts the built server over stdio and initializes it as an editor would. */
export async function startLsp(
  root: string,
  opts: {
    snippets?: boolean;
    trusted?: boolean;
    settings?: object;
    execArgv?: string[];
    progress?: boolean;
    /** false: a client without pull diagnostics (LSP < 3.17), which the server pushes diagnostics to. */
    pull?: boolean;
    /** The server's launcher (default: this repository's dist/server.js). */
    server?: string;
  } = {},
): Promise<LspSession> {
  const server = opts.server ?? SERVER;
  if (!existsSync(server)) throw new Error(`${server} is missing: run \`npm run build\` first`);
  const proc = spawn(process.execPath, [...(opts.execArgv ?? []), server, '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const logs: string[] = [];
  let refreshes = 0;
  const settings = { enable: true, run: 'onType', rules: {}, ...opts.settings };
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => settings));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('workspace/diagnostic/refresh', () => {
    refreshes++;
    return null;
  });
  conn.onNotification('window/logMessage', (m: { message: string }) => void logs.push(m.message));
  conn.onNotification('agentWarden/status', (s: unknown) => void logs.push(`status ${JSON.stringify(s)}`));
  const progress: LspSession['progress'] = [];
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification('$/progress', (p: LspSession['progress'][number]) => void progress.push(p));
  const published: LspSession['published'] = new Map();
  conn.onNotification(
    'textDocument/publishDiagnostics',
    (p: { uri: string; version?: number; diagnostics: ServerDiagnostic[] }) =>
      void published.set(p.uri, [...(published.get(p.uri) ?? []), p]),
  );
  proc.stderr.on('data', (d) => logs.push(String(d)));
  conn.listen();
  const rootUri = pathToFileURL(root).href;
  const initialized = (await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'fixture' }],
    capabilities: {
      ...(opts.progress && { window: { workDoneProgress: true } }),
      workspace: {
        configuration: true,
        workspaceEdit: { documentChanges: true, snippetEditSupport: !!opts.snippets },
        diagnostics: { refreshSupport: true },
      },
      textDocument: {
        ...(opts.pull !== false && { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } }),
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'source'] } } },
      },
    },
    initializationOptions: { trusted: opts.trusted !== false },
  })) as { serverInfo?: LspSession['serverInfo'] };
  void conn.sendNotification('initialized', {});
  const docs = new Map<string, TextDocument>();
  const uri = (rel: string) => pathToFileURL(join(root, rel)).href;
  const session: LspSession = {
    conn,
    proc,
    root,
    serverInfo: initialized.serverInfo,
    logs,
    progress,
    refreshes: () => refreshes,
    published,
    docs,
    uri,
    open(rel, text) {
      const content = text ?? readFileSync(join(root, rel), 'utf8');
      const doc = TextDocument.create(uri(rel), rel.endsWith('.json') ? 'json' : 'typescript', 1, content);
      docs.set(rel, doc);
      void conn.sendNotification('textDocument/didOpen', {
        textDocument: { uri: doc.uri, languageId: doc.languageId, version: 1, text: content },
      });
      return doc;
    },
    change(rel, newText) {
      const doc = docs.get(rel)!;
      const end = doc.positionAt(doc.getText().length);
      const next = TextDocument.create(doc.uri, doc.languageId, doc.version + 1, newText);
      docs.set(rel, next);
      // Incremental sync: one range edit replacing the whole text.
      void conn.sendNotification('textDocument/didChange', {
        textDocument: { uri: doc.uri, version: next.version },
        contentChanges: [{ range: { start: { line: 0, character: 0 }, end }, text: newText }],
      });
      return next;
    },
    pull: (rel) => conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: uri(rel) } }),
    async waitReady() {
      for (let i = 0; i < 600; i++) {
        const s = (await conn.sendRequest('agentWarden/status')) as { state: string };
        if (s.state === 'ready') return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('server did not finish indexing');
    },
    async close() {
      await conn.sendRequest('shutdown');
      void conn.sendNotification('exit');
      return new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
    },
  };
  return session;
}

/** Applies a code action's workspace edit (plain text edits) to a document's text. */
export function applyWorkspaceEdit(doc: TextDocument, edit: WorkspaceEdit | undefined): string {
  if (!edit) throw new Error('the code action has no edit');
  const edits = (edit.documentChanges ?? [])
    .flatMap((c) => ('edits' in c ? c.edits : []))
    .map((e) => ({ range: e.range, newText: 'snippet' in e ? e.snippet.value : e.newText }));
  return TextDocument.applyEdits(doc, edits);
}
