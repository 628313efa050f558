import { describe, expect, it } from 'vitest';
import { scanSecrets } from '../../server/src/secrets/scan-secrets';
import type { SecretRule } from '../../server/src/secrets/secret-rules';

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
  const ids = (text: string) => scanSecrets(text, rules).map((m) => m.ruleId).sort();
  const body = ' aTOKEN bTOKEN cTOKEN dTOKEN eTOKEN';

  it.each([
    ['overlapping keywords', 'abcd', ['a', 'b']],
    ['a keyword inside a longer one', 'api_key', ['c', 'd', 'e']],
    ['a keyword only', 'monkey', ['d']],
    ['no keyword', 'nothing here', []],
  ])('%s: %s', (_what, prefix, expected) => {
    expect(ids(prefix + body)).toEqual(expected);
  });

  it('runs no rule when the rule set has no keywords', () => {
    expect(scanSecrets('aTOKEN', [ruleWithKeywords('a', [])])).toEqual([]);
  });
});
