import { collectGarbage, type Collection, youngGenerationBytes } from '../garbage';

/** Below this much in the young generation a collection is left to V8: there is little to gain from it. */
const MIN_YOUNG_BYTES = 1024 * 1024;

/** How long after the work the collection waits: past the turn of the event loop that writes the answer. */
export const AFTER_ANSWER_MS = 3;

/**
 * Collects the young generation once the server has answered, rather than in the middle of the next request.
 *
 * An edit re-analyses its file and links the file's neighbourhood: some 8 MB made, of which the file's syntax tree,
 * facts and findings (about 1 MB) live until the next edit. V8 collects its young generation when it is full, which is
 * then most often in the middle of an edit, with that edit's half-built work alive to be copied: 3.5–8 ms each, every
 * second edit (agent-dense workspace). Collected once the answer is sent, it holds only what the last edit keeps
 * (1–2.5 ms to collect) and the next edit starts with it empty; what an edit keeps is garbage by the edit after, so it
 * is never moved to the old generation either.
 */
export class IdleCollection {
  private scheduled = false;

  constructor(
    private readonly collect: (type: Collection) => void = collectGarbage,
    private readonly youngBytes: () => number = youngGenerationBytes,
  ) {}

  /**
   * Work that made garbage is done: a young collection a moment later, once its answer is written (the connection
   * writes on a later turn of the event loop).
   */
  workDone(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      if (this.youngBytes() >= MIN_YOUNG_BYTES) this.collect('minor');
    }, AFTER_ANSWER_MS).unref();
  }
}
