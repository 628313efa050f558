import { constants, PerformanceObserver } from 'node:perf_hooks';
import { runInNewContext } from 'node:vm';
import { setImmediate as turn, setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { collectGarbage, youngGenerationBytes } from '../../server/src/garbage';
import { IdleCollection } from '../../server/src/lsp/idle-collection';

/** The server collects its young generation between requests, rather than in the middle of the next one. */

const MB = 1024 * 1024;

describe('IdleCollection', () => {
  it('collects the young generation once after work, on a later turn than the one that writes the answer', async () => {
    const collect = vi.fn();
    const idle = new IdleCollection(collect, () => 8 * MB);
    idle.workDone();
    idle.workDone();
    expect(collect).not.toHaveBeenCalled();
    await turn(); // the turn on which the connection writes the answer
    expect(collect).not.toHaveBeenCalled();
    await sleep(30);
    expect(collect.mock.calls).toEqual([['minor']]);
    idle.workDone();
    await sleep(30);
    expect(collect.mock.calls).toEqual([['minor'], ['minor']]);
  });

  it.each([
    { young: 0, collected: 0 },
    { young: MB - 1, collected: 0 },
    { young: MB, collected: 1 },
    { young: 16 * MB, collected: 1 },
  ])('with $young bytes in the young generation, collects $collected time(s)', async ({ young, collected }) => {
    const collect = vi.fn();
    new IdleCollection(collect, () => young).workDone();
    await sleep(30);
    expect(collect).toHaveBeenCalledTimes(collected);
  });

  it.each([
    { type: 'minor' as const, kind: constants.NODE_PERFORMANCE_GC_MINOR },
    { type: 'major' as const, kind: constants.NODE_PERFORMANCE_GC_MAJOR },
  ])('a $type collection is one', async ({ type, kind }) => {
    const kinds: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) kinds.push((entry as unknown as { detail: { kind: number } }).detail.kind);
    });
    await sleep(20); // entries of collections before are delivered
    observer.observe({ entryTypes: ['gc'] });
    collectGarbage(type);
    await sleep(20);
    observer.disconnect();
    // The first: V8 may go on to collect on its own (after a scavenge, it sometimes marks the old generation).
    expect(kinds[0]).toBe(kind);
  });

  it("collects with V8's own collector, and leaves no `gc` exposed to code that runs later", async () => {
    const kinds: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) kinds.push((entry as unknown as { detail: { kind: number } }).detail.kind);
    });
    observer.observe({ entryTypes: ['gc'] });
    const kept: object[] = [];
    for (let i = 0; i < 50_000; i++) kept.push({ i });
    const before = youngGenerationBytes();
    collectGarbage('minor');
    const after = youngGenerationBytes();
    await sleep(20); // entries are delivered on a later turn
    observer.disconnect();
    expect(kinds).toContain(constants.NODE_PERFORMANCE_GC_MINOR);
    expect(before).toBeGreaterThan(0);
    expect(after).toBeLessThan(before);
    expect(kept).toHaveLength(50_000);
    expect(runInNewContext('typeof gc')).toBe('undefined');
  });
});
