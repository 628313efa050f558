import { pause as nextTurn } from '../pipeline/executor';
import { AFTER_ANSWER_MS } from './idle-collection';

/**
 * While the editor's edit is handled, the workspace index stands aside: its slices in the server's thread wait, and
 * its own thread pauses at its next pause point. On two cores, the index thread running beside an edit made the edit's
 * re-analysis slower (the agent-dense workspace, instrumented, 1.5–3 s after the start: a median of about 6 ms against
 * about 5 ms with the index thread idle), and a slice of the index queued before an edit's messages ran first, once
 * before the change and again before the diagnostics pull (the connection handles one message per turn of the event
 * loop): 6 ms of waiting on average in the slowest 16 of 200 edits. Edits while indexing, p95: 22.7 → 19.4 ms (means
 * of eight alternated runs).
 *
 * The index waits for an edit at most `MAX_EDIT_MS`, however its handling ends (a pull cancelled, diagnostics never
 * asked for), and is held at most three quarters of any `HOLD_WINDOW_MS` (edits that never pause: a macro, a tool
 * editing the file): it is slowed while someone types, never stopped.
 */

/** Slots of the shared array: whether an edit is being handled, how many edits have been, the longest wait (ms). */
const IN_FLIGHT = 0;
const SEQUENCE = 1;
const MAX_MS = 2;

/** Longest the index waits for one edit: above the slowest edits measured while indexing (34–66 ms, `bench:lsp`). */
const MAX_EDIT_MS = 60;
/** The index is held at most `MAX_HELD_SHARE` of the last `HOLD_WINDOW_MS`. */
const HOLD_WINDOW_MS = 200;
const MAX_HELD_SHARE = 0.75;

/** The server's side: edits start and end here; the index's slices in this thread pause through `pause`. */
export class EditPriority {
  /** Shared with the index thread (`standAsideFor`). */
  readonly shared = new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
  private waiting: (() => void)[] = [];
  private release?: NodeJS.Timeout;
  /** Since when the index is held, and the holds ended within the last window ([start, end]). */
  private heldSince?: number;
  private holds: [number, number][] = [];

  constructor(
    maxMs = MAX_EDIT_MS,
    private readonly now = () => performance.now(),
  ) {
    this.shared[MAX_MS] = maxMs;
  }

  get inFlight(): boolean {
    return Atomics.load(this.shared, IN_FLIGHT) === 1;
  }

  /** An edit arrived: the index is held for it, unless it has been held for its share of the time already. */
  started(): void {
    Atomics.add(this.shared, SEQUENCE, 1);
    const now = this.now();
    if (this.heldWithin(now) >= HOLD_WINDOW_MS * MAX_HELD_SHARE) return this.done();
    this.heldSince ??= now;
    Atomics.store(this.shared, IN_FLIGHT, 1);
    this.releaseIn(this.shared[MAX_MS]!);
  }

  /** The edit's diagnostics are served: the index goes on once the answer is written (`AFTER_ANSWER_MS`). */
  served(): void {
    if (this.inFlight) this.releaseIn(AFTER_ANSWER_MS);
  }

  /** The index goes on now. */
  done(): void {
    clearTimeout(this.release);
    this.release = undefined;
    if (this.heldSince !== undefined) this.holds.push([this.heldSince, this.now()]);
    this.heldSince = undefined;
    Atomics.store(this.shared, IN_FLIGHT, 0);
    Atomics.notify(this.shared, IN_FLIGHT);
    const waiting = this.waiting;
    this.waiting = [];
    for (const resume of waiting) resume();
  }

  /** A pause of the index in this thread: to the next turn of the event loop, and until no edit is being handled. */
  async pause(): Promise<void> {
    await nextTurn();
    while (this.inFlight) await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** How long the index has been held within the window that ends `now`. */
  private heldWithin(now: number): number {
    const from = now - HOLD_WINDOW_MS;
    this.holds = this.holds.filter(([, end]) => end > from);
    let held = this.heldSince === undefined ? 0 : now - Math.max(this.heldSince, from);
    for (const [start, end] of this.holds) held += end - Math.max(start, from);
    return held;
  }

  private releaseIn(ms: number): void {
    clearTimeout(this.release);
    this.release = setTimeout(() => this.done(), ms);
    this.release.unref();
  }
}

/**
 * The index thread's side: a pause point, which blocks while an edit is being handled, at most the server's longest
 * wait per edit (`EditPriority`), and returns how long it blocked (ms).
 */
export function standAsideFor(shared: Int32Array): () => number {
  const maxMs = shared[MAX_MS]!;
  let edit = -1;
  let waited = 0;
  return () => {
    if (Atomics.load(shared, IN_FLIGHT) === 0) return 0;
    const current = Atomics.load(shared, SEQUENCE);
    if (current !== edit) {
      edit = current;
      waited = 0;
    }
    if (waited >= maxMs) return 0;
    const started = performance.now();
    Atomics.wait(shared, IN_FLIGHT, 1, maxMs - waited);
    const ms = performance.now() - started;
    waited += ms;
    return ms;
  };
}
