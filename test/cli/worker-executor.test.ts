import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerExecutor } from '../../server/src/cli/worker-executor';
import { analyseFile, type FileResult } from '../../server/src/engine';
import { type FileJob, readOutcomeAt } from '../../server/src/pipeline/executor';
import { REPO, tempProject } from '../helpers/cli';

/**
 * How `--threads` shares a step's files between this thread and its workers: every thread claims the next file itself,
 * so a worker goes on while this thread is busy. Workers of our own (a module written here) show the protocol; the
 * built worker shows that what it answers is what this thread would have found.
 */

const TOOL = (k: number, padding: number) =>
  `import { tool } from 'ai';\nexport const t${k} = tool({ description: 'tool ${k}', inputSchema: {} as any, execute: async () => ${k} });\n` +
  Array.from({ length: padding }, (_, n) => `export const filler${n} = { id: ${n}, label: 'line ${n}' };`).join('\n');

/** `count` jobs of tool code, ~14 KB each: 40 of them are more than a worker is started for. */
const jobs = (count: number): FileJob[] =>
  Array.from({ length: count }, (_, k) => ({
    input: { file: `src/tool-${k}.ts`, text: TOOL(k, 300) },
    depth: 'facts',
  }));

/** A worker module of our own: `body` runs for each file the worker claims (`at`, `task`), in the worker. */
function workerModule(body: string, afterClaims = ''): string {
  const file = join(mkdtempSync(join(tmpdir(), 'agent-warden-worker-')), 'worker.js');
  writeFileSync(
    file,
    `module.exports = (task) => {
  const length = 'reads' in task ? task.reads.length : task.jobs.length;
  for (let at; (at = Atomics.add(task.claims, 0, 1)) < length; ) {
    ${body}
  }
  ${afterClaims}
  task.answers.postMessage(null);
};\n`,
  );
  return file;
}

let executor: WorkerExecutor | undefined;
afterEach(async () => {
  await executor?.destroy();
  executor = undefined;
});

describe('--threads: files claimed by each thread as it goes', () => {
  it('a worker takes every other file while this thread is held in one of its own', async () => {
    const drained = join(mkdtempSync(join(tmpdir(), 'agent-warden-drained-')), 'drained');
    const script = workerModule(
      `task.answers.postMessage([at, { result: { file: task.jobs[at].input.file, byWorker: true } }]);`,
      `require('node:fs').writeFileSync(${JSON.stringify(drained)}, '');`,
    );
    executor = new WorkerExecutor(2, script);
    const seen: { file: string; byWorker: boolean }[] = [];
    await executor.run(jobs(40), {}, (job, result) => {
      const byWorker = (result as FileResult & { byWorker?: boolean }).byWorker === true;
      seen.push({ file: job.input.file, byWorker });
      // This thread's first file (the largest) holds it until the worker has claimed every other one: the worker
      // never needs this thread to give it work.
      const deadline = Date.now() + 60_000;
      while (!byWorker && !existsSync(drained)) if (Date.now() > deadline) throw new Error('the worker waited');
    });
    expect(seen.filter((s) => !s.byWorker)).toHaveLength(1);
    expect(new Set(seen.map((s) => s.file)).size).toBe(40);
    expect(executor.inWorkers).toBe(39);
  });

  it('a worker that fails fails the step (it does not wait for an answer that never comes)', async () => {
    executor = new WorkerExecutor(2, workerModule(`throw new Error('worker broke at ' + task.jobs[at].input.file);`));
    await expect(executor.run(jobs(40), {}, () => undefined)).rejects.toThrow(/worker broke at src\/tool-/);
  });

  it('files read by a worker and by this thread, the largest first, each get their own outcome, in place', async () => {
    const files: Record<string, string> = {};
    for (let k = 0; k < 600; k++) files[`notes/${k}.md`] = `note ${k}\n${'- item\n'.repeat((k * 7) % 53)}`;
    const dir = tempProject(files);
    // The worker answers with the file it read and where that file came in the order of claims.
    executor = new WorkerExecutor(
      2,
      workerModule(
        `task.answers.postMessage([at, { hash: 'by worker', size: at, specifiers: [task.reads[at].file] }]);`,
      ),
    );
    const reads = Object.entries(files).map(([file, text]) => ({ file, path: join(dir, file), size: text.length }));
    await executor.read!(reads, {}); // the worker started, so that it claims from the first file on
    const outcomes = await executor.read!(reads, {});
    expect(outcomes).toHaveLength(600);
    const byWorker: { claimed: number; size: number }[] = [];
    outcomes.forEach((outcome, k) => {
      if (outcome?.hash !== 'by worker') return expect(outcome).toEqual(readOutcomeAt(reads[k]!, {}));
      expect(outcome.specifiers).toEqual([reads[k]!.file]);
      byWorker.push({ claimed: outcome.size, size: reads[k]!.size });
    });
    expect(byWorker.length).toBeGreaterThan(0);
    const sizes = byWorker.sort((a, b) => a.claimed - b.claimed).map((w) => w.size);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  });

  it('what the built worker answers is what this thread finds', async () => {
    const script = join(REPO, 'dist/analyze-worker.js');
    if (!existsSync(script)) throw new Error(`${script} is missing: run \`npm run build\` (npm test does)`);
    executor = new WorkerExecutor(2, script);
    const given = jobs(40);
    const results = new Map<string, FileResult>();
    await executor.run(given, {}, (job, result) => {
      expect(results.has(job.input.file)).toBe(false);
      results.set(job.input.file, result);
    });
    expect(results.size).toBe(40);
    for (const { input } of given)
      expect(results.get(input.file)!.facts).toEqual(analyseFile(input, {}, 'facts').facts);
  });
});
