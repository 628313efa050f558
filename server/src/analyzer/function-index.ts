import type { Resolver } from './resolve';
import type { FileFacts, FunctionFacts, Location, Val } from './types';

/** How many calls deep a search for an approval prompt or an audit record follows a function. */
const MAX_SEARCH_DEPTH = 4;

/** Every function the facts describe, by id, and what can be found by following their calls. */
export class FunctionIndex {
  private readonly fns = new Map<string, { fn: FunctionFacts; file: string }>();

  constructor(
    private readonly r: Resolver,
    facts: readonly FileFacts[],
  ) {
    for (const f of facts) for (const fn of f.functions) this.fns.set(fn.id, { fn, file: f.file });
  }

  get(id: string): { fn: FunctionFacts; file: string } | undefined {
    return this.fns.get(id);
  }

  /** The function id a value resolves to, if it is a function. */
  idOf(callee: Val, file: string): string | undefined {
    const v = this.r.resolve(this.r.canonicalise(callee, file));
    return v.k === 'fn' ? v.id : undefined;
  }

  /** Where a function (or what it calls, a few levels down) asks a human for approval, if it does. */
  gateIn(callee: Val, file: string): Location | undefined {
    return this.findIn(callee, file, (fn) => fn.gates?.[0]);
  }

  /** An argument a function (or what it calls) checks before acting (`if (!confirm) return …`), if any. */
  confirmationIn(callee: Val, file: string): { loc: Location; arg: string } | undefined {
    let found: { loc: Location; arg: string } | undefined;
    this.findIn(callee, file, (fn) => (found = fn.confirmations?.[0])?.loc);
    return found;
  }

  /** Where a function (or what it calls, a few levels down) writes an audit record, if it does. */
  auditIn(callee: Val, file: string): Location | undefined {
    return this.findIn(callee, file, (fn) => fn.audits?.[0]);
  }

  private findIn(
    callee: Val,
    file: string,
    pick: (fn: FunctionFacts) => Location | undefined,
    depth = 0,
    seen = new Set<string>(),
  ): Location | undefined {
    if (depth > MAX_SEARCH_DEPTH) return undefined;
    const v = this.r.resolve(this.r.canonicalise(callee, file));
    if (v.k !== 'fn' || seen.has(v.id)) return undefined;
    seen.add(v.id);
    const entry = this.fns.get(v.id);
    if (!entry) return undefined;
    const here = pick(entry.fn);
    if (here) return here;
    for (const c of entry.fn.calls) {
      const hit = this.findIn(c.callee, entry.file, pick, depth + 1, seen);
      if (hit) return hit;
    }
    return undefined;
  }
}
