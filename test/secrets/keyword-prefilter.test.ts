import { describe, expect, it } from 'vitest';
import { scanKeywords, scanSecrets } from '../../server/src/secrets/scan-secrets';
import { SECRET_RULES, type SecretRule } from '../../server/src/secrets/secret-rules';
import { prng } from '../helpers/prng';

/** A rule that reports the literal word `TOKEN` when the text holds one of its keywords. */
function ruleWithKeywords(id: string, keywords: string[]): SecretRule {
  return { id, provider: id, description: id, pattern: new RegExp(`(${id}TOKEN)`, 'g'), keywords };
}

/**
 * 2,000 texts of 200 characters made of the words in mixed case, whole or cut short, and of the fillers: words overlap,
 * abut (`clientsecretoken`) and break off.
 */
function* soups(seed: number, words: readonly string[], fillers: readonly string[]): Generator<string> {
  const random = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const flip = (s: string) => [...s].map((c) => (random() < 0.3 ? c.toUpperCase() : c)).join('');
  for (let n = 0; n < 2000; n++) {
    let text = '';
    while (text.length < 200) {
      const w = pick(words);
      const r = random();
      text += r < 0.4 ? flip(w) : r < 0.7 ? flip(w.slice(0, 1 + Math.floor(random() * w.length))) : pick(fillers);
    }
    yield text;
  }
}

// The pre-filter finds all keywords in one pass; overlapping and nested keywords must not hide each other.
describe('secrets keyword pre-filter', () => {
  const rules = [
    ruleWithKeywords('a', ['ab']),
    ruleWithKeywords('b', ['bcd']),
    ruleWithKeywords('c', ['api_key']),
    ruleWithKeywords('d', ['key']),
    ruleWithKeywords('e', ['api']),
  ];
  const ids = (text: string) =>
    scanSecrets(text, rules)
      .map((m) => m.ruleId)
      .sort();
  const body = ' aTOKEN bTOKEN cTOKEN dTOKEN eTOKEN';

  it.each([
    ['overlapping keywords', 'abcd', ['a', 'b']],
    ['a keyword inside a longer one', 'api_key', ['c', 'd', 'e']],
    ['a keyword only', 'monkey', ['d']],
    ['no keyword', 'nothing here', []],
    ['keywords in capitals', 'ABCD', ['a', 'b']],
    ['a keyword broken by a non-ASCII letter', 'apé_kéy', []],
  ])('%s: %s', (_what, prefix, expected) => {
    expect(ids(prefix + body)).toEqual(expected);
  });

  it('runs no rule when the rule set has no keywords', () => {
    expect(scanSecrets('aTOKEN', [ruleWithKeywords('a', [])])).toEqual([]);
  });

  it('finds the keywords of the real rules that a lower-case search finds (2,000 random texts)', () => {
    const keywords = [...new Set(SECRET_RULES.flatMap((r) => r.keywords))];
    let checked = 0;
    // Between the keywords, non-ASCII letters that lower-case to themselves.
    for (const text of soups(7, keywords, [' ', '_', '-', 'é', 'ß', '€', '\n', 'x'])) {
      const lower = text.toLowerCase();
      const expected = keywords.filter((k) => lower.includes(k)).sort();
      expect([...scanKeywords(text, SECRET_RULES).present].sort()).toEqual(expected);
      checked += expected.length;
    }
    expect(checked).toBeGreaterThan(2000);
  });

  it('gives the starts of anchor words in order when one word lies inside another', () => {
    const words = ['abcd', 'bc', 'cd'];
    const rule = { ...ruleWithKeywords('a', []), anchor: { words, reach: 0, maxLength: 0 } };
    expect(scanKeywords('xABcd bc', [rule]).wordStarts.get(words)).toEqual([1, 2, 3, 6]);
  });

  it('finds where the anchor words start, as a case-insensitive search of each position does (2,000 random texts)', () => {
    const anchored = SECRET_RULES.filter((r) => r.anchor?.words);
    expect(anchored.length).toBeGreaterThan(0);
    const words = anchored[0]!.anchor!.words!;
    // The search the word list stands for: every position where one of the words starts, in any case.
    const search = new RegExp(words.join('|'), 'gi');
    let checked = 0;
    // Next to the words, letters that fold to ASCII only under Unicode's case rules: the long s, the Kelvin sign.
    for (const text of soups(11, words, [' ', '_', '-', 'ſ', '\u212a', 'é', 'x'])) {
      const expected: number[] = [];
      search.lastIndex = 0;
      for (let m = search.exec(text); m; m = search.exec(text)) {
        expected.push(m.index);
        search.lastIndex = m.index + 1;
      }
      expect(scanKeywords(text, SECRET_RULES).wordStarts.get(words), text).toEqual(expected);
      checked += expected.length;
    }
    expect(checked).toBeGreaterThan(2000);
  });
});
