import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import {
  type CodeAction,
  CodeActionKind,
  type Diagnostic,
  DiagnosticSeverity,
  type Hover,
  MarkupKind,
  type Range,
  type TextDocumentEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AgentGraph, AgentNode, Finding, Location, Severity, ToolNode } from '../analyzer/types';
import type { Fix } from '../fixes/fixes';
import { docsUrl } from '../rules/rule';

export const SOURCE = 'agent-warden';
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.agent-warden`;

const SEVERITY: Record<Severity, DiagnosticSeverity> = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information };

export function toRange(loc: Location): Range {
  return { start: { line: loc.start.line - 1, character: loc.start.column - 1 }, end: { line: loc.end.line - 1, character: loc.end.column - 1 } };
}

export function uriOf(root: string, file: string): string {
  return pathToFileURL(resolve(root, file)).href;
}

/** A finding as an LSP diagnostic: source, rule code with its documentation link, related evidence. */
export function toDiagnostic(f: Finding, root: string): Diagnostic {
  return {
    range: toRange(f.loc),
    severity: SEVERITY[f.severity],
    source: SOURCE,
    code: f.ruleId,
    codeDescription: { href: docsUrl(f.ruleId) },
    message: f.message,
    relatedInformation: f.related.length ? f.related.map((r) => ({ location: { uri: uriOf(root, r.loc.file), range: toRange(r.loc) }, message: r.message })) : undefined,
    data: { fingerprint: f.fingerprint },
  };
}

/** A fix as a code action; with snippet support its placeholders become tab stops. */
export function toCodeAction(fix: Fix, doc: TextDocument, snippets: boolean, diagnostic?: Diagnostic): CodeAction {
  const edits = fix.edits.map((e) => {
    const range = { start: doc.positionAt(e.start), end: doc.positionAt(e.end) };
    return snippets && e.snippet !== undefined ? { range, snippet: { kind: 'snippet' as const, value: e.snippet } } : { range, newText: e.text };
  });
  const change: TextDocumentEdit = { textDocument: { uri: doc.uri, version: doc.version }, edits: edits as TextDocumentEdit['edits'] };
  return {
    title: fix.title,
    kind: fix.kind === 'quickfix' ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite,
    diagnostics: diagnostic ? [diagnostic] : undefined,
    isPreferred: fix.isPreferred,
    edit: { documentChanges: [change] },
  };
}

export function showDocsAction(ruleId: string, diagnostic: Diagnostic): CodeAction {
  return {
    title: `Show documentation for ${ruleId}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    command: { title: `Show documentation for ${ruleId}`, command: 'agentWarden.showRuleDocs', arguments: [ruleId] },
  };
}

function contains(loc: Location, line: number, character: number): boolean {
  const l = line + 1;
  const c = character + 1;
  if (l < loc.start.line || l > loc.end.line) return false;
  if (l === loc.start.line && c < loc.start.column) return false;
  if (l === loc.end.line && c > loc.end.column) return false;
  return true;
}

/** The innermost agent or tool definition at a position. */
export function nodeAt(graph: AgentGraph, file: string, line: number, character: number): ToolNode | AgentNode | undefined {
  const candidates = [...graph.tools, ...graph.agents].filter((n) => (n.loc.file === file && contains(n.loc, line, character)) || (n.nameLoc.file === file && contains(n.nameLoc, line, character)));
  const size = (n: ToolNode | AgentNode) => (n.loc.end.line - n.loc.start.line) * 10_000 + (n.loc.end.column - n.loc.start.column);
  return candidates.sort((a, b) => size(a) - size(b))[0];
}

const md = (s: string) => s.replace(/[\\`*_{}[\]<>|]/g, (c) => `\\${c}`);

/** Hover: who owns the identity, what it may do, whether a human approves, which credentials it reads. */
export function hoverFor(node: ToolNode | AgentNode, graph: AgentGraph): Hover {
  const isTool = 'scopes' in node;
  const lines: string[] = [];
  lines.push(`**${isTool ? 'Tool' : node.framework === 'mcp' ? 'MCP server' : 'Agent'} \`${node.name}\`** — ${md(node.framework)} · ${md(node.kind)}`);
  lines.push('');
  const owner = node.owner ? `${md(node.owner)} _(from ${node.ownerSource}${node.ownerRule ? `: ${md(node.ownerRule)}` : ''})_` : '_none_ ⚠';
  lines.push(`- **Owner:** ${owner}`);
  if (isTool) {
    const t = node as ToolNode;
    lines.push(`- **Scopes:** ${t.scopes.length ? t.scopes.map((s) => `\`${s}\``).join(' ') : '_none declared_ ⚠'}`);
    lines.push(`- **Approval:** ${t.approval ? md(t.approval.detail) : '_no human gate_'}`);
    lines.push(`- **Credentials:** ${t.credentials.length ? t.credentials.map((c) => `\`${c}\``).join(', ') : '_none read here_'}`);
    const agents = t.agents.map((id) => graph.agents.find((a) => a.id === id)?.name).filter(Boolean);
    if (agents.length) lines.push(`- **Exposed by:** ${agents.map((a) => md(a!)).join(', ')}`);
    if (t.expires) lines.push(`- **Expires:** ${t.expires}`);
    if (t.dynamic) lines.push(`- **Dynamic:** ${md(t.dynamic)}`);
  } else {
    const a = node as AgentNode;
    lines.push(`- **Revocation:** ${a.revocation ? md(a.revocation) : '_none_ ⚠'}`);
    const tools = a.tools.map((id) => graph.tools.find((t) => t.id === id)).filter((t): t is ToolNode => !!t);
    lines.push(`- **Tools (${tools.length}${a.dynamicTools.length ? '+ dynamic' : ''}):** ${tools.map((t) => `\`${t.name}\``).join(', ') || '_none_'}`);
    const creds = [...new Set(tools.flatMap((t) => t.credentials))];
    lines.push(`- **Credentials:** ${creds.length ? creds.map((c) => `\`${c}\``).join(', ') : '_none read by its tools_'}`);
    const delegates = a.delegates.map((id) => graph.agents.find((x) => x.id === id)?.name).filter(Boolean);
    if (delegates.length) lines.push(`- **Delegates to:** ${delegates.map((d) => md(d!)).join(', ')}`);
  }
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') }, range: toRange(node.nameLoc) };
}
