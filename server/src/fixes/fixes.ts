import { ts } from '../typescript';
import { isSourceFile, parse } from '../analyzer/extract';
import { lineStarts } from '../analyzer/locations';
import { formatLockfile, parseLockfile } from '../authority/lockfile';
import { type Authority, authorityOf } from '../authority/model';
import type { AgentGraph, AgentNode, Annotations, Finding, FixAction, Location, ToolNode } from '../analyzer/types';

/**
 * Fixes are plain text edits computed from facts and the file's text; the language server turns them
 * into code actions and `agent-warden scan --fix` applies the safe ones. Nothing here mutates a project.
 */
export interface FixEdit {
  /** Offsets in the file's text (UTF-16, as JavaScript strings index). */
  start: number;
  end: number;
  /** The text inserted when placeholders keep their defaults (CLI, clients without snippets). */
  text: string;
  /** The same edit in LSP snippet syntax (`${1:default}`), for clients that support snippet edits. */
  snippet?: string;
}

export interface Fix {
  title: string;
  kind: 'quickfix' | 'refactor.rewrite';
  /** Safe fixes need no human choice and may run in fix-all / `--fix`. */
  safe: boolean;
  isPreferred?: boolean;
  /** A suppression comment rather than a change of the code: offered after the fixes. */
  suppresses?: boolean;
  ruleId?: string;
  file: string;
  edits: FixEdit[];
}

export interface FixContext {
  file: string;
  text: string;
  graph: AgentGraph;
  /** Owner ids the workspace already uses (config globs, CODEOWNERS, annotations): offered as choices. */
  knownOwners: string[];
  today: string;
  /** The workspace's authority lockfile, as it is now: its path (like `file`) and text. */
  lockfile?: { file: string; text: string };
}

// ------------------------------------------------------------------ text helpers

export function offsetOf(text: string, pos: { line: number; column: number }, starts = lineStarts(text)): number {
  const lineStart = starts[Math.min(pos.line - 1, starts.length - 1)] ?? 0;
  return Math.min(lineStart + pos.column - 1, text.length);
}

function lineIndentAt(text: string, offset: number): { lineStart: number; indent: string; atLineStart: boolean } {
  const lineStart = lineStartAt(text, offset);
  const before = text.slice(lineStart, offset);
  const indent = /^[ \t]*/.exec(before)![0];
  return { lineStart, indent, atLineStart: indent.length === before.length };
}

/** Where the line holding `offset` starts, whichever line break ends the one before. */
function lineStartAt(text: string, offset: number): number {
  return Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
}

/** Escapes literal text for LSP snippet syntax. */
export function snippetEscape(s: string): string {
  return s.replace(/[\\$}]/g, (c) => `\\${c}`);
}

function placeholder(n: number, value: string): string {
  return `\${${n}:${snippetEscape(value)}}`;
}

function choice(n: number, values: string[]): string {
  return `\${${n}|${values.map((v) => v.replace(/[,|\\$}]/g, (c) => `\\${c}`)).join(',')}|}`;
}

/** Applies non-overlapping edits (the last ones first, so earlier offsets stay valid). */
export function applyEdits(text: string, edits: FixEdit[]): string {
  let out = text;
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let limit = Number.POSITIVE_INFINITY;
  for (const e of sorted) {
    if (e.end > limit) continue; // overlaps an edit already applied: skip it
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
    limit = e.start;
  }
  return out;
}

// ------------------------------------------------------------------ JSDoc tag insertion

/**
 * Adds `@tag value` to the JSDoc block of a definition, or writes a new block above its holder.
 * `value` is [plain default, snippet] so clients with snippet support get a placeholder to type into.
 */
export function insertTag(
  text: string,
  ann: Annotations,
  holder: Location,
  tag: string,
  value: [string, string],
): FixEdit {
  const starts = lineStarts(text);
  const block = ann.block;
  if (block && block.end <= text.length && text.startsWith('/**', block.start)) {
    const body = text.slice(block.start, block.end);
    const { indent } = lineIndentAt(text, block.start);
    if (/[\r\n]/.test(body)) {
      // Insert a line just before the closing `*/` line.
      const closeLine = lineStartAt(text, block.end - 1);
      const closing = text.slice(closeLine, block.end);
      if (/^\s*\*\/$/.test(closing)) {
        const line = (v: string) => `${indent} * @${tag} ${v}\n`;
        return { start: closeLine, end: closeLine, text: line(value[0]), snippet: line(value[1]) };
      }
      // `text */` on its last line: put the tag on a line of its own before `*/`.
      const at = block.end - 2;
      const tail = (v: string) => `\n${indent} * @${tag} ${v}\n${indent} `;
      return { start: at, end: at, text: tail(value[0]).trimEnd() + ' ', snippet: tail(value[1]).trimEnd() + ' ' };
    }
    // One-line block `/** … */` → multi-line.
    const inner = body.slice(3, -2).trim();
    const make = (v: string) => `/**\n${inner ? `${indent} * ${inner}\n` : ''}${indent} * @${tag} ${v}\n${indent} */`;
    return {
      start: block.start,
      end: block.end,
      text: make(value[0]),
      snippet: snippetEscape(make('\u0000')).replace(snippetEscape('\u0000'), value[1]),
    };
  }
  const at = offsetOf(text, holder.start, starts);
  const { indent, atLineStart } = lineIndentAt(text, at);
  if (!atLineStart) {
    const one = (v: string) => `/** @${tag} ${v} */ `;
    return { start: at, end: at, text: one(value[0]), snippet: one(value[1]) };
  }
  const make = (v: string) => `/**\n${indent} * @${tag} ${v}\n${indent} */\n${indent}`;
  return { start: at, end: at, text: make(value[0]), snippet: make(value[1]) };
}

// ------------------------------------------------------------------ per-rule fixes

type Node = ToolNode | AgentNode;

function nodeById(graph: AgentGraph, id: string | undefined): Node | undefined {
  if (!id) return undefined;
  return graph.tools.find((t) => t.id === id) ?? graph.agents.find((a) => a.id === id);
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The comment syntax a suppression uses in this kind of file; undefined where comments are impossible. */
function commentFor(file: string): ((body: string) => string) | undefined {
  if (/\.(md|mdx|markdown|html?)$/i.test(file)) return (b) => `<!-- ${b} -->`;
  if (/(^|\/)\.env[^/]*$|\.(ya?ml|toml|ini|properties|sh)$/i.test(file)) return (b) => `# ${b}`;
  if (/\.json$/i.test(file)) return undefined;
  return (b) => `// ${b}`;
}

function suppressionFixes(f: Finding, ctx: FixContext): Fix[] {
  const comment = commentFor(ctx.file);
  if (!comment || f.ruleId === 'invalid-suppression') return [];
  const starts = lineStarts(ctx.text);
  const anchorLine = f.anchor && f.anchor.file === f.loc.file ? f.anchor.start.line : f.loc.start.line;
  const lineStart = starts[anchorLine - 1] ?? 0;
  const { indent } = lineIndentAt(ctx.text, lineStart + (/^[ \t]*/.exec(ctx.text.slice(lineStart))?.[0].length ?? 0));
  const directive = (kind: string, reason: string) => comment(`agent-warden-ignore-${kind} ${f.ruleId} -- ${reason}`);
  const lineFix: Fix = {
    title: `Disable ${f.ruleId} for this line`,
    kind: 'quickfix',
    safe: false,
    suppresses: true,
    ruleId: f.ruleId,
    file: ctx.file,
    edits: [
      {
        start: lineStart,
        end: lineStart,
        text: `${indent}${directive('next-line', 'reason')}\n`,
        snippet: `${indent}${snippetEscape(directive('next-line', '\u0000')).replace('\u0000', placeholder(1, 'reason'))}\n`,
      },
    ],
  };
  // File-level: after a shebang, at the very top otherwise.
  const shebang = ctx.text.startsWith('#!') ? /\r\n?|\n/.exec(ctx.text) : null;
  const top = shebang ? shebang.index + shebang[0].length : 0;
  const fileFix: Fix = {
    title: `Disable ${f.ruleId} for the entire file`,
    kind: 'quickfix',
    safe: false,
    suppresses: true,
    ruleId: f.ruleId,
    file: ctx.file,
    edits: [
      {
        start: top,
        end: top,
        text: `${directive('file', 'reason')}\n`,
        snippet: `${snippetEscape(directive('file', '\u0000')).replace('\u0000', placeholder(1, 'reason'))}\n`,
      },
    ],
  };
  return [lineFix, fileFix];
}

function secretFix(f: Finding, envName: string, ctx: FixContext): Made {
  if (!isSourceFile(ctx.file)) return undefined;
  const starts = lineStarts(ctx.text);
  const start = offsetOf(ctx.text, f.loc.start, starts);
  const end = offsetOf(ctx.text, f.loc.end, starts);
  const sf = parse(ctx.file, ctx.text);
  const token = tokenAt(sf, start);
  const env = `process.env.${envName}`;
  if (!token || token.getStart(sf) > start) {
    // In a comment: remove the value (it must be rotated anyway).
    return {
      edits: [{ start, end, text: `<redacted: rotate this key and read ${env}>` }],
      title: 'Remove the secret from this comment',
    };
  }
  const tStart = token.getStart(sf);
  if (ts.isStringLiteral(token)) {
    const q = ctx.text[tStart];
    const before = ctx.text.slice(tStart + 1, start);
    const after = ctx.text.slice(end, token.end - 1);
    const parts = [before ? `${q}${before}${q}` : '', env, after ? `${q}${after}${q}` : ''].filter(Boolean);
    // In JSX attribute position a bare expression needs braces.
    const inJsxAttr = ts.isJsxAttribute(token.parent);
    const replacement = inJsxAttr ? `{${parts.join(' + ')}}` : parts.join(' + ');
    return { edits: [{ start: tStart, end: token.end, text: replacement }] };
  }
  if (
    ts.isNoSubstitutionTemplateLiteral(token) ||
    ts.isTemplateHead(token) ||
    ts.isTemplateMiddle(token) ||
    ts.isTemplateTail(token)
  ) {
    if (ts.isNoSubstitutionTemplateLiteral(token) && start === tStart + 1 && end === token.end - 1)
      return { edits: [{ start: tStart, end: token.end, text: env }] };
    return { edits: [{ start, end, text: `\${${env}}` }] };
  }
  return undefined;
}

function tokenAt(sf: ts.SourceFile, offset: number): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (n: ts.Node) => {
    if (offset < n.getFullStart() || offset >= n.getEnd()) return;
    if (ts.isStringLiteralLike(n) || ts.isTemplateLiteralToken(n)) {
      found = n;
      return;
    }
    n.forEachChild(visit);
  };
  sf.forEachChild(visit);
  return found;
}

/** The fixes offered for one finding, in the order an editor should list them: the rule's own, then disabling. */
export function fixesForFinding(f: Finding, ctx: FixContext): Fix[] {
  const out: Fix[] = [];
  for (const fix of f.fixes) {
    const made = editsFor(fix.action, f, ctx);
    if (!made) continue;
    out.push({
      title: made.title ?? fix.title,
      kind: 'quickfix',
      safe: fix.safe,
      ...(fix.preferred ? { isPreferred: true } : {}),
      ruleId: f.ruleId,
      file: made.file ?? ctx.file,
      edits: made.edits,
    });
  }
  out.push(...suppressionFixes(f, ctx));
  return out.map((fix) => inLineBreaksOf(fix, fix.file === ctx.file ? ctx.text : ctx.lockfile?.text));
}

/**
 * The fix with the line breaks of the file it edits (its first one decides): edits are written with `\n`, and a file
 * checked out with `\r\n` (Git for Windows' default), or with `\r`, must not come back with two kinds.
 */
function inLineBreaksOf(fix: Fix, text: string | undefined): Fix {
  const at = text?.search(/[\r\n]/) ?? -1;
  if (at < 0 || text![at] === '\n') return fix;
  const eol = text![at + 1] === '\n' ? '\r\n' : '\r';
  const inFile = (s: string) => s.replace(/\r?\n/g, eol);
  const edits = fix.edits.map((e) => ({
    ...e,
    text: inFile(e.text),
    ...(e.snippet ? { snippet: inFile(e.snippet) } : {}),
  }));
  return { ...fix, edits };
}

/**
 * A fix's edits against the file's current text (or another file's, `file`); a title of its own where the text
 * changes what it does.
 */
type Made = { edits: FixEdit[]; title?: string; file?: string } | undefined;

/** Turns a rule's fix into text edits; undefined when the file no longer offers a place for it. */
function editsFor(action: FixAction, f: Finding, ctx: FixContext): Made {
  const node = nodeById(ctx.graph, f.entityId);
  const inThisFile = node && node.loc.file === ctx.file ? node : undefined;
  switch (action.kind) {
    case 'read-secret-from-env':
      return secretFix(f, action.envName, ctx);
    case 'add-owner': {
      if (!inThisFile) return undefined;
      const owners = ctx.knownOwners;
      const value: [string, string] = owners.length
        ? [owners[0]!, choice(1, owners)]
        : ['team-name', placeholder(1, 'team-name')];
      return { edits: [insertTag(ctx.text, inThisFile.annotations, inThisFile.holderLoc, 'owner', value)] };
    }
    case 'add-tag': {
      if (!inThisFile) return undefined;
      const value: [string, string] = [action.value, placeholder(1, action.hint ?? action.value)];
      return { edits: [insertTag(ctx.text, inThisFile.annotations, inThisFile.holderLoc, action.tag, value)] };
    }
    case 'renew-expiry':
      return inThisFile && renewExpiry(inThisFile, action.days, ctx);
    case 'require-approval': {
      const gate = inThisFile && 'scopes' in inThisFile ? approvalFix(inThisFile, ctx) : undefined;
      return gate && { edits: gate.edits, title: gate.title };
    }
    case 'add-suppression-reason':
      return { edits: [suppressionReason(f, ctx)] };
    case 'update-lockfile':
      return lockfileEntryFix(action, ctx);
  }
}

/** The lockfile with one agent's (or standalone tool's) entry as the code grants it now; the rest as recorded. */
function lockfileEntryFix(action: { agent?: string; tool?: string }, ctx: FixContext): Made {
  if (!ctx.lockfile) return undefined;
  let recorded: Authority;
  try {
    recorded = parseLockfile(ctx.lockfile.text, ctx.lockfile.file);
  } catch {
    return undefined; // an unreadable lockfile is reported as such; `agent-warden lock` writes it again
  }
  const now = authorityOf(ctx.graph);
  const replace = <V>(record: Record<string, V>, current: Record<string, V>, id: string) => {
    if (current[id]) record[id] = current[id];
    else delete record[id];
  };
  if (action.agent) replace(recorded.agents, now.agents, action.agent);
  if (action.tool) replace(recorded.tools, now.tools, action.tool);
  const text = formatLockfile(recorded);
  return { file: ctx.lockfile.file, edits: [{ start: 0, end: ctx.lockfile.text.length, text }] };
}

function renewExpiry(node: Node, days: number, ctx: FixContext): Made {
  const exp = node.annotations.expires;
  if (!exp || exp.loc.file !== ctx.file) return undefined;
  const tagStart = offsetOf(ctx.text, exp.loc.start, lineStarts(ctx.text));
  const dateAt = ctx.text.indexOf(exp.date, tagStart);
  if (dateAt < 0) return undefined;
  const next = addDays(ctx.today, days);
  return { edits: [{ start: dateAt, end: dateAt + exp.date.length, text: next, snippet: placeholder(1, next) }] };
}

/** ` -- reason` at the end of the suppression comment, before a closing `*\/` or `-->`. */
function suppressionReason(f: Finding, ctx: FixContext): FixEdit {
  const starts = lineStarts(ctx.text);
  // To the next line's start: the line break is trimmed with the white space before it.
  const end = starts[f.loc.start.line] ?? ctx.text.length;
  const line = ctx.text.slice(offsetOf(ctx.text, f.loc.start, starts), end);
  const close = /\s*(\*\/|-->)\s*$/.exec(line);
  const at = close ? end - close[0].length : end - (line.length - line.trimEnd().length);
  return { start: at, end: at, text: ' -- reason', snippet: ` -- ${placeholder(1, 'reason')}` };
}

/** Refactors offered on a tool definition itself (not tied to a finding): add a human approval gate. */
export function approvalFix(tool: ToolNode, ctx: FixContext): Fix | undefined {
  if (tool.approval || tool.hosted || tool.loc.file !== ctx.file) return undefined;
  const site = tool.approvalSite;
  if (site) {
    const starts = lineStarts(ctx.text);
    const open = offsetOf(ctx.text, site.options.start, starts);
    const sf = parse(ctx.file, ctx.text);
    const obj = findObjectAt(sf, open);
    if (obj) {
      const first = obj.properties[0];
      let edit: FixEdit;
      if (!first) edit = { start: obj.getStart(sf), end: obj.getEnd(), text: `{ ${site.prop}: true }` };
      else {
        const at = first.getStart(sf);
        const { indent, atLineStart } = lineIndentAt(ctx.text, at);
        edit = { start: at, end: at, text: atLineStart ? `${site.prop}: true,\n${indent}` : `${site.prop}: true, ` };
      }
      return inLineBreaksOf(
        {
          title: `Require human approval for '${tool.name}' (${site.prop}: true)`,
          kind: 'refactor.rewrite',
          safe: false,
          file: ctx.file,
          edits: [edit],
        },
        ctx.text,
      );
    }
  }
  return inLineBreaksOf(
    {
      title: `Require human approval for '${tool.name}' (@approval required)`,
      kind: 'refactor.rewrite',
      safe: false,
      file: ctx.file,
      edits: [insertTag(ctx.text, tool.annotations, tool.holderLoc, 'approval', ['required', 'required'])],
    },
    ctx.text,
  );
}

function findObjectAt(sf: ts.SourceFile, offset: number): ts.ObjectLiteralExpression | undefined {
  let found: ts.ObjectLiteralExpression | undefined;
  const visit = (n: ts.Node) => {
    if (found || offset < n.getFullStart() || offset >= n.getEnd()) return;
    if (ts.isObjectLiteralExpression(n) && n.getStart(sf) === offset) {
      found = n;
      return;
    }
    n.forEachChild(visit);
  };
  sf.forEachChild(visit);
  return found;
}

/** Owner ids in use anywhere in the workspace: offered as choices by the @owner fix. */
export function knownOwners(graph: AgentGraph, configOwners: Record<string, string>): string[] {
  const all = [
    ...Object.values(configOwners),
    ...graph.agents.map((a) => a.owner),
    ...graph.tools.map((t) => t.owner),
  ].filter((o): o is string => !!o);
  return [...new Set(all)].sort();
}
