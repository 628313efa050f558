import type { Finding, Severity } from '../analyzer/types';
import type { AnalysisResult } from '../analyzer/types';

export interface StylishOptions {
  color: boolean;
}

const CODES = { red: 31, yellow: 33, blue: 34, dim: 2, bold: 1, underline: 4 } as const;

/** ESLint-style output: findings grouped by file, a summary line. Colours only when asked. */
export function formatStylish(result: AnalysisResult, opts: StylishOptions): string {
  const c = (code: keyof typeof CODES, s: string) => (opts.color ? `\u001b[${CODES[code]}m${s}\u001b[0m` : s);
  const sev: Record<Severity, string> = {
    error: c('red', 'error'),
    warning: c('yellow', 'warning'),
    info: c('blue', 'info'),
  };
  const byFile = new Map<string, Finding[]>();
  for (const f of result.findings) byFile.set(f.loc.file, [...(byFile.get(f.loc.file) ?? []), f]);
  const lines: string[] = [];
  for (const [file, findings] of byFile) {
    lines.push('', c('underline', file));
    const pos = findings.map((f) => `${f.loc.start.line}:${f.loc.start.column}`);
    const width = Math.max(...pos.map((p) => p.length));
    findings.forEach((f, i) => {
      lines.push(
        `  ${c('dim', pos[i]!.padEnd(width))}  ${sev[f.severity].padEnd(opts.color ? 16 : 7)}  ${f.message}  ${c('dim', f.ruleId)}`,
      );
      for (const r of f.related)
        lines.push(
          `  ${' '.repeat(width)}    ${c('dim', `↳ ${r.message} (${r.loc.file}:${r.loc.start.line}:${r.loc.start.column})`)}`,
        );
    });
  }
  const count = (s: Severity) => result.findings.filter((f) => f.severity === s).length;
  const [e, w, i] = [count('error'), count('warning'), count('info')];
  const total = e + w + i;
  lines.push('');
  if (total === 0)
    lines.push(
      `No problems found in ${result.stats.files} files (${result.stats.agents} agents, ${result.stats.tools} tools).`,
    );
  else {
    const summary = `${total} problem${total === 1 ? '' : 's'} (${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'}, ${i} info) in ${result.stats.files} files: ${result.stats.agents} agents, ${result.stats.tools} tools.`;
    lines.push(c('bold', e ? c('red', `✖ ${summary}`) : c('yellow', `⚠ ${summary}`)));
  }
  if (result.stats.baselined)
    lines.push(
      c(
        'dim',
        `${result.stats.baselined} known finding${result.stats.baselined === 1 ? '' : 's'} hidden by the baseline.`,
      ),
    );
  if (result.stats.suppressed)
    lines.push(
      c(
        'dim',
        `${result.stats.suppressed} finding${result.stats.suppressed === 1 ? '' : 's'} suppressed by agent-warden-ignore comments.`,
      ),
    );
  return `${lines.join('\n')}\n`;
}
