import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** What V8's collector is asked: a full collection, or only the young generation's (a scavenge). */
export type Collection = 'major' | 'minor';

type Collector = (options?: { type: 'minor' }) => void;

let collector: Collector | undefined;

/** Collects garbage now, on this thread: the whole heap, or only its young generation. */
export function collectGarbage(type: Collection): void {
  collector ??= garbageCollector();
  // Without options V8 collects the whole heap: Node 20's V8 takes `type: 'major'` for a scavenge.
  if (type === 'major') collector();
  else collector({ type: 'minor' });
}

/**
 * V8's collector: the global one when the process was started with `--expose-gc`; otherwise, as Jest's leak detector
 * does, exposed for a moment without a command-line flag. The flag is set back at once: V8's compiled code carries a
 * hash of the flags, and every code cache a process wrote with the flag left set was rejected by the next process
 * (code-cache.ts), which then compiled every bundle again.
 */
function garbageCollector(): Collector {
  const global = (globalThis as { gc?: Collector }).gc;
  if (typeof global === 'function') return global;
  setFlagsFromString('--expose-gc');
  try {
    return runInNewContext('gc') as Collector;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}

/** The bytes in use in the young generation (V8's new space) of this thread's heap. */
export function youngGenerationBytes(): number {
  for (const space of getHeapSpaceStatistics()) if (space.space_name === 'new_space') return space.space_used_size;
  return 0;
}
