import {
  type CancellationToken,
  type CodeAction,
  CodeActionKind,
  type CodeActionParams,
  type Diagnostic,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../analyzer/types';
import { applyEdits, approvalFix, type FixContext, fixesForFinding } from '../fixes/fixes';
import { chainGraphAction, FIX_ALL_KIND, nodeAt, SOURCE, showDocsAction, toCodeAction } from './convert';
import type { Session } from './session';

/** Quick-fixes per diagnostic, the approval refactor on a tool, and fix-all of the safe fixes. */
export function registerCodeActions(s: Session): void {
  s.connection.onCodeAction((params, token) => codeActions(s, params, token));
}

function codeActions(s: Session, params: CodeActionParams, token: CancellationToken): CodeAction[] {
  const doc = s.documents.get(params.textDocument.uri);
  const at = s.stateFor(params.textDocument.uri);
  if (!doc || !at || !s.settings.enable) return [];
  at.state.update(at.rel, doc.getText());
  if (token.isCancellationRequested) return [];
  const findings = at.state.findingsFor(at.rel);
  const ctx = s.fixContext(at.state, at.rel, doc);
  const only = params.context.only;
  if (only?.some((k) => FIX_ALL_KIND === k || FIX_ALL_KIND.startsWith(`${k}.`))) return fixAll(findings, ctx, doc);
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const actions: CodeAction[] = [];
  const offer: Offer = { doc, fixContext: ctx, snippets: s.snippets, root: at.state.dir, wants };
  for (const diag of params.context.diagnostics) {
    if (diag.source !== SOURCE) continue;
    const finding = findingOf(diag, findings);
    if (finding) actions.push(...actionsFor(finding, diag, offer));
  }
  if (wants(CodeActionKind.RefactorRewrite)) {
    const node = nodeAt(ctx.graph, at.rel, params.range.start.line, params.range.start.character);
    const fix = node && 'scopes' in node ? approvalFix(node, ctx) : undefined;
    // Not twice: a finding's quick-fix may already be this very change.
    if (fix && !actions.some((a) => a.title === fix.title)) actions.push(toCodeAction(fix, doc, s.snippets));
  }
  return actions;
}

interface Offer {
  doc: TextDocument;
  fixContext: FixContext;
  snippets: boolean;
  root: string;
  wants: (kind: string) => boolean;
}

/** As vscode-eslint orders them: what fixes the code first, then the chain to look at, suppressions, the docs. */
function actionsFor(finding: Finding, diag: Diagnostic, o: Offer): CodeAction[] {
  const fixes = fixesForFinding(finding, o.fixContext).filter((fix) =>
    o.wants(fix.kind === 'quickfix' ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite),
  );
  const lockfile = o.fixContext.lockfile && { root: o.root, ...o.fixContext.lockfile };
  const ordered = fixes
    .filter((fix) => !fix.suppresses)
    .map((fix) => toCodeAction(fix, o.doc, o.snippets, diag, lockfile));
  if (!o.wants(CodeActionKind.QuickFix)) return ordered;
  if (finding.data?.chain) ordered.push(chainGraphAction(finding.data.chain.split('\n'), o.root, diag));
  for (const fix of fixes.filter((f) => f.suppresses)) ordered.push(toCodeAction(fix, o.doc, o.snippets, diag));
  if (!finding.ruleId.startsWith('policy/')) ordered.push(showDocsAction(finding.ruleId, diag));
  return ordered;
}

/** The finding a diagnostic shows: by fingerprint, else by rule and position (a client that drops `data`). */
function findingOf(diag: Diagnostic, findings: Finding[]): Finding | undefined {
  const fp = (diag.data as { fingerprint?: string } | undefined)?.fingerprint;
  return (
    findings.find((f) => f.fingerprint === fp) ??
    findings.find(
      (f) =>
        f.ruleId === diag.code &&
        f.loc.start.line === diag.range.start.line + 1 &&
        f.loc.start.column === diag.range.start.character + 1,
    )
  );
}

/** Every safe fix of the document in one edit (`source.fixAll.agent-warden`, e.g. on save). */
function fixAll(findings: Finding[], ctx: FixContext, doc: TextDocument): CodeAction[] {
  const safe = findings.flatMap((f) => fixesForFinding(f, ctx).filter((x) => x.safe));
  if (!safe.length) return [];
  const merged = applyEdits(
    ctx.text,
    safe.flatMap((x) => x.edits),
  );
  const range = { start: doc.positionAt(0), end: doc.positionAt(ctx.text.length) };
  return [
    {
      title: 'Fix all safe Agent Warden problems',
      kind: FIX_ALL_KIND,
      edit: {
        documentChanges: [
          { textDocument: { uri: doc.uri, version: doc.version }, edits: [{ range, newText: merged }] },
        ],
      },
    },
  ];
}
