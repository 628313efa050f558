import { ts } from '../typescript';
import { ownString } from './own-strings';
import type { Annotations, Location } from './types';

/** Tags Agent Warden reads. Anything else in the block (`@param`, `@returns`…) is ignored. */
export const GOVERNANCE_TAGS = ['owner', 'scope', 'approval', 'revocation', 'expires'] as const;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const SCOPE_RE = /^[A-Za-z0-9_.*-]+(?::[A-Za-z0-9_.*-]+)+$/;

export type LocationAt = (offset: number, endOffset: number) => Location;

/**
 * What blocks without a problem or a date say, by their text: a file is extracted again on every edit, and most
 * blocks read the same as last time (`/** @scope data:read *\/` above every tool of a file, often). Its scopes and
 * approval are shared by every definition the block annotates, frozen so that nothing changes them for all.
 */
const blockTags = new Map<string, Readonly<Omit<Annotations, 'block'>>>();
const MAX_KEPT_BLOCKS = 4096;

/**
 * Reads governance tags from one JSDoc block (`/** … *\/`).
 * `text` is the whole block; `offset` is where it starts in the file, so tag locations are exact.
 */
export function parseJsDocBlock(text: string, offset: number, locAt: LocationAt): Annotations {
  const block = { start: offset, end: offset + text.length };
  const known = blockTags.get(text);
  if (known) return { block, ...known };
  const ann = readJsDocBlock(text, offset, locAt, block);
  // Problems and dates carry locations in the file: such blocks are read each time.
  if (!ann.problems && !ann.expires) keepBlock(text, ann);
  return ann;
}

function keepBlock(text: string, ann: Annotations): void {
  if (blockTags.size >= MAX_KEPT_BLOCKS) blockTags.clear();
  const { block: _block, ...tags } = ann;
  if (tags.scopes) tags.scopes = Object.freeze(tags.scopes.map(ownString)) as string[];
  if (tags.owner) tags.owner = ownString(tags.owner);
  if (tags.revocation) tags.revocation = ownString(tags.revocation);
  if (tags.approval)
    tags.approval = Object.freeze({
      ...tags.approval,
      reason: tags.approval.reason && ownString(tags.approval.reason),
    });
  // The key is a copy: a block cut from a file's text is a view that would keep the whole text alive.
  blockTags.set(ownString(text), tags);
}

function readJsDocBlock(text: string, offset: number, locAt: LocationAt, block: Annotations['block']): Annotations {
  const ann: Annotations = { block };
  for (const { tag, value, start, end } of jsDocTags(text)) {
    const loc = locAt(offset + start, offset + end);
    const problem = (message: string, empty = false) =>
      (ann.problems ??= []).push(empty ? { tag, message, loc, empty } : { tag, message, loc });
    switch (tag) {
      case 'owner':
        if (!value) problem('`@owner` needs an owner id, e.g. `@owner team-payments`.', true);
        else ann.owner = value.split(/\s+/)[0];
        break;
      case 'scope': {
        const scopes = value.split(/[\s,]+/).filter(Boolean);
        if (scopes.length === 0)
          problem('`@scope` needs at least one `resource:action`, e.g. `@scope orders:read`.', true);
        const bad = scopes.filter((s) => !SCOPE_RE.test(s));
        if (bad.length) problem(`\`@scope\` entries must look like \`resource:action\`; not: ${bad.join(', ')}.`);
        ann.scopes = [...(ann.scopes ?? []), ...scopes.filter((s) => SCOPE_RE.test(s))];
        break;
      }
      case 'approval': {
        const [mode, ...rest] = value.split(/\s+/);
        if (mode === 'required' || mode === 'none') {
          ann.approval = { mode, reason: rest.join(' ').replace(/^--\s*/, '') || undefined };
          if (mode === 'none' && !ann.approval.reason)
            problem('`@approval none` needs a reason: why is no human gate needed?');
        } else problem('`@approval` takes `required` or `none <reason>`.');
        break;
      }
      case 'revocation':
        if (!value) problem('`@revocation` needs a description of how to switch this off.', true);
        else ann.revocation = value;
        break;
      case 'expires': {
        const d = DATE_RE.exec(value.split(/\s+/)[0] ?? '');
        if (!d || !isRealDate(+d[1]!, +d[2]!, +d[3]!)) problem('`@expires` takes a date as YYYY-MM-DD.');
        else ann.expires = { date: d[0], loc };
        break;
      }
    }
  }
  return ann;
}

/**
 * One line of a block and its line break: any of the compiler's (`\r\n`, `\n`, `\r`, U+2028, U+2029), so a file checked
 * out with Windows line endings reads as it does with Unix ones. Matches at every position before the end.
 */
const LINE = /([^\r\n\u2028\u2029]*)(?:\r\n|[\r\n\u2028\u2029])?/y;

/**
 * Governance tags of a JSDoc block. A tag starts a line (after the `*` decoration) and runs until the
 * next tag or the end of the block, so `@owner` mentioned inside prose is not a tag.
 */
function jsDocTags(
  text: string,
): { tag: (typeof GOVERNANCE_TAGS)[number]; value: string; start: number; end: number }[] {
  const out: { tag: (typeof GOVERNANCE_TAGS)[number]; value: string[]; start: number; end: number }[] = [];
  let current: (typeof out)[number] | undefined;
  for (LINE.lastIndex = 0; LINE.lastIndex < text.length;) {
    const lineStart = LINE.lastIndex;
    const body = LINE.exec(text)![1]!.replace(/\*\/\s*$/, '');
    const decoration = /^\s*(?:\/\*\*|\*)?\s*/.exec(body)![0];
    const content = body.slice(decoration.length);
    const tag = /^@([A-Za-z]+)\b\s*(.*)$/.exec(content);
    if (tag) {
      current = undefined;
      // Several governance tags on one line (`/** @owner x @scope y:z */`) are several tags.
      const pieces = content.split(/\s+(?=@(?:owner|scope|approval|revocation|expires)\b)/);
      let offset = lineStart + decoration.length;
      for (const piece of pieces) {
        const t = /^@([A-Za-z]+)\b\s*(.*)$/.exec(piece);
        const at = text.indexOf(piece, offset);
        offset = at + piece.length;
        if (!t || !(GOVERNANCE_TAGS as readonly string[]).includes(t[1]!)) {
          current = undefined;
          continue;
        }
        current = {
          tag: t[1] as (typeof GOVERNANCE_TAGS)[number],
          value: [t[2]!.trim()],
          start: at,
          end: at + piece.trimEnd().length,
        };
        out.push(current);
      }
    } else if (current && content.trim()) {
      current.value.push(content.trim());
    } else if (current && !content.trim()) {
      current = undefined; // a blank line ends a tag's text
    }
  }
  return out.map((t) => ({ ...t, value: t.value.filter(Boolean).join(' ') }));
}

function isRealDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function hasGovernanceTag(ann: Annotations): boolean {
  return !!(ann.owner || ann.scopes || ann.approval || ann.revocation || ann.expires || ann.problems);
}

/** JSDoc blocks (`/** … *\/`) among the leading comments of a node, in source order. */
export function leadingJsDocBlocks(text: string, node: ts.Node): { pos: number; end: number }[] {
  // Comments between the previous token and a line break count as "trailing" in TypeScript; a block
  // written inline before a definition (`[/** @scope x:y */ agent.asTool()]`) is one of those.
  const pos = node.getFullStart();
  const ranges = [...(ts.getTrailingCommentRanges(text, pos) ?? []), ...(ts.getLeadingCommentRanges(text, pos) ?? [])];
  const seen = new Set<number>();
  return ranges.filter((r) => !seen.has(r.pos) && seen.add(r.pos) && isJsDocBlock(text, r));
}

/**
 * The governance annotations written directly above a definition: the JSDoc block that
 * immediately precedes the statement (or property / class) that holds it.
 */
export function annotationsFor(text: string, holder: ts.Node, locAt: LocationAt): Annotations {
  // The last of `leadingJsDocBlocks`, found without listing them: this runs for every definition on every edit.
  const pos = holder.getFullStart();
  const last =
    lastJsDocBlock(text, ts.getLeadingCommentRanges(text, pos)) ??
    lastJsDocBlock(text, ts.getTrailingCommentRanges(text, pos));
  return last ? parseJsDocBlock(text.slice(last.pos, last.end), last.pos, locAt) : {};
}

function lastJsDocBlock(text: string, ranges: ts.CommentRange[] | undefined): ts.CommentRange | undefined {
  for (let i = (ranges?.length ?? 0) - 1; i >= 0; i--) if (isJsDocBlock(text, ranges![i]!)) return ranges![i];
  return undefined;
}

function isJsDocBlock(text: string, r: ts.CommentRange): boolean {
  return (
    r.kind === ts.SyntaxKind.MultiLineCommentTrivia && text.startsWith('/**', r.pos) && !text.startsWith('/**/', r.pos)
  );
}

/**
 * The file-level block: a JSDoc block at the top of the file that is not the doc comment of the
 * first statement. It is file-level when the first statement is an import, when another comment
 * follows it, or when it carries `@file`/`@fileoverview`/`@module`/`@packageDocumentation`.
 */
export function fileLevelAnnotations(sf: ts.SourceFile, locAt: LocationAt): Annotations {
  const first = sf.statements[0];
  const text = sf.text;
  const blocks = first ? leadingJsDocBlocks(text, first) : [];
  if (!first) {
    // A file that is only comments: its first block is file-level.
    const ranges = ts.getLeadingCommentRanges(text, 0) ?? [];
    const r = ranges.find((c) => text.startsWith('/**', c.pos));
    return r ? parseJsDocBlock(text.slice(r.pos, r.end), r.pos, locAt) : {};
  }
  const merged: Annotations = {};
  blocks.forEach((b, i) => {
    const body = text.slice(b.pos, b.end);
    const isLast = i === blocks.length - 1;
    const fileLevel =
      !isLast ||
      ts.isImportDeclaration(first) ||
      ts.isImportEqualsDeclaration(first) ||
      /@(file|fileoverview|module|packageDocumentation)\b/.test(body) ||
      isRequireStatement(first);
    if (fileLevel) Object.assign(merged, parseJsDocBlock(body, b.pos, locAt));
  });
  return merged;
}

function isRequireStatement(st: ts.Statement): boolean {
  if (!ts.isVariableStatement(st)) return false;
  return st.declarationList.declarations.every(
    (d) =>
      d.initializer &&
      ts.isCallExpression(d.initializer) &&
      ts.isIdentifier(d.initializer.expression) &&
      d.initializer.expression.text === 'require',
  );
}

/** Definition annotations override file defaults, tag by tag. */
export function mergeAnnotations(fileLevel: Annotations, own: Annotations): Annotations {
  return {
    owner: own.owner ?? fileLevel.owner,
    scopes: own.scopes ?? fileLevel.scopes,
    approval: own.approval ?? fileLevel.approval,
    revocation: own.revocation ?? fileLevel.revocation,
    expires: own.expires ?? fileLevel.expires,
    problems: own.problems,
    block: own.block,
  };
}
