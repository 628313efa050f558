import { describe, expect, it } from 'vitest';
import { matchesOf } from '../../server/src/secrets/scan-secrets';
import { SECRET_RULES } from '../../server/src/secrets/secret-rules';

/**
 * Anchored rules scan only a window around each keyword hit; that must find exactly what the plain
 * left-to-right scan finds. Inputs: pseudo-random soup made of the pattern's own pieces (names,
 * keywords, separators, quotes, long values), so matches overlap, abut and share keywords.
 */
const PIECES = [
  'api_key',
  'apiKey',
  'SECRET',
  'secretoken',
  'token',
  'passwd',
  'password',
  'credential',
  'client-secret',
  'private_key',
  'x',
  'myLongVariableName_',
  '.',
  '-',
  '_',
  ' = ',
  ': ',
  '=> ',
  ':=',
  '"',
  "'",
  '`',
  '\n',
  ' ',
  'Zq8vN3xK7mW2pL9rT4yB6',
  'a'.repeat(45),
  '!#$%&()*+,-./',
];
/** For rules keyed on a suffix after a hex run (Mailchimp's `<32 hex>-us<n>`): runs that abut letters or not. */
const HEX_PIECES = [
  '0123456789abcdef0123456789abcdef',
  'a1b2c3d4e5f6a7b8',
  'f',
  '9',
  '-us1',
  '-us12',
  '-us',
  'x',
  'G',
  ' ',
  '\n',
  '"',
  '-',
  '_',
];
const piecesFor = (id: string) => (id === 'mailchimp-api-key' ? HEX_PIECES : PIECES);

function soup(seed: number, length: number, pieces: readonly string[]): string {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31);
  let out = '';
  while (out.length < length) out += pieces[next() % pieces.length];
  return out;
}

const plain = (pattern: RegExp, text: string) => [...matchesOf({ pattern }, text)].map((m) => [m.index, m[0]]);
const anchored = (rule: (typeof SECRET_RULES)[number], text: string) =>
  [...matchesOf(rule, text)].map((m) => [m.index, m[0]]);

describe('anchored secret rules find what a plain scan finds', () => {
  const rules = SECRET_RULES.filter((r) => r.anchor);
  it('at least one rule is anchored', () => {
    expect(rules.length).toBeGreaterThan(0);
  });
  for (const rule of rules) {
    it(`${rule.id}: 400 random inputs`, () => {
      let total = 0;
      for (let seed = 1; seed <= 400; seed++) {
        const text = soup(seed, 2_000, piecesFor(rule.id));
        const expected = plain(rule.pattern, text);
        total += expected.length;
        expect(anchored(rule, text), `seed ${seed}`).toEqual(expected);
      }
      expect(total).toBeGreaterThan(100); // the soup does produce matches
    });
  }
});
