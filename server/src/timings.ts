import { performance } from 'node:perf_hooks';

/**
 * Where a run's time went, by stage and by rule, when asked for (`--timing`, as ESLint's `TIMING`): a run that does
 * not ask measures nothing.
 */
export class Timings {
  readonly stages = new Map<string, number>();
  readonly rules = new Map<string, number>();

  stage<T>(label: string, run: () => T): T {
    return measure(this.stages, label, run);
  }

  async stageAsync<T>(label: string, run: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await run();
    } finally {
      add(this.stages, label, performance.now() - started);
    }
  }

  rule<T>(id: string, run: () => T): T {
    return measure(this.rules, id, run);
  }
}

function measure<T>(into: Map<string, number>, label: string, run: () => T): T {
  const started = performance.now();
  try {
    return run();
  } finally {
    add(into, label, performance.now() - started);
  }
}

function add(into: Map<string, number>, label: string, ms: number): void {
  into.set(label, (into.get(label) ?? 0) + ms);
}

/** A stage's time, where no timings were asked for: just run it. */
export function timed<T>(timings: Timings | undefined, label: string, run: () => T): T {
  return timings ? timings.stage(label, run) : run();
}

export function timedAsync<T>(timings: Timings | undefined, label: string, run: () => Promise<T>): Promise<T> {
  return timings ? timings.stageAsync(label, run) : run();
}
