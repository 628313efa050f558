/**
 * `npm run fuzz`: the full fuzz run — at least 10,000 inputs, deterministic seed (FUZZ_SEED), bounded in
 * count (FUZZ_INPUTS) and time (a per-file budget, and the inputs are finite). Prints a report and exits 1
 * on any crash or hang. The tests run a smaller set (test/fuzz/fuzz.test.ts).
 */
import { join } from 'node:path';
import { extremes, type FuzzInput, generatedAgentCode, mutations, prng, seedFiles } from './fuzz-inputs';
import { cliExtremes, fuzzAnalyzer, fuzzCli, minifiedBundle } from './fuzz-run';

const REPO = process.cwd();
const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
const TARGET = Number(process.env.FUZZ_INPUTS ?? 10_000);
const BUDGET_MS = 2_000;
const GRACE_MS = 1_000;

const rand = prng(SEED);
const inputs: FuzzInput[] = [...extremes()];
inputs.push({
  kind: 'minified-bundle',
  origin: '@modelcontextprotocol/server-github (esbuild --minify)',
  file: 'dist/server.min.js',
  text: minifiedBundle(REPO),
});
inputs.push(...generatedAgentCode(SEED, Math.round(TARGET * 0.25)));
for (const seed of seedFiles(REPO, 400)) {
  if (inputs.length >= TARGET) break;
  inputs.push(...mutations(seed, rand));
}
console.log(
  `fuzz: seed ${SEED}, ${inputs.length} inputs (${new Set(inputs.map((i) => i.kind)).size} kinds), per-file budget ${BUDGET_MS} ms`,
);

let last = 0;
const report = fuzzAnalyzer(inputs, {
  timeBudgetMs: BUDGET_MS,
  graceMs: GRACE_MS,
  onProgress: (done) => {
    if (done - last >= 1000) {
      last = done;
      process.stdout.write(`  ${done}/${inputs.length}\n`);
    }
  },
});
const cli = fuzzCli(join(REPO, 'dist/cli.js'), cliExtremes(REPO));

const kinds = new Map<string, number>();
for (const i of inputs) {
  const k = i.kind.replace(/^truncate-after-.*/, 'truncate-after-<token kind>');
  kinds.set(k, (kinds.get(k) ?? 0) + 1);
}
console.log('\n### inputs by kind\n');
console.log('| kind | inputs |\n|---|---|');
for (const [k, n] of [...kinds].sort((a, b) => b[1] - a[1])) console.log(`| ${k} | ${n} |`);
console.log('\n### analyzer (in-process)\n');
console.log(
  `| inputs | crashes | hangs | skipped by the time budget | other notices | slowest file | total | RSS before / peak / after GC | heap after GC, before → after |`,
);
console.log(`|---|---|---|---|---|---|---|---|---|`);
console.log(
  `| ${report.inputs} | ${report.crashes.length} | ${report.hangs.length} | ${report.skippedByBudget} | ${report.notices - report.skippedByBudget} | ${report.slowest.kind} (${report.slowest.origin}, ${(report.slowest.bytes / 1024).toFixed(0)} KB): ${report.slowest.ms.toFixed(0)} ms | ${(report.totalMs / 1000).toFixed(1)} s | ${report.rssBeforeMb} / ${report.peakRssMb} / ${report.rssAfterGcMb} MB | ${report.heapBeforeMb} → ${report.heapAfterGcMb} MB |`,
);
for (const c of report.crashes.slice(0, 20)) console.log(`CRASH ${c.kind} ${c.origin}: ${c.error}`);
for (const h of report.hangs.slice(0, 20)) console.log(`HANG ${h.kind} ${h.origin}: ${h.ms.toFixed(0)} ms`);
console.log(
  '\n### CLI on file-level extremes (50 MB source, binary, invalid UTF-8, minified bundle, 10,000-deep nesting, 2 MB line)\n',
);
console.log(`exit ${cli.exitCode} in ${(cli.ms / 1000).toFixed(1)} s; notices:`);
for (const n of cli.notices) console.log(`  ${n.file}: ${n.message}`);
if (cli.stderr.trim()) console.log(`stderr: ${cli.stderr.trim().slice(0, 500)}`);
const cliOk = cli.exitCode === 0 || cli.exitCode === 1;
console.log(`\n${report.crashes.length + (cliOk ? 0 : 1)} crashes, ${report.hangs.length} hangs`);
process.exit(report.crashes.length || report.hangs.length || !cliOk ? 1 : 0);
