import type { Finding, Severity } from '../analyzer/types';
import type { AnalysisResult, RiskTier } from '../analyzer/types';
import { RULES_BY_ID } from '../rules';

export interface StylishOptions {
  color: boolean;
}

const CODES = { red: 31, yellow: 33, blue: 34, dim: 2, bold: 1, underline: 4 } as const;
const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const TIERS: RiskTier[] = ['critical', 'high', 'medium', 'low'];

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
  // The files with errors first, then those with warnings: what needs attention leads; each file in reading order.
  const worst = (fs: Finding[]) => Math.min(...fs.map((f) => SEVERITY_ORDER[f.severity]));
  const files = [...byFile].sort(([a, fa], [b, fb]) => worst(fa) - worst(fb) || (a < b ? -1 : a > b ? 1 : 0));
  for (const [file, findings] of files) {
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
      `No problems found in ${n(result.stats.files, 'file')} (${n(result.stats.agents, 'agent')}, ${n(result.stats.tools, 'tool')}).`,
    );
  else {
    const summary = `${total} problem${total === 1 ? '' : 's'} (${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'}, ${i} info) in ${n(result.stats.files, 'file')}: ${n(result.stats.agents, 'agent')}, ${n(result.stats.tools, 'tool')}.`;
    lines.push(c('bold', e ? c('red', `✖ ${summary}`) : c('yellow', `⚠ ${summary}`)));
    lines.push(...overview(result).map((l) => `  ${l}`));
  }
  const blind = result.notices.filter((x) => x.kind === 'blind-spot').map((x) => x.file);
  if (blind.length)
    lines.push(
      c(
        'yellow',
        `No agent or tool found in ${blind.length === 1 ? blind[0] : n(blind.length, 'package')}, which depend${blind.length === 1 ? 's' : ''} on an agent framework: the analyzer may not follow how it registers them.`,
      ),
    );
  if (result.stats.testFiles)
    lines.push(
      c(
        'dim',
        `${result.stats.testFiles} test file${result.stats.testFiles === 1 ? '' : 's'} left out of the governance rules (\`testPaths\` in the config).`,
      ),
    );
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

/**
 * Below the count: the tools by risk, the findings by rule (most first), and a hint for the commonest: what a
 * reader needs to decide where to start.
 */
function overview(result: AnalysisResult): string[] {
  const tiers = TIERS.map((t) => [t, result.graph.tools.filter((x) => x.risk === t).length] as const).filter(
    ([, n]) => n > 0,
  );
  const byRule = new Map<string, { n: number; errors: number }>();
  for (const f of result.findings) {
    const r = byRule.get(f.ruleId) ?? byRule.set(f.ruleId, { n: 0, errors: 0 }).get(f.ruleId)!;
    r.n++;
    if (f.severity === 'error') r.errors++;
  }
  // Most findings first; of as many, the one with more errors.
  const rules = [...byRule]
    .sort(([a, x], [b, y]) => y.n - x.n || y.errors - x.errors || (a < b ? -1 : 1))
    .map(([rule, { n }]) => [rule, n] as const);
  const out: string[] = [];
  if (tiers.length) out.push(`Tools by risk: ${tiers.map(([t, n]) => `${n} ${t}`).join(', ')}.`);
  out.push(`By rule: ${rules.map(([r, n]) => `${r} ${n}`).join(', ')}.`);
  const [top] = rules[0]!;
  const fix = RULES_BY_ID.get(top)?.meta.fix;
  if (fix) out.push(`Hint (${top}): ${firstSentence(fix)}`);
  return out;
}

/** Up to the first full stop that ends a sentence (not the one of `e.g.`). */
function firstSentence(text: string): string {
  const end = text.search(/(?<!\b(?:e\.g|i\.e))\.(?=\s+[A-Z`(]|$)/);
  return end < 0 ? text : text.slice(0, end + 1);
}
