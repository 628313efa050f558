import { describe, expect, it } from 'vitest';
import { keywordsPresent, scanSecrets } from '../../server/src/secrets/scan-secrets';
import { SECRET_RULES, type SecretRule } from '../../server/src/secrets/secret-rules';
import { prng } from '../helpers/prng';

/** A rule that reports the literal word `TOKEN` when the text holds one of its keywords. */
function ruleWithKeywords(id: string, keywords: string[]): SecretRule {
  return { id, provider: id, description: id, pattern: new RegExp(`(${id}TOKEN)`, 'g'), keywords };
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
    // Text made of keyword pieces in mixed case, so keywords overlap, abut and break off; non-ASCII
    // letters (that lower-case to themselves) in between.
    const keywords = [...new Set(SECRET_RULES.flatMap((r) => r.keywords))];
    const random = prng(7);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const flip = (s: string) => [...s].map((c) => (random() < 0.3 ? c.toUpperCase() : c)).join('');
    let checked = 0;
    for (let n = 0; n < 2000; n++) {
      let text = '';
      while (text.length < 200) {
        const k = pick(keywords);
        const r = random();
        text +=
          r < 0.4
            ? flip(k)
            : r < 0.7
              ? flip(k.slice(0, 1 + Math.floor(random() * k.length)))
              : pick([' ', '_', '-', 'é', 'ß', '€', '\n', 'x']);
      }
      const lower = text.toLowerCase();
      const expected = keywords.filter((k) => lower.includes(k)).sort();
      expect([...keywordsPresent(text, SECRET_RULES)].sort()).toEqual(expected);
      checked += expected.length;
    }
    expect(checked).toBeGreaterThan(2000);
  });
});
