import { setFlagsFromString } from 'node:v8';

/**
 * How much work V8's optimising compiler is given, set by the launchers before any bundle loads, the same in every
 * process: V8 checks a cached compilation against a hash of its flags (code-cache.ts), so that a cache written by one
 * run serves the next. On two cores the compiler's threads take their time from the second core, which a scan's
 * worker thread, or the language server's index thread, needs.
 *
 * - A third of the default inlining budget (920 bytes): the extraction's large functions (`evaluateInner`,
 *   `symUncached`, `onCall`) are optimised again each time a node shape they have not seen deoptimises them, 8 to 13
 *   times each in a scan of the agent-dense corpus; with less inlined into them, each compilation is smaller. The
 *   compile jobs of one scan: 7.39 → 4.26 s.
 * - Four times the default interrupt budget (66 KB of bytecode run before a function is considered for optimisation):
 *   only functions that stay hot are compiled. Scanning the agent-dense corpus with `--threads 2`: 6.27, 6.39 →
 *   5.75, 6.00 s (CPU 10.8, 10.9 → 10.0, 9.6 s); one thread: the same time, CPU 8.9 → 8.2 s; editing while the
 *   language server indexes it: round trip p95 23.7, 25.1 → 19.9, 23.3 ms (two alternated pairs).
 */
export const JIT_BUDGET_FLAGS = ['--max-inlined-bytecode-size-cumulative=300', '--interrupt-budget=270336'];

export function limitJit(): void {
  for (const flag of JIT_BUDGET_FLAGS) setFlagsFromString(flag);
}
