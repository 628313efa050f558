import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import {
  type CodeAction,
  CodeActionKind,
  type CodeLens,
  type Diagnostic,
  DiagnosticSeverity,
  type Hover,
  MarkupKind,
  type Range,
  type TextDocumentEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { AgentGraph, AgentNode, Finding, Location, Severity, ToolNode } from '../analyzer/types';
import type { Capability } from '../analyzer/types';
import { within } from '../analyzer/locations';
import { capabilityTrail, describeCapability } from '../capabilities/describe';
import { REVEAL_IN_INVENTORY_COMMAND, SHOW_GRAPH_COMMAND } from '../../../shared/protocol';
import type { Fix } from '../fixes/fixes';
import { docsUrl } from '../rules/rule';

export const SOURCE = 'agent-warden';
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.agent-warden`;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toRange(loc: Location): Range {
  return {
    start: { line: loc.start.line - 1, character: loc.start.column - 1 },
    end: { line: loc.end.line - 1, character: loc.end.column - 1 },
  };
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
    // A workspace's own policy has no page of ours: its description lives in agent-warden.json.
    ...(f.ruleId.startsWith('policy/') ? {} : { codeDescription: { href: docsUrl(f.ruleId) } }),
    message: f.message,
    relatedInformation: f.related.length
      ? f.related.map((r) => ({
          location: { uri: uriOf(root, r.loc.file), range: toRange(r.loc) },
          message: r.message,
        }))
      : undefined,
    data: { fingerprint: f.fingerprint, ...(f.data?.chain ? { chain: f.data.chain } : {}) },
  };
}

/** On a privilege-escalating chain: open the chain graph with the chain's nodes highlighted. */
export function chainGraphAction(chain: string[], root: string, diagnostic: Diagnostic): CodeAction {
  const title = 'Show this chain in the Agent Warden graph';
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    command: {
      title,
      command: SHOW_GRAPH_COMMAND,
      arguments: [{ folder: pathToFileURL(root).href, highlight: chain }],
    },
  };
}

/** A fix as a code action; with snippet support its placeholders become tab stops. */
/**
 * A fix as a code action. Its edits are in `doc`, or in another file of the workspace (`fix.file`, e.g. the
 * lockfile), whose text is `other.text` and which lies under `other.root`.
 */
export function toCodeAction(
  fix: Fix,
  doc: TextDocument,
  snippets: boolean,
  diagnostic?: Diagnostic,
  other?: { root: string; file: string; text: string },
): CodeAction {
  const elsewhere = other && fix.file === other.file;
  const target = elsewhere ? TextDocument.create(uriOf(other.root, other.file), 'json', 0, other.text) : doc;
  const edits = fix.edits.map((e) => {
    const range = { start: target.positionAt(e.start), end: target.positionAt(e.end) };
    return snippets && e.snippet !== undefined
      ? { range, snippet: { kind: 'snippet' as const, value: e.snippet } }
      : { range, newText: e.text };
  });
  const change: TextDocumentEdit = {
    // Another file's version is unknown here: `null` applies the edit to it as it is.
    textDocument: { uri: target.uri, version: elsewhere ? null : doc.version },
    edits: edits as TextDocumentEdit['edits'],
  };
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

/** Whether a location covers an LSP position (0-based line and character). */
export function contains(loc: Location, line: number, character: number): boolean {
  const l = line + 1;
  const c = character + 1;
  if (l < loc.start.line || l > loc.end.line) return false;
  if (l === loc.start.line && c < loc.start.column) return false;
  if (l === loc.end.line && c > loc.end.column) return false;
  return true;
}

/** The innermost agent or tool definition at a position. */
export function nodeAt(
  graph: AgentGraph,
  file: string,
  line: number,
  character: number,
): ToolNode | AgentNode | undefined {
  const candidates = [...graph.tools, ...graph.agents].filter(
    (n) =>
      (n.loc.file === file && contains(n.loc, line, character)) ||
      (n.nameLoc.file === file && contains(n.nameLoc, line, character)),
  );
  const size = (n: ToolNode | AgentNode) =>
    (n.loc.end.line - n.loc.start.line) * 10_000 + (n.loc.end.column - n.loc.start.column);
  return candidates.sort((a, b) => size(a) - size(b))[0];
}

const md = (s: string) => s.replace(/[\\`*_{}[\]<>|]/g, (c) => `\\${c}`);

/** A Markdown link to a location, opened at its line by VS Code (`file:///…#L12,5`). */
function linkTo(loc: Location, root: string): string {
  return `[${md(loc.file)}:${loc.start.line}](${uriOf(root, loc.file)}#L${loc.start.line},${loc.start.column})`;
}

/** `payments:write` (critical): the chain that grants it, each hop linked to its code. */
function permissionLines(caps: Capability[], root: string): string[] {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const c of caps) {
    const key = `${c.capability}\0${c.detail ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const trail = capabilityTrail(c);
    const via = trail.slice(0, -1).map((h) => `${md(h.message)} (${linkTo(h.loc, root)})`);
    const evidence = linkTo(c.evidence, root);
    // The reason usually starts with what the detail says (`GET host/path (sends an HTTP request)`): said once.
    const what = describeCapability(c.detail && c.reason.includes(c.detail) ? { ...c, detail: undefined } : c);
    lines.push(
      `- \`${md(what)}\` **${c.tier}** — ${md(c.reason)}; ${via.length ? `granted through ${via.join(' → ')} → ${evidence}` : `at ${evidence}`}`,
    );
    if (lines.length >= 12) {
      lines.push(`- _…and ${caps.length - 12} more (see the inventory)_`);
      break;
    }
  }
  return lines;
}

/**
 * Hover: who owns the identity, what it may do and through which chain, whether a human approves, which credentials it
 * reads.
 */
export function hoverFor(
  node: ToolNode | AgentNode,
  graph: AgentGraph,
  root: string,
  shownByDiagnostics: ReadonlySet<string> = new Set(),
): Hover {
  // A fact a diagnostic under the cursor already states (no owner, no scope…) is left to it.
  const unsaid = (ruleId: string) => !shownByDiagnostics.has(ruleId);
  const isTool = 'scopes' in node;
  const lines: string[] = [];
  lines.push(
    `**${isTool ? 'Tool' : node.framework === 'mcp' ? 'MCP server' : 'Agent'} \`${node.name}\`** — ${md(node.framework)} · ${md(node.kind)}${node.risk ? ` · risk **${node.risk}**` : ''}`,
  );
  lines.push('');
  const owner = node.owner
    ? `${md(node.owner)} _(from ${node.ownerSource}${node.ownerRule ? `: ${md(node.ownerRule)}` : ''})_`
    : '_none_ ⚠';
  if (unsaid('missing-owner')) lines.push(`- **Owner:** ${owner}`);
  let caps: Capability[];
  if (isTool) {
    const t = node as ToolNode;
    if (unsaid('unscoped-tool'))
      lines.push(`- **Scopes:** ${t.scopes.length ? t.scopes.map((s) => `\`${s}\``).join(' ') : '_none declared_ ⚠'}`);
    if (unsaid('unapproved-high-risk-action'))
      lines.push(`- **Approval:** ${t.approval ? md(t.approval.detail) : '_no human gate_'}`);
    lines.push(
      `- **Credentials:** ${t.credentials.length ? t.credentials.map((c) => `\`${c}\``).join(', ') : '_none read here_'}`,
    );
    const agents = t.agents.map((id) => graph.agents.find((a) => a.id === id)?.name).filter(Boolean);
    if (agents.length) lines.push(`- **Exposed by:** ${agents.map((a) => md(a!)).join(', ')}`);
    if (t.expires) lines.push(`- **Expires:** ${t.expires}`);
    if (t.dynamic) lines.push(`- **Dynamic:** ${md(t.dynamic)}`);
    caps = t.capabilities;
  } else {
    const a = node as AgentNode;
    if (unsaid('missing-revocation')) lines.push(`- **Revocation:** ${a.revocation ? md(a.revocation) : '_none_ ⚠'}`);
    const tools = a.tools.map((id) => graph.tools.find((t) => t.id === id)).filter((t): t is ToolNode => !!t);
    lines.push(
      `- **Tools (${tools.length}${a.dynamicTools.length ? '+ dynamic' : ''}):** ${tools.map((t) => `\`${t.name}\``).join(', ') || '_none_'}`,
    );
    const creds = [...new Set(tools.flatMap((t) => t.credentials))];
    lines.push(
      `- **Credentials:** ${creds.length ? creds.map((c) => `\`${c}\``).join(', ') : '_none read by its tools_'}`,
    );
    const delegates = a.delegates.map((id) => graph.agents.find((x) => x.id === id)?.name).filter(Boolean);
    if (delegates.length) lines.push(`- **Delegates to:** ${delegates.map((d) => md(d!)).join(', ')}`);
    caps = a.effective;
  }
  lines.push(
    '',
    `**Effective permissions** (${caps.length ? `${caps.length}, highest risk first` : 'none found in the code'}):`,
    '',
  );
  lines.push(...permissionLines(caps, root));
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') }, range: toRange(node.nameLoc) };
}

/**
 * The one-line summary a CodeLens shows above an agent or tool, in plain words: its owner, scopes, risk and whether a
 * human approves its actions (for an agent: how many of its tools ask).
 */
export function lensTitle(node: ToolNode | AgentNode, graph: AgentGraph): string {
  const owner = node.owner ? `owner ${node.owner}` : 'no owner ⚠';
  const risk = node.risk ? `${node.risk} risk` : 'no risky capability';
  if ('scopes' in node) {
    const scopes = node.scopes.length ? `scopes ${node.scopes.join(' ')}` : 'no scope ⚠';
    const risky = node.risk === 'critical' || node.risk === 'high';
    const approval = node.approval ? 'human approval required' : `no approval gate${risky ? ' ⚠' : ''}`;
    return `$(shield) ${owner} · ${scopes} · ${risk} · ${approval}`;
  }
  const tools = node.tools.map((id) => graph.tools.find((t) => t.id === id)).filter((t): t is ToolNode => !!t);
  const scopes = node.annotations.scopes ?? [...new Set(tools.flatMap((t) => t.scopes))];
  const gated = tools.filter((t) => t.approval).length;
  const held = !tools.length
    ? 'no tools'
    : `${tools.length} tool${tools.length === 1 ? '' : 's'}${gated ? `, ${gated} needing approval` : ''}`;
  return `$(hubot) ${owner} · ${scopes.length ? `scopes ${scopes.join(' ')}` : 'no scope ⚠'} · ${risk} · ${held}`;
}

/** CodeLenses above each agent and tool defined in `file`; a click reveals it in the inventory tree. */
export function codeLensesFor(graph: AgentGraph, file: string, root: string): CodeLens[] {
  const here = [...graph.agents, ...graph.tools].filter((n) => n.loc.file === file);
  // A definition written inside another's (a tool in an agent's options) gets no lens of its own in the middle of
  // that object literal: the outer one's lens counts it, and hover tells the rest.
  const inside = (n: Node, outer: Node) => outer !== n && within(n.loc, outer.loc) && !within(outer.loc, n.loc);
  return here
    .filter((n) => !here.some((outer) => inside(n, outer)))
    .map((n) => {
      const at = n.holderLoc.file === file ? n.holderLoc : n.loc;
      const range = {
        start: { line: at.start.line - 1, character: 0 },
        end: { line: at.start.line - 1, character: 0 },
      };
      return {
        range,
        command: {
          title: lensTitle(n, graph),
          command: REVEAL_IN_INVENTORY_COMMAND,
          arguments: [pathToFileURL(root).href, n.id],
        },
      };
    });
}

type Node = ToolNode | AgentNode;
