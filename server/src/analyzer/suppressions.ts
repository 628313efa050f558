import type { LocationAt } from './annotations';
import type { Suppression } from './types';

/**
 * `agent-warden-ignore-next-line <rules> [until=YYYY-MM-DD] -- <reason>`
 * `agent-warden-ignore-line …` (same line) and `agent-warden-ignore-file …` (whole file).
 * Read from text: `//` and `/* *\/` in source and JSONC, `#` in .env and YAML, `<!-- -->` in Markdown
 * prompts. The directive must open the comment (as ESLint's do), so prose that mentions it is not one.
 */
/** Comment openers per kind of file: a directive must open a comment of the file's own syntax. */
const COMMENT_OPENERS: [RegExp, string][] = [
  [/\.(md|mdx|markdown|html?)$/i, '<!--'],
  [/(^|\/)\.env[^/]*$|\.(ya?ml|toml|ini|properties|sh)$/i, '#'],
];
const SOURCE_OPENERS = '\\/\\/|\\/\\*+';

function directiveRe(file: string): RegExp {
  const hit = COMMENT_OPENERS.find(([re]) => re.test(file));
  const opener = hit ? hit[1].replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&') : SOURCE_OPENERS;
  return new RegExp(`(?:${opener})[ \\t]*agent-warden-ignore-(next-line|line|file)\\b([^\\r\\n\\u2028\\u2029]*)`, 'g');
}
// A rule id, or a workspace policy's `policy/<id>`.
const RULE_ID_RE = /^[a-z][a-z0-9-]*(\/[a-z][a-z0-9-]*)?$/;

/** `inString(offset)` tells a directive inside a string literal (source files) from a real comment. */
export function parseSuppressions(
  file: string,
  text: string,
  locAt: LocationAt,
  inString?: (offset: number) => boolean,
): Suppression[] {
  if (!text.includes('agent-warden-ignore-')) return [];
  const out: Suppression[] = [];
  const re = directiveRe(file);
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const kind = m[1] as Suppression['kind'];
    let rest = m[2]!.replace(/(\*\/|-->).*$/, '').trim();
    const problems: string[] = [];
    let reason: string | undefined;
    const sep = rest.indexOf('--');
    if (sep >= 0) {
      reason = rest.slice(sep + 2).trim() || undefined;
      rest = rest.slice(0, sep).trim();
    }
    let until: string | undefined;
    const rules: string[] = [];
    for (const word of rest.split(/[\s,]+/).filter(Boolean)) {
      const u = /^until=(.*)$/.exec(word);
      if (u) {
        if (/^\d{4}-\d{2}-\d{2}$/.test(u[1]!) && !Number.isNaN(Date.parse(u[1]!))) until = u[1];
        else problems.push(`\`until=\` takes a date as YYYY-MM-DD, not \`${u[1]}\`.`);
      } else if (RULE_ID_RE.test(word)) rules.push(word);
      else problems.push(`\`${word}\` is not a rule id.`);
    }
    if (!reason) problems.push('a suppression needs a reason after `--`, e.g. `-- reviewed: test fixture`.');
    const loc = locAt(m.index, m.index + m[0].trimEnd().length);
    if (inString?.(m.index)) continue;
    out.push({
      kind,
      rules,
      reason,
      until,
      targetLine: kind === 'next-line' ? loc.start.line + 1 : loc.start.line,
      loc,
      problems,
    });
  }
  return out;
}
