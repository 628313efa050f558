import type { Severity } from '../analyzer/types';
import type { AnalysisResult } from '../analyzer/types';
import { docsUrl } from '../rules/rule';

const ICON: Record<Severity, string> = { error: '🔴', warning: '🟡', info: '🔵' };
const MAX_ROWS = 50;

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A summary for pull-request comments: counts per rule, then the findings (the first 50). */
export function formatMarkdown(result: AnalysisResult): string {
  const { findings, stats } = result;
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const out: string[] = ['## Agent Warden', ''];
  if (findings.length === 0) {
    out.push(`✅ No problems in ${stats.files} files (${stats.agents} agents, ${stats.tools} tools).`, '');
    return out.join('\n');
  }
  out.push(
    `${ICON.error} **${count('error')}** errors · ${ICON.warning} **${count('warning')}** warnings · ${ICON.info} **${count('info')}** info — ${stats.files} files, ${stats.agents} agents, ${stats.tools} tools`,
    '',
  );
  const byRule = new Map<string, { severity: Severity; n: number }>();
  for (const f of findings) byRule.set(f.ruleId, { severity: f.severity, n: (byRule.get(f.ruleId)?.n ?? 0) + 1 });
  out.push('| rule | findings |', '|---|---|');
  for (const [rule, { severity, n }] of [...byRule].sort((a, b) => b[1].n - a[1].n))
    out.push(`| ${ICON[severity]} [\`${rule}\`](${docsUrl(rule)}) | ${n} |`);
  out.push('', '<details><summary>Findings</summary>', '', '| | where | rule | message |', '|---|---|---|---|');
  for (const f of findings.slice(0, MAX_ROWS))
    out.push(
      `| ${ICON[f.severity]} | \`${cell(f.loc.file)}:${f.loc.start.line}\` | \`${f.ruleId}\` | ${cell(f.message)} |`,
    );
  if (findings.length > MAX_ROWS)
    out.push('', `…and ${findings.length - MAX_ROWS} more (run \`agent-warden scan\` for all of them).`);
  out.push('', '</details>', '');
  return out.join('\n');
}
