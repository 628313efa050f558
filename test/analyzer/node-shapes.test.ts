import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFacts, isSourceFile, parse } from '../../server/src/analyzer/extract';
import { NODE_SHAPE_SAMPLES } from '../../server/src/analyzer/node-shapes';
import { loadTypeScript, ts } from '../../server/src/typescript';
import { REPO } from '../helpers/cli';

loadTypeScript();

function kindsIn(file: string, text: string): Set<string> {
  const kinds = new Set<string>();
  const visit = (n: ts.Node): void => {
    kinds.add(ts.SyntaxKind[n.kind]);
    ts.forEachChild(n, visit);
  };
  visit(parse(file, text));
  return kinds;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => isSourceFile(f) && !f.includes('node_modules'))
    .map((f) => join(dir, f));
}

describe('the node shapes kept for the life of the process', () => {
  it('are samples that parse without an error', () => {
    for (const { file, text } of NODE_SHAPE_SAMPLES) {
      // The parser's own list of syntax errors (not part of the compiler's public types).
      const tree = parse(file, text) as unknown as { parseDiagnostics: { messageText: unknown }[] };
      expect(tree.parseDiagnostics.map((d) => d.messageText)).toEqual([]);
    }
  });

  it('are extracted without an error', () => {
    for (const { file, text } of NODE_SHAPE_SAMPLES) expect(() => extractFacts(file, text)).not.toThrow();
  });

  it('hold every kind of node the examples and fixtures are made of', () => {
    const sampled = new Set(NODE_SHAPE_SAMPLES.flatMap((s) => [...kindsIn(s.file, s.text)]));
    const files = [...sourceFiles(join(REPO, 'examples')), ...sourceFiles(join(REPO, 'test/fixtures'))];
    expect(files.length).toBeGreaterThan(50);
    const missing = new Map<string, string>();
    for (const file of files)
      for (const kind of kindsIn(file, readFileSync(file, 'utf8'))) if (!sampled.has(kind)) missing.set(kind, file);
    expect(Object.fromEntries(missing)).toEqual({});
  });
});
