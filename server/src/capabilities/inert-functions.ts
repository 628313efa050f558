import type { FileFacts, FunctionFacts, Position, Sym } from '../analyzer/types';

/**
 * Drops from a file's facts what no later step can use: the functions of the file that reach nothing (no catalog hit,
 * gate, audit, confirmation, definition made or call on a package's object, and no call but to such functions) and
 * that no value names, and the calls to them. Every function value extraction makes is one of the file's own, so a
 * call to anything else (an import, a tool, an agent, a member) leads somewhere.
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
  const givenObjects = functionsGivenObjects(facts.functions);
  for (const id of insideDefinitions(facts)) kept.add(id);
  for (const fn of facts.functions) {
    if (reachesBeyondCalls(fn, givenObjects)) kept.add(fn.id);
    for (const call of fn.calls) {
      if (call.callee.k !== 'fn') kept.add(fn.id);
      else (callers.get(call.callee.id) ?? callers.set(call.callee.id, []).get(call.callee.id)!).push(fn.id);
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

function functionsGivenObjects(functions: readonly FunctionFacts[]): Set<string> {
  const given = new Set<string>();
  for (const fn of functions)
    for (const call of fn.calls)
      if (call.callee.k === 'fn' && (call.inherit || call.args.some(mayBeObject))) given.add(call.callee.id);
  return given;
}

function mayBeObject(s: Sym): boolean {
  if (s.t === 'object' || s.t === 'param') return true;
  if (s.t === 'arr') return s.items.some(mayBeObject);
  if (s.t === 'alt') return s.options.some(mayBeObject);
  return s.t === 'obj' && Object.values(s.props).some(mayBeObject);
}

/** The functions inside a tool's or an agent's definition: those whose span some definition's span holds. */
function insideDefinitions(facts: FileFacts): Set<string> {
  const inside = new Set<string>();
  const spans = [...facts.tools, ...facts.agents]
    .map((d) => [offset(d.loc.start), offset(d.loc.end)] as const)
    .sort((a, b) => a[0] - b[0]);
  if (!spans.length) return inside;
  // In order of where they start: the definitions started by then hold a function if the furthest of their ends does.
  const functions = facts.functions
    .map((fn) => ({ fn, start: offset(fn.loc.start) }))
    .sort((a, b) => a.start - b.start);
  let next = 0;
  let furthest = -1;
  for (const { fn, start } of functions) {
    for (; next < spans.length && spans[next]![0] <= start; next++) furthest = Math.max(furthest, spans[next]![1]);
    if (furthest >= offset(fn.loc.end)) inside.add(fn.id);
  }
  return inside;
}

/** A position as one number that orders positions as they come in the file. */
const offset = (p: Position) => p.line * 2 ** 32 + p.column;

/** Where the facts hold a location, which names no function: not walked. */
const LOCATION_KEYS = new Set(['loc', 'nameLoc', 'holderLoc', 'holder', 'evidence']);

/** The ids of this file's functions named anywhere in its facts but as the callee of a plain call. */
function namedOutsideCalls(facts: FileFacts, ownIds: string): Set<string> {
  const named = new Set<string>();
  const pending: object[] = [];
  const see = (value: unknown) => {
    if (typeof value === 'string') {
      if (value.startsWith(ownIds)) named.add(value);
    } else if (value !== null && typeof value === 'object') pending.push(value);
  };
  for (const key of Object.keys(facts) as (keyof FileFacts)[]) if (key !== 'functions') see(facts[key]);
  for (const fn of facts.functions) {
    see(fn.hits);
    see(fn.productCalls);
    see(fn.makes);
    for (const call of fn.calls) {
      see(call.args);
      if (call.callee.k !== 'fn') see(call.callee);
    }
  }
  for (let value = pending.pop(); value !== undefined; value = pending.pop()) {
    if (Array.isArray(value)) for (const item of value) see(item);
    else for (const key in value) if (!LOCATION_KEYS.has(key)) see((value as Record<string, unknown>)[key]);
  }
  return named;
}
