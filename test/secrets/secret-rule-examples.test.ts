import { describe, expect, it } from 'vitest';
import { scanSecrets } from '../../server/src/secrets/scan-secrets';
import { SECRET_RULES } from '../../server/src/secrets/secret-rules';
import { expandTemplate } from '../helpers/template-keys';
import { prng } from '../helpers/prng';

const hashOf = (s: string) => [...s].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0, 7);

/** Every secret rule's own examples: positives are found by that rule, negatives are not. */
describe('secret rules: documented examples', () => {
  it('there are at least 100 rules, each with an id, provider, pattern and keywords', () => {
    expect(SECRET_RULES.length).toBeGreaterThanOrEqual(100);
    for (const r of SECRET_RULES) {
      expect(r.keywords.length, r.id).toBeGreaterThan(0);
      expect(r.pattern.flags, r.id).toContain('g');
    }
  });

  for (const rule of SECRET_RULES.filter((r) => r.examples)) {
    describe(rule.id, () => {
      rule.examples!.positive.forEach((template, i) => {
        it(`positive ${i + 1}`, () => {
          // Five draws: a format must hold for random bodies, not for one lucky string. Seeded: the same five
          // on every run (see expandTemplate).
          const rand = prng(hashOf(`${rule.id}:${i}`));
          for (let k = 0; k < 5; k++) {
            const text = expandTemplate(template, rand);
            const found = scanSecrets(`${text}\n`);
            expect(
              found.map((f) => f.ruleId),
              text,
            ).toContain(rule.id);
          }
        });
      });
      (rule.examples!.negative ?? []).forEach((template, i) => {
        it(`negative ${i + 1}`, () => {
          const text = expandTemplate(template, prng(hashOf(`${rule.id}:n${i}`)));
          expect(scanSecrets(text).filter((f) => f.ruleId === rule.id)).toEqual([]);
        });
      });
    });
  }
});
