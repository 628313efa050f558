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
  message: string | RegExp;
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
 * yields exactly the listed findings (message, line, column), in order.
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
              if (typeof e.message === 'string') expect(found[i].message).toBe(e.message);
              else expect(found[i].message).toMatch(e.message);
              if (e.severity) expect(found[i].severity).toBe(e.severity);
              if (e.file) expect(found[i].loc.file).toBe(e.file);
            });
          });
        }
      });
  });
}
