/**
 * What a file takes from a module, read from its text without parsing: the pre-filter's second look at a
 * file whose specifiers name an agent SDK (relevance.ts). Adapters only record calls and classes whose
 * callee resolves to an export they know by name (`tool`, `createTool`, `new Agent`…), so a file that takes
 * none of those names from the SDK — types, schema helpers, a framework's own internals — cannot define
 * anything through it.
 *
 * Every way a file can bind a module is read as one of:
 * - `named`: `import { tool as t } from 'ai'`, `const { tool } = require('ai')` — the exported name;
 * - `whole`: `import * as ai from 'ai'`, a default import, `const ai = require('ai')` (also wrapped, as
 *   bundlers emit: `__toESM(require('ai'))`), `import ai = require('ai')` — the local name, whose member
 *   reads (`ai.tool`) are the names used;
 * - `unknown`: anything else that mentions the module (`await import('ai')`, `require('ai').tool`, a statement
 *   too long to read back) — the caller must assume any name.
 * An import written out inside a string (a code template) reads like one: it can only make a file a seed.
 * Type-only imports, re-exports and bare side-effect imports bind nothing callable here.
 *
 * Lines that are plainly comments (starting with `//`, or with `*` or `/*` and not closing the comment before
 * the match) are skipped: framework bundles carry usage examples in their JSDoc.
 */
export type ModuleBinding =
  | { kind: 'named'; module: string; imported: string; local: string }
  | { kind: 'whole'; module: string; local: string }
  | { kind: 'unknown'; module: string };

export const IDENT = '[A-Za-z_$][\\w$]*';

/**
 * Every mention of a module: `from '…'`, `require('…')`, `import('…')`, `import '…'` at a line start — the forms
 * `importedSpecifiers` finds. Each is then read backwards, within a bounded window, for the statement it ends:
 * no pattern here can run far on a hostile or minified file.
 */
const MENTION = /(?:\b(from)|\b(require)\s*\(|\bimport\s*\(|^[ \t]*(import))\s*(['"])([^'"\n]+)['"]/gm;
/** How far back a statement's start is looked for (long named-import lists in generated code fit). */
const WINDOW = 4000;
/** Past this many mentions of the wanted modules, the file is simply assumed to use them. */
const MAX_MENTIONS = 200;

/** `export * from`, `export * as ns from`, `export { a } from`: nothing bound in this file. */
const RE_EXPORT_CLAUSE = new RegExp(`^\\s*(?:type\\s+)?(?:\\*(?:\\s+as\\s+${IDENT})?|\\{[^}]*\\})\\s*$`);
/** Before `require(`: `const ai = `, `var x = __toESM(`, `import ai = `. */
const BEFORE_WHOLE_REQUIRE = new RegExp(`\\b(?:const|let|var|import)\\s+(${IDENT})\\s*=\\s*(?:[\\w$.]+\\(\\s*)?$`);
/** Before `require(`: `const { a, b: c } = `. */
const BEFORE_DESTRUCTURED_REQUIRE = /\b(?:const|let|var)\s*\{([^{}]*)\}\s*=\s*$/;

/**
 * The bindings of the modules `wanted` accepts. Only called for the few files whose specifiers already
 * name one.
 */
export function moduleBindings(
  text: string,
  wanted: (module: string) => boolean,
  normalise: (spec: string) => string = (s) => s,
): ModuleBinding[] {
  const out: ModuleBinding[] = [];
  let mentions = 0;
  MENTION.lastIndex = 0;
  for (let m = MENTION.exec(text); m; m = MENTION.exec(text)) {
    const module = normalise(m[5]!);
    if (!wanted(module) || inCommentLine(text, m.index)) continue;
    if (++mentions > MAX_MENTIONS) {
      out.push({ kind: 'unknown', module });
      break;
    }
    if (m[3]) continue; // `import 'm'`: side effects only
    const before = text.slice(Math.max(0, m.index - WINDOW), m.index);
    if (m[1]) out.push(...fromClause(before, module));
    else if (m[2]) out.push(...requireBindings(before, text, m.index + m[0].length, module));
    else out.push({ kind: 'unknown', module }); // `import('m')`
  }
  return out;
}

/** What `… from 'm'` binds: read back to the `import` or `export` that starts the statement. */
function fromClause(before: string, module: string): ModuleBinding[] {
  const start = lastKeyword(before);
  if (!start) return [{ kind: 'unknown', module }];
  const clause = before.slice(start.end);
  if (/['";]/.test(clause)) return [{ kind: 'unknown', module }];
  if (start.keyword === 'export') return RE_EXPORT_CLAUSE.test(clause) ? [] : [{ kind: 'unknown', module }];
  if (/^\s+type\s/.test(clause) && !/^\s+type\s*(,|$)/.test(clause)) return []; // `import type …`, not a default import named `type`
  return esmClause(clause, module);
}

/** The last `import` or `export` keyword (as a whole word) in `text`, and where it ends. */
function lastKeyword(text: string): { keyword: 'import' | 'export'; end: number } | undefined {
  let best: { keyword: 'import' | 'export'; end: number } | undefined;
  for (const keyword of ['import', 'export'] as const) {
    for (let at = text.lastIndexOf(keyword); at >= 0; at = at > 0 ? text.lastIndexOf(keyword, at - 1) : -1) {
      const end = at + keyword.length;
      if (isWordChar(text.charCodeAt(at - 1)) || isWordChar(text.charCodeAt(end))) continue;
      if (!best || end > best.end) best = { keyword, end };
      break;
    }
  }
  return best;
}

/** What `require('m')` is bound to, from the text before it and what follows its closing parenthesis. */
function requireBindings(before: string, text: string, afterSpecifier: number, module: string): ModuleBinding[] {
  const rest = /^\s*\)\s*(.?)/.exec(text.slice(afterSpecifier, afterSpecifier + 200));
  // `require('m').tool`, `require('m')(…)`: used in place.
  if (!rest || /[.[(]/.test(rest[1]!)) return [{ kind: 'unknown', module }];
  const whole = BEFORE_WHOLE_REQUIRE.exec(before.slice(-400));
  if (whole) return [{ kind: 'whole', module, local: whole[1]! }];
  const destructured = BEFORE_DESTRUCTURED_REQUIRE.exec(before);
  // `const { a, ...rest } = require('m')`: the rest holds every other export.
  if (destructured && !destructured[1]!.includes('...'))
    return namedList(destructured[1]!, ':').map(({ imported, local }) => ({ kind: 'named', module, imported, local }));
  return [{ kind: 'unknown', module }];
}

const isWordChar = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;

/** `a`, `a, { b }`, `* as ns`, `a, * as ns`, `{ b as c, type T }`. */
function esmClause(clause: string, module: string): ModuleBinding[] {
  const out: ModuleBinding[] = [];
  let rest = clause.trim();
  const defaultName = new RegExp(`^(${IDENT})\\s*(,|$)`).exec(rest);
  if (defaultName) {
    out.push({ kind: 'whole', module, local: defaultName[1]! });
    rest = rest.slice(defaultName[0].length).trim();
  }
  const namespace = new RegExp(`^\\*\\s*as\\s+(${IDENT})$`).exec(rest);
  if (namespace) out.push({ kind: 'whole', module, local: namespace[1]! });
  else if (rest.startsWith('{') && rest.endsWith('}')) {
    for (const { imported, local } of namedList(rest.slice(1, -1), 'as'))
      out.push({ kind: 'named', module, imported, local });
  } else if (rest) out.push({ kind: 'unknown', module });
  return out;
}

/** `a, b as c, type T` (ESM) or `a, b: c` (destructuring), comments inside the list dropped. */
function namedList(list: string, rename: 'as' | ':'): { imported: string; local: string }[] {
  const out: { imported: string; local: string }[] = [];
  for (const raw of list.split(',')) {
    const part = raw.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '').trim();
    if (!part || /^type\s/.test(part)) continue;
    // `split` gives at least one piece: the imported name.
    const [imported = '', local = imported] = part.split(rename === 'as' ? /\s+as\s+/ : /\s*:\s*/).map((s) => s.trim());
    out.push({ imported: imported.replace(/^['"]|['"]$/g, ''), local: local.replace(/\s*=[\s\S]*$/, '') });
  }
  return out;
}

/** Whether the line holding `at` is a comment up to `at` (see the header). */
function inCommentLine(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  let i = lineStart;
  while (i < at && (text[i] === ' ' || text[i] === '\t')) i++;
  if (text.startsWith('//', i)) return true;
  if (text[i] !== '*' && !text.startsWith('/*', i)) return false;
  const close = text.indexOf('*/', i);
  return close === -1 || close >= at;
}
