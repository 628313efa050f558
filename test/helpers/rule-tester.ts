import { describe, expect, it } from 'vitest';
import type { Config } from '../../server/src/config/load-config';
import { analyzeFiles } from './analyze';

export interface ValidCase {
  name: string;
  code?: string;
  /** Several files instead of one `code`. */
  files?: Record<string, string>;
  filename?: string;
  config?: Partial<Config>;
}

export interface ExpectedError {
  /** Which of the rule's messages (`RuleMeta.messages`); give it, the rendered message, or both. */
  messageId?: string;
  message?: string | RegExp;
  /** The titles of the fixes offered with the finding, in order. */
  fixes?: string[];
  line: number;
  column: number;
  severity?: 'error' | 'warning' | 'info';
  file?: string;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
}

/**
 * typescript-eslint style tables: every valid case yields no finding of the rule; every invalid case
 * yields exactly the listed findings (messageId and/or message, line, column, and the fixes offered), in order.
 */
export function ruleTester(ruleId: string, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  const run = (c: ValidCase) => {
    const files = c.files ?? { [c.filename ?? 'src/agent.ts']: c.code ?? '' };
    return analyzeFiles(files, c.config).findings.filter((f) => f.ruleId === ruleId);
  };
  describe(ruleId, () => {
    if (cases.valid.length)
      describe('valid', () => {
        for (const c of cases.valid) {
          it(c.name, () => {
            expect(run(c).map((f) => `${f.loc.start.line}:${f.loc.start.column} ${f.message}`)).toEqual([]);
          });
        }
      });
    if (cases.invalid.length)
      describe('invalid', () => {
        for (const c of cases.invalid) {
          it(c.name, () => {
            const found = run(c);
            expect(found.map((f) => ({ line: f.loc.start.line, column: f.loc.start.column }))).toEqual(
              c.errors.map((e) => ({ line: e.line, column: e.column })),
            );
            c.errors.forEach((e, i) => {
              const f = found[i]!;
              expect(e.messageId ?? e.message, 'an expected error names its messageId or message').toBeDefined();
              if (e.messageId) expect(f.messageId).toBe(e.messageId);
              if (typeof e.message === 'string') expect(f.message).toBe(e.message);
              else if (e.message) expect(f.message).toMatch(e.message);
              expect(f.message, 'every placeholder filled').not.toMatch(/\{\{/);
              if (e.fixes) expect(f.fixes.map((x) => x.title)).toEqual(e.fixes);
              if (e.severity) expect(f.severity).toBe(e.severity);
              if (e.file) expect(f.loc.file).toBe(e.file);
            });
          });
        }
      });
  });
}
