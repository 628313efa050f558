import type { Timings } from '../timings';

/** `--timing`: stages in the order they ran, then the rules, slowest first (as ESLint's TIMING table). */
export function formatTimings(t: Timings): string {
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const rules = [...t.rules].sort(([, a], [, b]) => b - a);
  return [...table('Stage', [...t.stages], sum(t.stages)), '', ...table('Rule', rules, sum(t.rules)), ''].join('\n');
}

function table(title: string, rows: [string, number][], total: number): string[] {
  const width = Math.max(title.length, ...rows.map(([label]) => label.length));
  const pct = (ms: number) => (total > 0 ? `${((100 * ms) / total).toFixed(1)}%` : '—');
  return [
    `${title.padEnd(width)} | Time (ms) | Relative`,
    `${':'.padEnd(width, '-')}-|----------:|--------:`,
    ...rows.map(([label, ms]) => `${label.padEnd(width)} | ${ms.toFixed(1).padStart(9)} | ${pct(ms).padStart(8)}`),
  ];
}
