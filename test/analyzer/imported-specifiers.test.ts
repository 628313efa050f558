import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { globbySync } from 'globby';
import { describe, expect, it } from 'vitest';
import { importedSpecifiers } from '../../server/src/analyzer/extract';
import { normaliseModule } from '../../server/src/analyzer/source-context';
import { prng } from '../helpers/prng';

/** The definition the fast search must agree with: one regex, four forms. */
const REFERENCE =
  /\bfrom\s*['"]([^'"\n]+)['"]|\brequire\s*\(\s*['"]([^'"\n]+)['"]\s*\)|\bimport\s*\(\s*['"]([^'"\n]+)['"]\s*\)|^\s*import\s*['"]([^'"\n]+)['"]/gm;
const reference = (text: string) => [
  ...new Set([...text.matchAll(REFERENCE)].map((m) => normaliseModule(m[1]! ?? m[2] ?? m[3] ?? m[4]))),
];

describe('importedSpecifiers', () => {
  it.each([
    ["import { tool } from 'ai';", ['ai']],
    ["const fs = require('node:fs');", ['fs']],
    ["const m = await import('./m.js');", ['./m.js']],
    ['import \'./polyfill\';\n  import "./side"', ['./polyfill', './side']],
    ["x; import 'not-at-line-start'", []],
    ["platform('x'); _import('y'); imports('z'); fromage 'w'", []],
    ["export * from './all'", ['./all']],
  ])('%s', (text, expected) => {
    expect(importedSpecifiers(text)).toEqual(expected);
  });

  it('finds what the one-regex definition finds: repository sources and 3,000 random texts', () => {
    const root = join(__dirname, '../..');
    const files = globbySync(['server/src/**/*.ts', 'examples/**/*.ts', 'test/fixtures/**/*.ts'], { cwd: root });
    expect(files.length).toBeGreaterThan(50);
    for (const f of files) {
      const text = readFileSync(join(root, f), 'utf8');
      expect(importedSpecifiers(text).sort(), f).toEqual(reference(text).sort());
    }
    const PIECES = [
      'from',
      'require',
      'import',
      '(',
      ')',
      "'",
      '"',
      'a',
      './x',
      ' ',
      '\n',
      '\r',
      '\t',
      '\u2028',
      'x',
      '_',
      '$',
      ';',
      'ai',
      'node:fs',
      '\u00a0',
    ];
    const random = prng(11);
    for (let n = 0; n < 3000; n++) {
      let text = '';
      while (text.length < 80) text += PIECES[Math.floor(random() * PIECES.length)];
      expect(importedSpecifiers(text).sort(), JSON.stringify(text)).toEqual(reference(text).sort());
    }
  });
});
