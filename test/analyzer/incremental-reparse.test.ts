import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { globbySync } from 'globby';
import { describe, expect, it } from 'vitest';
import { IncrementalTree } from '../../server/src/analyzer/extract';
import { analyseFile } from '../../server/src/engine';
import { prng } from '../helpers/prng';

/**
 * The language server re-parses an open buffer incrementally on each keystroke (IncrementalTree). Whatever
 * the edit — typing inside a name, opening a comment or a string that swallows the rest of the file,
 * pasting, deleting a block — the facts must equal those of a fresh parse of the same text.
 */
const ROOT = join(__dirname, '../..');
const FILES = [
  ...globbySync('examples/support-desk/src/**/*.ts', { cwd: ROOT }),
  ...globbySync('test/fixtures/chain-across-files/**/*.ts', { cwd: ROOT }),
].sort();
const PIECES = [
  '/*',
  '*/',
  '//',
  "'",
  '"',
  '`',
  '${',
  '}',
  '{',
  '(',
  ')',
  ',',
  ';',
  '\n',
  ' ',
  'tool',
  'x',
  '/** @owner team-x */',
  '@scope data:write',
  'needsApproval: true',
  'await ',
  '=>',
  'async ',
];

function edit(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  const r = random();
  if (r < 0.4) return text.slice(0, at) + PIECES[Math.floor(random() * PIECES.length)] + text.slice(at);
  if (r < 0.7) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(random() * 40)));
  // Move a span elsewhere (paste).
  const from = Math.floor(random() * text.length);
  const span = text.slice(from, from + Math.floor(random() * 120));
  return text.slice(0, at) + span + text.slice(at);
}

describe('incremental re-parse of open buffers', () => {
  it('finds the fixture files', () => {
    expect(FILES.length).toBeGreaterThan(5);
  });
  for (const file of FILES) {
    it(`${file}: 60 random edits give the facts of a fresh parse`, () => {
      const random = prng(file.length * 7919);
      const tree = new IncrementalTree();
      let text = readFileSync(join(ROOT, file), 'utf8');
      analyseFile({ file, text }, {}, 'facts', tree);
      for (let i = 0; i < 60; i++) {
        // Edits pile up, as when typing; now and then the original comes back (undo all).
        text = i % 20 === 19 ? readFileSync(join(ROOT, file), 'utf8') : edit(text, random);
        const incremental = analyseFile({ file, text }, {}, 'facts', tree);
        // Parsed whole, as an open buffer's first version is (a buffer's facts keep every function).
        const fresh = analyseFile({ file, text }, {}, 'facts', new IncrementalTree());
        expect(incremental, `edit ${i}`).toEqual(fresh);
      }
      expect(tree.incremental).toBeGreaterThan(50);
    });
  }
});
