import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../server/src/rules';
import { ruleDocsMarkdown } from '../../server/src/rules/rule-docs';
import { REPO } from '../helpers/cli';

/** docs/rules/*.md are generated from the rules (`npm run docs`); the links in findings point at them. */
describe('docs/rules', () => {
  for (const r of RULES) {
    it(`${r.meta.id}.md is up to date with the rule`, () => {
      expect(readFileSync(join(REPO, `docs/rules/${r.meta.id}.md`), 'utf8')).toBe(ruleDocsMarkdown(r.meta.id));
    });
  }
});
