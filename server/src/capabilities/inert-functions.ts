import { within } from '../analyzer/locations';
import type { FileFacts, FunctionFacts, Sym } from '../analyzer/types';

/**
 * Drops from a file's facts what no later step can use: calls to functions of the file that reach nothing (no
 * catalog hit, gate, audit, confirmation, product call or definition made, and no call to anything that has one or
 * lies outside the file), and the records of such functions when nothing else names them.
 *
 * Most functions of a bundle or a helper module are of that kind (string formatting, schema plumbing), and their
 * calls were more than half of the facts kept for linking. What the resolver follows from a call (capabilities, gates,
 * audits, the agents and tools a call passes on) is all in a function that is kept:
 * - a function is reached from another file only through a value that names it (an export, a tool's handler, a
 *   product), and any name of a function outside the plain callee of a call keeps it;
 * - an agent, tool or parameter passed on is only read where the called function registers something, which names it;
 * - a method is also found by its name inside its tool or agent class, so every function inside a definition stays.
 */
export function dropInertFunctions(facts: FileFacts): void {
  const ownIds = `${facts.file}#`;
  const kept = namedOutsideCalls(facts, ownIds);
  const callers = new Map<string, string[]>();
  const givenObjects = functionsGivenObjects(facts.functions, ownIds);
  for (const fn of facts.functions) {
    if (reachesBeyondCalls(fn, givenObjects) || insideDefinition(fn, facts)) kept.add(fn.id);
    for (const call of fn.calls) {
      if (call.callee.k !== 'fn' || !call.callee.id.startsWith(ownIds)) {
        kept.add(fn.id);
        if (call.callee.k === 'fn') kept.add(call.callee.id);
      } else (callers.get(call.callee.id) ?? callers.set(call.callee.id, []).get(call.callee.id)!).push(fn.id);
    }
  }
  // What calls a kept function is kept: its call leads somewhere.
  const pending = [...kept];
  for (let id = pending.pop(); id !== undefined; id = pending.pop())
    for (const caller of callers.get(id) ?? []) if (!kept.has(caller)) pending.push((kept.add(caller), caller));
  const functions: FunctionFacts[] = [];
  for (const fn of facts.functions) {
    if (!kept.has(fn.id)) continue;
    if (fn.calls.some((c) => c.callee.k === 'fn' && !kept.has(c.callee.id)))
      fn.calls = fn.calls.filter((c) => c.callee.k !== 'fn' || kept.has(c.callee.id));
    functions.push(fn);
  }
  facts.functions = functions;
}

/**
 * A call on a parameter (`client.send(…)`) shows a capability only where a caller passes a package's object: for a
 * function of the file that no value names, only if one of its calls passes an object or a parameter (which may be
 * one), or runs it inline with the caller's own arguments.
 */
function reachesBeyondCalls(fn: FunctionFacts, givenObjects: ReadonlySet<string>): boolean {
  return !!(
    fn.hits.length ||
    fn.productCalls?.some((c) => c.of.t !== 'param' || givenObjects.has(fn.id)) ||
    fn.gates?.length ||
    fn.audits?.length ||
    fn.confirmations?.length ||
    fn.makes ||
    fn.readOnlyTransaction
  );
}

function functionsGivenObjects(functions: readonly FunctionFacts[], ownIds: string): Set<string> {
  const given = new Set<string>();
  for (const fn of functions)
    for (const call of fn.calls)
      if (call.callee.k === 'fn' && call.callee.id.startsWith(ownIds) && (call.inherit || call.args.some(mayBeObject)))
        given.add(call.callee.id);
  return given;
}

function mayBeObject(s: Sym): boolean {
  if (s.t === 'object' || s.t === 'param') return true;
  if (s.t === 'arr') return s.items.some(mayBeObject);
  if (s.t === 'alt') return s.options.some(mayBeObject);
  return s.t === 'obj' && Object.values(s.props).some(mayBeObject);
}

function insideDefinition(fn: FunctionFacts, facts: FileFacts): boolean {
  return facts.tools.some((t) => within(fn.loc, t.loc)) || facts.agents.some((a) => within(fn.loc, a.loc));
}

/** The ids of this file's functions named anywhere in its facts but as the callee of a plain call. */
function namedOutsideCalls(facts: FileFacts, ownIds: string): Set<string> {
  const named = new Set<string>();
  const pending: unknown[] = [];
  for (const key of Object.keys(facts) as (keyof FileFacts)[]) if (key !== 'functions') pending.push(facts[key]);
  for (const fn of facts.functions) {
    pending.push(fn.hits, fn.productCalls, fn.makes);
    for (const call of fn.calls) pending.push(call.args, call.callee.k === 'fn' ? undefined : call.callee);
  }
  for (let value = pending.pop(); pending.length || value !== undefined; value = pending.pop()) {
    if (typeof value === 'string') {
      if (value.startsWith(ownIds)) named.add(value);
    } else if (Array.isArray(value)) {
      for (const item of value) pending.push(item);
    } else if (value && typeof value === 'object') {
      for (const key in value) pending.push((value as Record<string, unknown>)[key]);
    }
  }
  return named;
}
