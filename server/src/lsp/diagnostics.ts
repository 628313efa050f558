import { resolve } from 'node:path';
import {
  type CancellationToken,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  DocumentDiagnosticReportKind,
  type WorkspaceDiagnosticParams,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { uriOf } from './convert';
import { type Session, WORKSPACE_SETTLE_MS } from './session';

/** Pull diagnostics (LSP 3.17): one document at a time, and the whole workspace as a long poll. */
export function registerDiagnostics(s: Session): void {
  s.connection.languages.diagnostics.on((params, token) => documentDiagnostics(s, params, token));
  s.connection.languages.diagnostics.onWorkspace((params, token) => workspaceDiagnostics(s, params, token));
}

async function documentDiagnostics(
  s: Session,
  params: DocumentDiagnosticParams,
  token: CancellationToken,
): Promise<DocumentDiagnosticReport> {
  const started = performance.now();
  const uri = params.textDocument.uri;
  const at = s.stateFor(uri);
  if (!at) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  const doc = s.documents.get(uri);
  if (doc && s.settings.run === 'onType') at.state.update(at.rel, doc.getText());
  if (token.isCancellationRequested) throw s.cancelled();
  const items = s.diagnosticsFor(at.state, at.rel);
  s.recordTiming(s.pullTimings, performance.now() - started);
  if (token.isCancellationRequested) throw s.cancelled();
  const resultId = s.resultIdOf(items);
  s.served.set(uri, resultId);
  s.diagnosticsServed();
  s.scheduleRefresh();
  if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
  return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
}

/** Every file with findings (and every file the client has results for); held open until something changes. */
async function workspaceDiagnostics(
  s: Session,
  params: WorkspaceDiagnosticParams,
  token: CancellationToken,
): Promise<WorkspaceDiagnosticReport> {
  await s.indexing;
  const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
  for (;;) {
    if (token.isCancellationRequested) throw s.cancelled();
    const items = workspaceReports(s, previous);
    if (items.some((i) => i.kind === DocumentDiagnosticReportKind.Full)) return { items };
    // Nothing new: hold the request open until something changes (long poll), as the protocol intends.
    await new Promise<void>((resolve) => {
      const done = () => {
        s.changed.off('changed', done);
        sub.dispose();
        resolve();
      };
      const sub = token.onCancellationRequested(done);
      s.changed.on('changed', done);
    });
    // Linking the whole workspace costs more than one file's neighbourhood: wait for a pause in typing.
    while (performance.now() - s.lastEditAt < WORKSPACE_SETTLE_MS && !token.isCancellationRequested)
      await new Promise((r) => setTimeout(r, 50));
  }
}

function workspaceReports(s: Session, previous: Map<string, string>): WorkspaceDocumentDiagnosticReport[] {
  const items: WorkspaceDocumentDiagnosticReport[] = [];
  for (const state of s.states) {
    const files = new Set([
      ...state.current().findings.map((f) => f.loc.file),
      ...state.fileErrors.map((e) => state.relativePath(resolve(state.dir, e.file))),
    ]);
    for (const [uri] of previous) {
      const at = s.stateFor(uri);
      if (at?.state === state) files.add(at.rel);
    }
    for (const rel of files) {
      const uri = uriOf(state.dir, rel);
      const diags = s.diagnosticsFor(state, rel);
      const resultId = s.resultIdOf(diags);
      if (previous.get(uri) === resultId)
        items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, version: null, resultId });
      else {
        const version = s.documents.get(uri)?.version ?? null;
        items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version, resultId, items: diags });
      }
    }
  }
  return items;
}
