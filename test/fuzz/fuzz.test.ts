import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseFile } from '../../server/src/engine';
import { CLI, REPO } from '../helpers/cli';
import { FAKE_KEYS } from '../helpers/fake-keys';
import { extremes, generatedAgentCode, mutations, prng, seedFiles } from './fuzz-inputs';
import { cliExtremes, fuzzAnalyzer, fuzzCli, minifiedBundle } from './fuzz-run';

/** A smaller run of `npm run fuzz` (same generators, fixed seed): nothing thrown, nothing over budget. */
describe('fuzzing (small run; `npm run fuzz` runs 10,000+ inputs)', { timeout: 300_000 }, () => {
  it('the analyzer never throws and never runs past its per-file budget', () => {
    const rand = prng(7);
    const inputs = [
      ...extremes(),
      { kind: 'minified-bundle', origin: 'server-github', file: 'dist/server.min.js', text: minifiedBundle(REPO) },
      ...generatedAgentCode(7, 150),
      ...seedFiles(REPO, 6).flatMap((s) => mutations(s, rand)),
    ];
    // A hang is unbounded; "over budget + 25 s" finds one without failing on a busy machine (the 1 MB keyword
    // soup spends 1.6 s in TypeScript's parser alone, which no budget can interrupt, and CI runs tests in parallel).
    const report = fuzzAnalyzer(inputs, { timeBudgetMs: 2_000, graceMs: 25_000, groupEvery: 25 });
    expect(report.inputs).toBeGreaterThan(400);
    expect(report.crashes).toEqual([]);
    expect(report.hangs).toEqual([]);
  });

  it('the CLI survives file-level extremes: 50 MB source, binary, invalid UTF-8, minified bundle, deep nesting', () => {
    const r = fuzzCli(CLI, cliExtremes(REPO));
    expect([0, 1]).toContain(r.exitCode);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(r.notices).toEqual(
      expect.arrayContaining([
        { file: 'src/huge-50mb.ts', message: expect.stringMatching(/^skipped: 49\.\d MB is over the 5 MB limit$/) },
        { file: 'src/image.png.ts', message: 'skipped: binary file' },
      ]),
    );
  });

  it('a file over its time budget is skipped with a notice, and its secrets are still found', () => {
    const key = FAKE_KEYS['anthropic-api-key']!();
    const text = `import { tool } from 'ai';\nexport const t = tool({ description: 'x', execute: async () => fetch('https://x', { headers: { k: '${key}' } }) });\n${'export const n = f(g(h(1)));\n'.repeat(3000)}`;
    const r = analyseFile({ file: join('src', 'slow.ts'), text }, { timeBudgetMs: 0 }, 'facts');
    expect(r.facts).toBeUndefined();
    expect(r.notice).toMatch(/^skipped after 0\.0 s, the per-file time budget; only secrets were checked$/);
    expect(r.secrets.map((s) => s.ruleId)).toEqual(['anthropic-api-key']);
    // Analysed as deeply as it can be: a pipeline linking agent code that reaches it does not try again.
    expect(r.depth).toBe('facts');
  });

  it('a file over its budget of evaluation steps is skipped with a notice, whatever the machine’s load', () => {
    const key = FAKE_KEYS['anthropic-api-key']!();
    const text = `import { tool } from 'ai';\nexport const t = tool({ description: 'x', execute: async () => fetch('https://x', { headers: { k: '${key}' } }) });\n${'export const n = f(g(h(1)));\n'.repeat(3000)}`;
    const file = join('src', 'many-calls.ts');
    const r = analyseFile({ file, text }, { evaluationBudget: 1_000 }, 'facts');
    expect(r.facts).toBeUndefined();
    expect(r.notice).toBe('skipped after 1,000 evaluation steps, the per-file budget; only secrets were checked');
    expect(r.secrets.map((s) => s.ruleId)).toEqual(['anthropic-api-key']);
    // The same file within the default budget, with no time budget to speak of: analysed, on any machine.
    const within = analyseFile({ file, text }, { timeBudgetMs: 1e9 }, 'facts');
    expect(within.notice).toBeUndefined();
    expect(within.facts?.tools).toHaveLength(1);
  });
});
