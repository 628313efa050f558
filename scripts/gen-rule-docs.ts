// Writes docs/rules/<id>.md from each rule's own metadata (the documentation lives with the rule).
// Run: npx vitest run test/rules/rule-docs-files.test.ts -u is not used; `npm run docs` writes them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../server/src/rules';
import { ruleDocsMarkdown } from '../server/src/rules/rule-docs';

export function writeRuleDocs(root: string): string[] {
  const dir = join(root, 'docs/rules');
  mkdirSync(dir, { recursive: true });
  return RULES.map((r) => {
    const file = join(dir, `${r.meta.id}.md`);
    writeFileSync(file, ruleDocsMarkdown(r.meta.id));
    return file;
  });
}
