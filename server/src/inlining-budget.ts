import { setFlagsFromString } from 'node:v8';

/**
 * How much bytecode V8's optimising compiler inlines into one function: a third of its default (920 bytes). The
 * extraction's large functions (`evaluateInner`, `symUncached`, `onCall`) are optimised again each time a node shape
 * they have not seen deoptimises them, 8 to 13 times each in a scan of the agent-dense corpus; with less
 * inlined into them, each compilation is smaller, and the time V8's compiler threads take from the second core with
 * it. The launchers set it before any bundle loads, the same in every process: V8 checks a cached compilation against
 * a hash of its flags (code-cache.ts), so that a cache written by one run serves the next.
 */
export const INLINING_BUDGET_FLAG = '--max-inlined-bytecode-size-cumulative=300';

export function limitInlining(): void {
  setFlagsFromString(INLINING_BUDGET_FLAG);
}
