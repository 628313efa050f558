import { setImmediate as turn, setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { BudgetExceeded } from '../../server/src/analyzer/source-context';
import { extractFacts } from '../../server/src/analyzer/extract';
import { EditPriority, standAsideFor } from '../../server/src/lsp/edit-priority';
import { IndexWorkerExecutor } from '../../server/src/lsp/index-worker';
import type { FileResult } from '../../server/src/engine';
import { SERVER } from '../helpers/lsp-client';

/** While an edit is handled, the workspace index stands aside: in the server's thread and in its own. */

/** Whether a promise has settled, after `turns` turns of the event loop. */
async function settledAfter(p: Promise<unknown>, turns = 3): Promise<boolean> {
  let settled = false;
  void p.then(() => (settled = true));
  for (let i = 0; i < turns; i++) await turn();
  return settled;
}

describe('EditPriority: the index’s slices in the server’s thread', () => {
  it('pause only for a turn of the event loop while no edit is handled', async () => {
    expect(await settledAfter(new EditPriority().pause(), 2)).toBe(true);
  });

  it('wait while an edit is handled, and go on once its answer is written', async () => {
    const edits = new EditPriority(10_000);
    edits.started();
    const paused = edits.pause();
    expect(await settledAfter(paused, 5)).toBe(false);
    edits.served();
    expect(await settledAfter(paused, 1)).toBe(false); // the answer is written on a later turn
    await sleep(20);
    expect(await settledAfter(paused, 1)).toBe(true);
  });

  it('wait for an edit whose answer never comes at most its longest', async () => {
    const edits = new EditPriority(30);
    edits.started();
    const from = performance.now();
    await edits.pause();
    expect(performance.now() - from).toBeGreaterThanOrEqual(25);
    expect(edits.inFlight).toBe(false);
  });

  it('hold the index at most three quarters of any 200 ms, however fast edits come', () => {
    let now = 0;
    const edits = new EditPriority(10_000, () => now);
    for (; now < 150; now += 10) {
      edits.started();
      expect(edits.inFlight).toBe(true);
    }
    edits.started(); // held for 150 ms of the last 200: the index's turn
    expect(edits.inFlight).toBe(false);
    now += 15;
    edits.started(); // still 150 ms of the last 200
    expect(edits.inFlight).toBe(false);
    now += 50;
    edits.started(); // 135 ms of the last 200
    expect(edits.inFlight).toBe(true);
    edits.done();
  });
});

describe('standAsideFor: the index thread’s pause point', () => {
  it('does not block while no edit is handled, or once the edit is done', () => {
    const edits = new EditPriority(10_000);
    const standAside = standAsideFor(edits.shared);
    expect(standAside()).toBe(0);
    edits.started();
    edits.done();
    expect(standAside()).toBe(0);
  });

  it('blocks for an edit at most its longest, once per edit, and again for the next edit', () => {
    const edits = new EditPriority(30);
    const standAside = standAsideFor(edits.shared);
    edits.started();
    expect(standAside()).toBeGreaterThanOrEqual(29);
    expect(standAside()).toBe(0); // the same edit: its time is spent
    edits.started();
    expect(standAside()).toBeGreaterThanOrEqual(29);
    edits.done();
  });
});

describe('a pause within extraction', () => {
  // A file big enough for the walk to reach its pause points (every 1,024 nodes) several times.
  const text = Array.from({ length: 400 }, (_, i) => `export const v${i} = [${i}, '${i}', { k: ${i} }];\n`).join('');
  const block = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  extractFacts('src/big.ts', text); // the compiler loaded: what follows times extraction only

  it('is not counted against the file’s time budget', () => {
    let pauses = 0;
    const pause = () => (pauses++, block(100), 100);
    expect(() => extractFacts('src/big.ts', text, { timeBudgetMs: 250, pause })).not.toThrow();
    expect(pauses).toBeGreaterThanOrEqual(4); // 400 ms and more in all, past the budget
  });

  it('is counted for what the pause says it took, no more', () => {
    const pause = () => (block(100), 0);
    expect(() => extractFacts('src/big.ts', text, { timeBudgetMs: 250, pause })).toThrow(BudgetExceeded);
  });
});

describe('the index thread', () => {
  const edits = new EditPriority(10_000);
  const executor = new IndexWorkerExecutor(SERVER, edits);
  afterAll(() => executor.destroy());
  const job = { input: { file: 'src/a.ts', text: `export const a = 1;\n` }, depth: 'facts' as const };

  it('analyses nothing while an edit is handled, and goes on once it is', async () => {
    await executor.run([job], {}, () => {}); // the thread started and warm
    const got: FileResult[] = [];
    edits.started();
    const running = executor.run([job], {}, (_job, result) => got.push(result));
    await sleep(150);
    expect(got).toEqual([]);
    edits.done();
    await running;
    expect(got.map((r) => r.file)).toEqual(['src/a.ts']);
  });
});

describe('the index in the server’s thread, when no thread can start', () => {
  const edits = new EditPriority(10_000);
  const executor = new IndexWorkerExecutor(undefined, edits);
  const jobs = Array.from({ length: 6 }, (_, i) => ({
    input: { file: `src/f${i}.ts`, text: `export const f${i} = ${i};\n` },
    depth: 'facts' as const,
  }));

  it('pauses between its files while an edit is handled, until it is', async () => {
    const got: string[] = [];
    edits.started();
    const running = executor.run(jobs, {}, (_job, result) => got.push(result.file));
    for (let i = 0; i < 10; i++) await turn();
    expect(got).toEqual(['src/f0.ts', 'src/f1.ts', 'src/f2.ts', 'src/f3.ts', 'src/f4.ts']); // a few between pauses
    edits.done();
    await running;
    expect(got).toHaveLength(6);
  });
});
