import { describe, expect, it } from 'vitest';
import { LOCKFILE } from '../../server/src/authority/lockfile';
import { RULES } from '../../server/src/rules';
import type { RuleExample } from '../../server/src/rules/rule';
import { analyzeFiles } from '../helpers/analyze';
import { expandFakeKeys } from '../helpers/fake-keys';

/** An example's file, and the lockfile beside it when it has one. */
const exampleFiles = (ex: RuleExample) => ({
  [ex.file ?? 'example.ts']: expandFakeKeys(ex.code),
  ...(ex.lockfile ? { [LOCKFILE]: ex.lockfile } : {}),
});

/** Every rule's documented examples run: incorrect ones are reported by that rule, correct ones are not. */
describe('rule documentation examples', () => {
  for (const rule of RULES) {
    describe(rule.meta.id, () => {
      it('documents what, why and how to fix', () => {
        expect(rule.meta.summary.length).toBeGreaterThan(20);
        expect(rule.meta.why.length).toBeGreaterThan(20);
        expect(rule.meta.fix.length).toBeGreaterThan(20);
        expect(rule.meta.incorrect.length).toBeGreaterThan(0);
        expect(rule.meta.correct.length).toBeGreaterThan(0);
      });
      rule.meta.incorrect.forEach((ex, i) => {
        it(`incorrect example ${i + 1} is reported`, () => {
          const r = analyzeFiles(exampleFiles(ex));
          expect(r.findings.filter((f) => f.ruleId === rule.meta.id).length).toBeGreaterThan(0);
        });
      });
      rule.meta.correct.forEach((ex, i) => {
        it(`correct example ${i + 1} is clean`, () => {
          const r = analyzeFiles(exampleFiles(ex));
          expect(r.findings.filter((f) => f.ruleId === rule.meta.id).map((f) => f.message)).toEqual([]);
        });
      });
    });
  }
});
