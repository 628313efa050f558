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
/** For connection strings: schemes, URLs with and without a password, the characters that end each part. */
const URL_PIECES = [
  'postgres://',
  'mongodb+srv://',
  'redis',
  'https://',
  'app:',
  'Zq8vN3xK7mW2pL9rT4yB6@',
  'user:pw@',
  'x',
  '://',
  'app',
  ':',
  '@',
  'db.internal',
  '/',
  'Zq8vN3xK7mW2pL9rT4yB6',
  'pw',
  ' ',
  '\n',
  '"',
  "'",
  '.',
];
/** For `.env`-style lines: line starts, indentation, `export`, upper-case names around the keywords, values. */
const ENV_PIECES = [
  '\n',
  ' ',
  '\t',
  'export ',
  '            ',
  'A_LONG_PREFIX_FOR_THE_',
  'API_KEY',
  'APIKEY',
  'SECRET',
  'TOKEN',
  'PRIVATE_KEY',
  'MY_',
  'X',
  'token',
  '=',
  ' = ',
  '"',
  "'",
  'Zq8vN3xK7mW2pL9rT4yB6',
  'a'.repeat(45),
  'b'.repeat(150),
  '#',
];
function piecesFor(rule: (typeof SECRET_RULES)[number]): readonly string[] {
  if (rule.id === 'mailchimp-api-key') return HEX_PIECES;
  if (rule.id === 'database-url-password') return URL_PIECES;
  return rule.pattern.multiline ? ENV_PIECES : PIECES;
}

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
    it(`${rule.id} (${rule.pattern.source.slice(0, 24)}…): 400 random inputs`, () => {
      let total = 0;
      for (let seed = 1; seed <= 400; seed++) {
        const text = soup(seed, 2_000, piecesFor(rule));
        const expected = plain(rule.pattern, text);
        total += expected.length;
        expect(anchored(rule, text), `seed ${seed}`).toEqual(expected);
      }
      expect(total).toBeGreaterThan(100); // the soup does produce matches
    });
  }
});
