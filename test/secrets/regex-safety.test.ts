import { describe, expect, it } from 'vitest';
import { scanSecrets } from '../../server/src/secrets/scan-secrets';
import { SECRET_RULES } from '../../server/src/secrets/secret-rules';

/**
 * No secret pattern may take super-linear time. Each rule meets long adversarial inputs built from its own
 * keywords and character classes: prefixes repeated, bodies that never terminate, separators with no value.
 * The budget is generous (these machines are noisy); a catastrophic pattern takes seconds to minutes.
 */
const SIZE = 200_000;
const BUDGET_MS = 3_000;

function adversarial(keyword: string): string[] {
  const k = keyword || 'key';
  return [
    k.repeat(Math.ceil(SIZE / k.length)),
    `${k}${'a'.repeat(SIZE)}`,
    `${k}${'A1_-'.repeat(SIZE / 4)}!`,
    `${k} = "${'x9'.repeat(SIZE / 2)}`,
    `${k}:${' '.repeat(SIZE)}`,
    `${(k + '=').repeat(SIZE / (k.length + 1))}`,
    `-----BEGIN PRIVATE KEY-----${'A'.repeat(SIZE)}`,
    `eyJ${'a'.repeat(SIZE / 2)}.eyJ${'b'.repeat(SIZE / 2)}`,
    `postgres://${'u'.repeat(SIZE / 2)}:${'p'.repeat(SIZE / 2)}`,
    `https://${'h:'.repeat(SIZE / 2)}@`,
  ];
}

describe('secret patterns run in linear time on adversarial input', () => {
  for (const rule of SECRET_RULES) {
    it(`${rule.id} (${rule.pattern.source.slice(0, 40)}…)`, () => {
      let slowest = 0;
      for (const input of adversarial(rule.keywords[0]!)) {
        const started = performance.now();
        scanSecrets(input, [rule]);
        slowest = Math.max(slowest, performance.now() - started);
      }
      expect(slowest).toBeLessThan(BUDGET_MS);
    });
  }
});
