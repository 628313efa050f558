import { RULES_BY_ID } from '.';
import { docsUrl, type RuleExample } from './rule';

const codeFence = (ex: RuleExample) =>
  `\`\`\`${ex.file?.endsWith('.env') || ex.file?.startsWith('.env') ? 'dotenv' : 'ts'}\n${ex.code}\n\`\`\``;

/** An example's code, after the lockfile beside it when it has one. */
const fence = (ex: RuleExample) =>
  ex.lockfile
    ? `With this \`agent-warden.lock.json\`:\n\n\`\`\`json\n${ex.lockfile.trimEnd()}\n\`\`\`\n\n\`${ex.file ?? 'example.ts'}\`:\n\n${codeFence(ex)}`
    : codeFence(ex);

/** A rule's documentation as Markdown: what, why, how to fix, incorrect and correct examples. */
export function ruleDocsMarkdown(ruleId: string): string {
  const rule = RULES_BY_ID.get(ruleId);
  if (!rule) return `# Unknown rule \`${ruleId}\`\n`;
  const m = rule.meta;
  const maps = Object.entries(m.mappings)
    .filter(([, v]) => v?.length)
    .map(([k, v]) => `${k}: ${v!.join(', ')}`)
    .join(' · ');
  return [
    `# ${m.id}`,
    '',
    `**Default severity:** ${m.graded ? 'by risk (see below)' : m.defaultSeverity}${m.fixable ? ' · quick-fix available' : ''}${maps ? ` · ${maps}` : ''}`,
    '',
    m.summary,
    '',
    '## Why it matters',
    '',
    m.why,
    '',
    '## When it fires',
    '',
    m.when,
    '',
    m.inTestCode
      ? 'It reports in test, eval and fixture code too (`testPaths` in the config).'
      : 'It leaves out test, eval, fixture and mock code (`testPaths` in the config).',
    '',
    '## How to fix',
    '',
    m.fix,
    '',
    '## Incorrect',
    '',
    ...m.incorrect.map(fence),
    '',
    '## Correct',
    '',
    ...m.correct.map(fence),
    '',
    `[Online documentation](${docsUrl(m.id)})`,
    '',
  ].join('\n');
}
