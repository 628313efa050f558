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
 * - `unknown`: anything else that mentions the module (`await import('ai')`, `require('ai').tool`, a
 *   specifier inside a template string) — the caller must assume any name.
 * Type-only imports, re-exports and bare side-effect imports bind nothing callable here.
 *
 * Lines that are plainly comments (starting with `//`, or with `*` or `/*` and not closing the comment before
 * the match) are skipped: framework bundles carry usage examples in their JSDoc.
 */
export type ModuleBinding =
  | { kind: 'named'; module: string; imported: string; local: string }
  | { kind: 'whole'; module: string; local: string }
  | { kind: 'unknown'; module: string };

const IDENT = '[A-Za-z_$][\\w$]*';
const SPEC = `(['"])([^'"\\n]+)['"]`;

/** `import a, { b as c } from 'm'`, `import * as ns from 'm'`, `import type … from 'm'`. */
const ESM_IMPORT = new RegExp(`\\bimport\\s+(type\\s+)?([^'";]*?)\\s*\\bfrom\\s*${SPEC}`, 'g');
/** `export * from 'm'`, `export { a } from 'm'`: nothing bound in this file. */
const RE_EXPORT = new RegExp(`\\bexport\\s+(?:type\\s+)?(?:\\*(?:\\s+as\\s+${IDENT})?|\\{[^}]*\\})\\s*from\\s*${SPEC}`, 'g');
/** `import 'm'` at a line start: side effects only. */
const SIDE_EFFECT = new RegExp(`^[ \\t]*import\\s*${SPEC}`, 'gm');
/** `const ai = require('m')`, `var x = __toESM(require('m'))`, `import ai = require('m')` — not `require('m').tool`. */
const CJS_WHOLE = new RegExp(`\\b(?:const|let|var|import)\\s+(${IDENT})\\s*=\\s*(?:[\\w$.]+\\(\\s*)?require\\(\\s*${SPEC}(?=\\s*\\)(?!\\s*[.[(]))`, 'g');
/** `const { a, b: c } = require('m')`. */
const CJS_NAMED = new RegExp(`\\b(?:const|let|var)\\s*\\{([^}]*)\\}\\s*=\\s*require\\(\\s*${SPEC}(?=\\s*\\))`, 'g');
/** Every mention, as `importedSpecifiers` finds them; those no form above explains are `unknown`. */
const ANY_MENTION = new RegExp(`(?:\\bfrom|\\brequire\\s*\\(|\\bimport\\s*\\()\\s*${SPEC}`, 'g');

/**
 * The bindings of the modules `wanted` accepts. Only called for the few files whose specifiers already
 * name one (the regular expressions below are not free on megabyte bundles).
 */
export function moduleBindings(text: string, wanted: (module: string) => boolean, normalise: (spec: string) => string = (s) => s): ModuleBinding[] {
  const out: ModuleBinding[] = [];
  /** End offsets of the specifiers some form explained, so the mention pass can tell what is left. */
  const explained = new Set<number>();
  const each = (pattern: RegExp, specGroup: number, take: (m: RegExpExecArray, module: string) => void) => {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const module = normalise(m[specGroup]);
      if (!wanted(module) || inCommentLine(text, m.index)) continue;
      explained.add(m.index + m[0].length);
      take(m, module);
    }
  };
  each(ESM_IMPORT, 4, (m, module) => {
    if (m[1]) return; // `import type`
    out.push(...esmClause(m[2], module));
  });
  each(RE_EXPORT, 2, () => {});
  each(SIDE_EFFECT, 2, () => {});
  each(CJS_WHOLE, 3, (m, module) => out.push({ kind: 'whole', module, local: m[1] }));
  each(CJS_NAMED, 3, (m, module) => {
    for (const { imported, local } of namedList(m[1], ':')) out.push({ kind: 'named', module, imported, local });
  });
  ANY_MENTION.lastIndex = 0;
  for (let m = ANY_MENTION.exec(text); m; m = ANY_MENTION.exec(text)) {
    const module = normalise(m[2]);
    if (wanted(module) && !explained.has(m.index + m[0].length) && !inCommentLine(text, m.index)) out.push({ kind: 'unknown', module });
  }
  return out;
}

/** `a`, `a, { b }`, `* as ns`, `a, * as ns`, `{ b as c, type T }`. */
function esmClause(clause: string, module: string): ModuleBinding[] {
  const out: ModuleBinding[] = [];
  let rest = clause.trim();
  const defaultName = new RegExp(`^(${IDENT})\\s*(,|$)`).exec(rest);
  if (defaultName) {
    out.push({ kind: 'whole', module, local: defaultName[1] });
    rest = rest.slice(defaultName[0].length).trim();
  }
  const namespace = new RegExp(`^\\*\\s*as\\s+(${IDENT})$`).exec(rest);
  if (namespace) out.push({ kind: 'whole', module, local: namespace[1] });
  else if (rest.startsWith('{') && rest.endsWith('}')) {
    for (const { imported, local } of namedList(rest.slice(1, -1), 'as')) out.push({ kind: 'named', module, imported, local });
  } else if (rest) out.push({ kind: 'unknown', module });
  return out;
}

/** `a, b as c, type T` (ESM) or `a, b: c` (destructuring); comment-line stars from JSDoc are not names. */
function namedList(list: string, rename: 'as' | ':'): { imported: string; local: string }[] {
  const out: { imported: string; local: string }[] = [];
  for (const raw of list.split(',')) {
    const part = raw.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '').trim();
    if (!part || /^type\s/.test(part)) continue;
    const [imported, local = imported] = part.split(rename === 'as' ? /\s+as\s+/ : /\s*:\s*/).map((s) => s.trim());
    out.push({ imported: imported.replace(/^['"]|['"]$/g, ''), local: local.replace(/\s*=[\s\S]*$/, '') });
  }
  return out;
}

/** Whether the line holding `at` is a comment up to `at` (see the header). */
export function inCommentLine(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  let i = lineStart;
  while (i < at && (text[i] === ' ' || text[i] === '\t')) i++;
  if (text.startsWith('//', i)) return true;
  if (text[i] !== '*' && !text.startsWith('/*', i)) return false;
  const close = text.indexOf('*/', i);
  return close === -1 || close >= at;
}
