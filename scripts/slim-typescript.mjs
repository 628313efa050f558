// The compiler the bundles load (dist/typescript.js): TypeScript as published, less what parsing never reaches.
//
// The analyzer only parses and walks syntax trees, but the published compiler is one script whose every part is
// reachable from its exports object and from statements that run when it loads (code fixes and refactors registering
// themselves, the language service's allocator, the project server's classes), so esbuild keeps all of it. Here its
// statements are taken out of the script's wrapper into a module that exports only the names the analyzer reads, and
// what keeps the rest alive is made droppable:
// - a namespace object filled by `__export(ns, {...})` becomes a pure initialiser, kept only when something reads it;
// - a language-service namespace filled in place, `((ns) => {...})(ns || (ns = {}))`, likewise, when its body does not
//   name the namespace while it runs;
// - the project server's, the typings installer's, the code fixes' and the refactors' own statements go: they only
//   register those features, which nothing here asks for;
// - the host system (`sys`: the OS, paths, a hash module, the environment) and what is made from it become pure
//   initialisers, and the statements that configure the compiler from it at load go: parsing never asks for it;
// - the language service's allocator keeps its syntax node classes (their `getStart()`, `getText()`...) and leaves
//   symbols, types and signatures to the compiler's own: only a type-checker makes those;
// - a syntax node is made without the fields that only the binder, the checker, the emitter or JSDoc parsing (which
//   the analyzer turns off) fill in: an identifier takes 88 bytes instead of 120, and a tree's nodes a quarter less.
// esbuild then drops whatever no export reaches. The shapes this relies on are checked, and a compiler laid out
// otherwise fails the build with what was not found. test/packaging/slim-compiler.test.ts checks that the result
// parses as the published compiler does and has every name the analyzer reads.
import { build } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/** Sections of the compiler whose top-level statements only register features parsing never uses. */
const REGISTERING_SECTIONS = /^src\/(server|typingsInstallerCore|services\/codefixes|services\/refactors)\//;
const CHECKER_ALLOCATIONS = [
  'getSymbolConstructor',
  'getTypeConstructor',
  'getSignatureConstructor',
  'getSourceMapSourceConstructor',
];

/** Every `ts.<name>` the analyzer's sources read (types included: the caller keeps those the compiler exports). */
export function namesTheAnalyzerReads(dir = 'server/src') {
  const names = new Set();
  for (const f of readdirSync(dir, { recursive: true }).map(String))
    if (f.endsWith('.ts'))
      for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/\bts\.([A-Za-z_$][\w$]*)/g)) names.add(m[1]);
  return names;
}

/** The compiler's text minified, exporting only `names` (those it exports), with its licence header. */
export async function slimTypeScript(source, names) {
  const { header, module } = toModule(source, names);
  const out = await build({
    stdin: { contents: module, loader: 'js', sourcefile: 'typescript.js' },
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return `${header}\n${out.outputFiles[0].text}`;
}

function fail(what) {
  throw new Error(`slim-typescript: ${what} not found; the compiler's layout changed, see scripts/slim-typescript.mjs`);
}

/** The wrapper's statements as a module's, with the rewrites above; `header` is the licence comment. */
export function toModule(source, names) {
  const sf = ts.createSourceFile('typescript.js', source, ts.ScriptTarget.ESNext, true, ts.ScriptKind.JS);
  const header = /^\/\*![\s\S]*?\*\//.exec(source)?.[0] ?? fail('the licence header');
  const statements = wrapperStatements(sf) ?? fail('the `((module) => { ... })(...)` wrapper');
  const out = [];
  let exported;
  let section = '';
  let allocatorTrimmed = false;
  const uninitialised = new Set();
  for (const s of statements) {
    section = sectionOf(source, s) ?? section;
    let text = source.slice(s.getStart(sf), s.end);
    if (ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression)) continue; // "use strict": a module is
    if (ts.isExpressionStatement(s)) {
      const exports = namespaceExports(sf, s);
      if (exports?.namespace === 'typescript_exports') {
        exported = exports.names;
        continue;
      }
      if (exports && out.at(-1) === `var ${exports.namespace} = {};`) {
        out[out.length - 1] = `var ${exports.namespace} = /* @__PURE__ */ __export({}, ${exports.object});`;
        continue;
      }
      if (text === 'module.exports = __toCommonJS(typescript_exports);' || text.startsWith('0 && (module.exports'))
        continue;
      if (REGISTERING_SECTIONS.test(section)) continue;
      const filled = section.startsWith('src/services/') ? namespaceFilledInPlace(sf, s) : undefined;
      if (filled && out.at(-1) === `var ${filled.name};`) {
        out[out.length - 1] =
          `var ${filled.name} = /* @__PURE__ */ ((${filled.param}) => {${filled.body}\nreturn ${filled.param};\n})({});`;
        continue;
      }
    }
    if (section === 'src/compiler/sys.ts' && ts.isIfStatement(s) && /^if \(sys && /.test(text)) continue;
    const sysValue = hostSystemValue(sf, s);
    if (sysValue) text = `var ${sysValue.name} = /* @__PURE__ */ (() => ${sysValue.init})();`;
    if (ts.isVariableStatement(s) && text.startsWith('var __export = ')) text = EXPORT_RETURNING_TARGET;
    const stripped = withoutUnusedFieldInitialisers(section, text);
    if (stripped !== text) uninitialised.add(section);
    text = stripped;
    if (ts.isFunctionDeclaration(s) && s.name?.text === 'getServicesObjectAllocator') {
      text = withoutCheckerAllocations(sf, s, source);
      allocatorTrimmed = true;
    }
    out.push(text);
  }
  if (!exported) fail('`__export(typescript_exports, {...})`');
  if (!allocatorTrimmed) fail('`getServicesObjectAllocator()`');
  for (const section of Object.keys(UNUSED_FIELD_INITIALISERS))
    if (!uninitialised.has(section)) fail(`the initialisers of fields parsing never fills in ${section}`);
  const kept = exported.filter((n) => names.has(n));
  out.push(`export { ${kept.join(', ')} };`);
  return { header, module: out.join('\n') };
}

/**
 * Fields a syntax node is given at creation only so that its shape stays the same when the binder, the checker, the
 * emitter or JSDoc parsing fill them in later. The analyzer runs none of them, and reading an absent field gives the
 * same `undefined`.
 */
const UNUSED_FIELD_INITIALISERS = {
  'src/compiler/factory/nodeFactory.ts':
    /^[ \t]*node\.(?:jsDoc|flowNode|symbol|localSymbol|locals|nextContainer|endFlowNode|returnFlowNode) = void 0;\n/gm,
  'src/services/services.ts': /^[ \t]*this\.(?:original|emitNode) = void 0;\n/gm,
};

function withoutUnusedFieldInitialisers(section, text) {
  const initialisers = UNUSED_FIELD_INITIALISERS[section];
  return initialisers ? text.replace(initialisers, '') : text;
}

const EXPORT_RETURNING_TARGET = `var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
  return target;
};`;

/** `var sys = (() => {...})()` and `var x = sys ? {...} : void 0`: values made from the host system, droppable. */
function hostSystemValue(sf, s) {
  if (!ts.isVariableStatement(s) || s.declarationList.declarations.length !== 1) return undefined;
  const [d] = s.declarationList.declarations;
  if (!ts.isIdentifier(d.name) || !d.initializer) return undefined;
  const init = d.initializer;
  const isSys = d.name.text === 'sys' && ts.isCallExpression(init) && init.arguments.length === 0;
  const fromSys = ts.isConditionalExpression(init) && ts.isIdentifier(init.condition) && init.condition.text === 'sys';
  return isSys || fromSys ? { name: d.name.text, init: init.getText(sf) } : undefined;
}

function wrapperStatements(sf) {
  for (const s of sf.statements) {
    if (!ts.isExpressionStatement(s) || !ts.isCallExpression(s.expression)) continue;
    const callee = s.expression.expression;
    const fn = ts.isParenthesizedExpression(callee) ? callee.expression : undefined;
    if (fn && ts.isArrowFunction(fn) && fn.parameters[0]?.name.getText(sf) === 'module' && ts.isBlock(fn.body))
      return fn.body.statements;
  }
  return undefined;
}

/** The last `// src/....ts` comment before a statement: the compiler source file it comes from. */
function sectionOf(source, s) {
  return [...source.slice(s.getFullStart(), s.getStart()).matchAll(/^\/\/ (src\/\S+)$/gm)].at(-1)?.[1];
}

function namespaceExports(sf, s) {
  const call = s.expression;
  if (!ts.isCallExpression(call) || call.expression.getText(sf) !== '__export' || call.arguments.length !== 2)
    return undefined;
  const [ns, object] = call.arguments;
  if (!ts.isIdentifier(ns) || !ts.isObjectLiteralExpression(object)) return undefined;
  return {
    namespace: ns.text,
    object: object.getText(sf),
    names: object.properties.map((p) => p.name.getText(sf)),
  };
}

/** `((ns2) => { body })(ns || (ns = {}))` whose body, while it runs, never names `ns` (only its parameter). */
function namespaceFilledInPlace(sf, s) {
  const call = s.expression;
  if (!ts.isCallExpression(call) || call.arguments.length !== 1) return undefined;
  const fn = ts.isParenthesizedExpression(call.expression) ? call.expression.expression : undefined;
  if (!fn || !ts.isArrowFunction(fn) || fn.parameters.length !== 1 || !ts.isBlock(fn.body)) return undefined;
  const name = /^([\w$]+) \|\| \(\1 = \{\}\)$/.exec(call.arguments[0].getText(sf))?.[1];
  if (!name) return undefined;
  let namesItself = false;
  const visit = (n) => {
    if (ts.isIdentifier(n) && n.text === name) namesItself = true;
    // What runs later (a function's body) may name it: by then it is assigned.
    else if (!ts.isFunctionLike(n) || isCalledAtOnce(n)) ts.forEachChild(n, visit);
  };
  for (const st of fn.body.statements) if (!ts.isFunctionDeclaration(st)) visit(st);
  if (namesItself) return undefined;
  return { name, param: fn.parameters[0].name.getText(sf), body: fn.body.getText(sf).slice(1, -1) };
}

function isCalledAtOnce(fn) {
  let callee = fn;
  while (ts.isParenthesizedExpression(callee.parent)) callee = callee.parent;
  return ts.isCallExpression(callee.parent) && callee.parent.expression === callee;
}

function withoutCheckerAllocations(sf, fn, source) {
  const ret = fn.body?.statements.find(ts.isReturnStatement);
  const object = ret?.expression && ts.isObjectLiteralExpression(ret.expression) ? ret.expression : undefined;
  const props = object?.properties.filter((p) => !CHECKER_ALLOCATIONS.includes(p.name?.getText(sf) ?? ''));
  if (!object || props.length !== object.properties.length - CHECKER_ALLOCATIONS.length)
    fail('the allocator of symbols, types and signatures in `getServicesObjectAllocator()`');
  const start = fn.getStart(sf);
  return (
    source.slice(start, object.getStart(sf)) +
    `{\n${props.map((p) => `    ${p.getText(sf)}`).join(',\n')}\n  }` +
    source.slice(object.end, fn.end)
  );
}
