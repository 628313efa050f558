import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';
import type * as TypeScript from 'typescript';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { namesTheAnalyzerReads, toModule } from '../../scripts/slim-typescript.mjs';
import { NODE_SHAPE_SAMPLES } from '../../server/src/analyzer/node-shapes';
import { REPO } from '../helpers/cli';

/** The compiler the built CLI, workers and language server load (dist/typescript.js; `npm test` builds it first). */
const slim = createRequire(__filename)(join(REPO, 'dist/typescript.js')) as typeof TypeScript;
const PUBLISHED = readFileSync(join(REPO, 'node_modules/@ts-morph/common/dist/typescript.js'), 'utf8');

const CODE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
function codeFiles(dir: string): { file: string; text: string }[] {
  return readdirSync(join(REPO, dir), { recursive: true })
    .map(String)
    .filter((f) => CODE.test(f) && !f.includes('node_modules'))
    .map((f) => ({ file: join(dir, f), text: readFileSync(join(REPO, dir, f), 'utf8') }));
}

const KINDS: Record<string, TypeScript.ScriptKind> = { '.tsx': ts.ScriptKind.TSX, '.jsx': ts.ScriptKind.JSX };
const kindOf = (file: string) =>
  KINDS[extname(file)] ?? (/\.[mc]?js$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS);

/** Everything the analyzer reads from a tree, node by node, through the given compiler's API. */
function shape(c: typeof TypeScript, file: string, text: string, tree?: TypeScript.SourceFile): string[] {
  const sf = tree ?? c.createSourceFile(file, text, c.ScriptTarget.Latest, true, kindOf(file));
  const out: string[] = [];
  const visit = (n: TypeScript.Node): void => {
    const comments = c.getLeadingCommentRanges(text, n.getFullStart())?.length ?? 0;
    out.push(`${n.kind} ${n.pos}-${n.end} ${n.flags} ${n.getStart()} ${n.getText().length} ${comments}`);
    c.forEachChild(n, visit);
  };
  visit(sf);
  out.push(
    ...(sf as unknown as { parseDiagnostics: TypeScript.Diagnostic[] }).parseDiagnostics.map(
      (d) => `${d.code} ${d.start} ${String(d.messageText)}`,
    ),
  );
  out.push(`children ${sf.getChildren().length}`);
  return out;
}

describe('the compiler the bundles ship (dist/typescript.js)', () => {
  it('has every name the analyzer reads from the published compiler, as the same kind of value', () => {
    const published = ts as unknown as Record<string, unknown>;
    const shipped = slim as unknown as Record<string, unknown>;
    const values = [...namesTheAnalyzerReads(join(REPO, 'server/src'))].filter((n) => published[n] !== undefined);
    expect(values.length).toBeGreaterThan(50);
    for (const name of values) expect([name, typeof shipped[name]]).toEqual([name, typeof published[name]]);
    expect(slim.SyntaxKind).toEqual(ts.SyntaxKind);
  });

  it('parses the samples, examples, fixtures and the analyzer’s own code exactly as the published compiler', () => {
    const files = [
      ...NODE_SHAPE_SAMPLES,
      ...codeFiles('examples'),
      ...codeFiles('test/fixtures'),
      ...codeFiles('server/src'),
    ];
    expect(files.length).toBeGreaterThan(200);
    for (const { file, text } of files) expect(shape(slim, file, text), file).toEqual(shape(ts, file, text));
  });

  it('reparses an edited file incrementally exactly as the published compiler', () => {
    const { file, text } = NODE_SHAPE_SAMPLES[0]!;
    const at = text.indexOf('export');
    const edited = `${text.slice(0, at)}const inserted = tool({ description: 'x' });\n${text.slice(at)}`;
    const change = { span: { start: at, length: 0 }, newLength: edited.length - text.length };
    const update = (c: typeof TypeScript) =>
      shape(
        c,
        file,
        edited,
        c.updateSourceFile(c.createSourceFile(file, text, c.ScriptTarget.Latest, true), edited, change),
      );
    expect(update(slim)).toEqual(update(ts));
  });

  it('makes syntax nodes without the fields only a binder, checker, emitter or JSDoc parsing fill in', () => {
    const unused = ['symbol', 'localSymbol', 'locals', 'nextContainer', 'flowNode', 'endFlowNode', 'returnFlowNode'];
    unused.push('original', 'emitNode', 'jsDoc');
    const fieldsOf = (c: typeof TypeScript) => {
      const { file, text } = NODE_SHAPE_SAMPLES[0]!;
      const fields = new Set<string>();
      const options = { languageVersion: c.ScriptTarget.Latest, jsDocParsingMode: c.JSDocParsingMode.ParseNone };
      const visit = (n: TypeScript.Node): void => {
        for (const key of Object.keys(n)) fields.add(key);
        c.forEachChild(n, visit);
      };
      visit(c.createSourceFile(file, text, options, true));
      return unused.filter((f) => fields.has(f));
    };
    expect(fieldsOf(ts)).toEqual(unused);
    expect(fieldsOf(slim)).toEqual([]);
  });

  it('is a fraction of the published compiler, without its type-checker, emitter or language service', () => {
    const shipped = readFileSync(join(REPO, 'dist/typescript.js'), 'utf8');
    expect(shipped.length).toBeLessThan(PUBLISHED.length / 4);
    expect(slim).not.toHaveProperty('createProgram');
    expect(slim).not.toHaveProperty('createLanguageService');
    expect(shipped.startsWith('/*! *****')).toBe(true); // its licence header
  });

  it('makes no host system when loaded (the published one reads the environment, the OS and a hash module)', () => {
    const shipped = readFileSync(join(REPO, 'dist/typescript.js'), 'utf8');
    expect(shipped).not.toMatch(/require\("(crypto|os|path)"\)/);
    expect(PUBLISHED).toMatch(/require\("crypto"\)/);
    // Loaded in a process of its own: the modules it asks for while loading.
    const script = `const M = require('module'), seen = [], load = M._load;
      M._load = function (id) { seen.push(id); return load.apply(this, arguments); };
      require(${JSON.stringify(join(REPO, 'dist/typescript.js'))});
      console.log(JSON.stringify(seen.slice(1)));`;
    const loaded = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as string[];
    expect(loaded.filter((id) => ['os', 'path', 'crypto', 'fs'].includes(id))).toEqual([]);
  });

  it('fails the build, naming what it did not find, when the compiler is laid out otherwise', () => {
    const names = new Set(['createSourceFile']);
    expect(() => toModule('module.exports = {};', names)).toThrow(/the licence header not found/);
    expect(() => toModule('/*! licence */\nmodule.exports = {};', names)).toThrow(/wrapper.*not found/);
    const unwrapped = PUBLISHED.replace('function getServicesObjectAllocator()', 'function otherAllocator()');
    expect(() => toModule(unwrapped, names)).toThrow(/getServicesObjectAllocator\(\)` not found/);
    const initialised = PUBLISHED.replaceAll(/this\.(original|emitNode) = void 0;/g, 'this.$1 = null;');
    expect(() => toModule(initialised, names)).toThrow(/fields parsing never fills in src\/services\/services\.ts/);
  });
});
