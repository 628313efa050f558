import { type Resolver } from './resolve';
import type { Annotations, Location, ObjProp, OwnerParam, Val } from './types';

/** One entry of a tool collection after resolution. */
export type ToolEntry =
  | { kind: 'def'; id: string; key?: string }
  /** A plain descriptor object: MCP `ListTools` entries, raw OpenAI/Anthropic tool objects, AI SDK v4 plain tools. */
  | { kind: 'descriptor'; obj: Extract<Val, { k: 'obj' }>; key?: string; keyLoc?: Location; keyAnn?: Annotations }
  /** `tools: { search: makeSearchTool() }`: the name is known, the definition is not. */
  | { kind: 'opaque'; key: string; loc: Location; ann?: Annotations }
  /** `tools: ['lookup']`: a tool named by the name it was registered under (Genkit's registry). */
  | { kind: 'ref'; name: string }
  | { kind: 'dynamic'; why: string; loc: Location };

/** The properties that hold a tool's code, in the order frameworks prefer them (`execute`, `handler`…). */
export const IMPLEMENTATION_PROPS = ['execute', 'handler', 'run', 'func', 'invoke'] as const;

/** Why a tool registered in a loop is dynamic until its name is known for each element (the linker decides). */
/** How much of a tool's description is kept: enough to read what it claims to do. */
export const MAX_DESCRIPTION = 300;

export const LOOP_REASON = 'registered inside a loop or callback';

/** Nested lists and spreads deeper than this are not followed (a guard against self-referencing values). */
const MAX_DEPTH = 20;

/**
 * The tools a `tools` value lists, resolved through variables, imports, spreads and filters. `asMap`: the
 * value is a name → tool map (AI SDK, Mastra), whose keys name the tools; otherwise a list.
 */
export function toolEntries(
  r: Resolver,
  val: Val,
  from: string,
  asMap: boolean,
  at: Location,
  passed: (p: OwnerParam) => Val[] = () => [],
): ToolEntry[] {
  // A value that says nothing of where it is (an instance of an unknown class, a call's result) is reported where
  // it is registered.
  const where = (v: Val) => ('loc' in v && v.loc ? v.loc : at);
  const out: ToolEntry[] = [];
  const seen = new Set<Val>();
  const visit = (v: Val, mapMode: boolean, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    const x = r.resolve(r.canonicalise(v, from));
    if (seen.has(x)) return;
    seen.add(x);
    // A parameter (`getWorkflow(queryTool, interpreterTool)`): what its callers pass, where linking finds them.
    const callers = (x.k === 'dynamic' || x.k === 'instance') && x.param ? passed(x.param) : [];
    if (callers.length) {
      for (const c of callers) visit(c, mapMode, depth + 1);
      return;
    }
    switch (x.k) {
      case 'tool':
        out.push({ kind: 'def', id: x.id });
        break;
      case 'arr':
        for (const item of x.items) visit(item, false, depth + 1);
        break;
      case 'obj':
        if (mapMode) for (const p of x.props) visitProp(p, depth);
        else out.push({ kind: 'descriptor', obj: x });
        break;
      case 'subset':
        visit(x.of, mapMode, depth + 1);
        break;
      case 'alt':
        for (const o of x.options) visit(o, mapMode, depth + 1);
        break;
      case 'str':
        out.push({ kind: 'ref', name: x.v });
        break;
      case 'agent':
      case 'handoff':
        break;
      case 'import':
        out.push({ kind: 'dynamic', why: `tools come from the package \`${x.module}\``, loc: where(v) });
        break;
      case 'instance':
        out.push({ kind: 'dynamic', why: `a tool object of the package \`${x.module}\``, loc: where(v) });
        break;
      case 'dynamic':
        out.push({ kind: 'dynamic', why: x.why, loc: x.loc });
        break;
      default:
        out.push({ kind: 'dynamic', why: 'tools computed at run time', loc: where(v) });
    }
  };
  const visitProp = (p: ObjProp, depth: number): void => {
    if (p.key === null) return visit(p.val, true, depth + 1);
    if (p.computed) {
      out.push({ kind: 'dynamic', why: 'tool registered under a computed key', loc: p.loc });
      return;
    }
    const x = r.resolve(r.canonicalise(p.val, from));
    if (x.k === 'tool') out.push({ kind: 'def', id: x.id, key: p.key });
    else if (x.k === 'obj') out.push({ kind: 'descriptor', obj: x, key: p.key, keyLoc: p.loc, keyAnn: p.ann });
    else out.push({ kind: 'opaque', key: p.key, loc: p.loc, ann: p.ann });
  };
  visit(val, asMap, 0);
  return out;
}

/** A `tools` value written as an object is a name → tool map (AI SDK, Mastra); as an array, a list. */
export function isToolMap(r: Resolver, v: Val, from: string): boolean {
  return r.resolve(r.canonicalise(v, from)).k === 'obj';
}

/**
 * The agents a delegation value names: handoffs, sub-agent lists and maps, alternatives; `byName` finds an agent
 * named by a string (`canHandoffTo: ['Writer']`).
 */
export function delegateTargets(
  r: Resolver,
  v: Val,
  from: string,
  byName: (name: string) => string | undefined = () => undefined,
  depth = 0,
): string[] {
  if (depth > 10) return [];
  const x = r.resolve(r.canonicalise(v, from));
  const each = (vals: Val[]) => vals.flatMap((i) => delegateTargets(r, i, from, byName, depth + 1));
  switch (x.k) {
    case 'agent':
      return [x.id];
    case 'str': {
      const id = byName(x.v);
      return id ? [id] : [];
    }
    case 'handoff':
      return each([x.agent]);
    case 'arr':
      return each(x.items);
    case 'obj':
      return each(x.props.map((p) => p.val));
    case 'alt':
      return each(x.options);
    case 'subset':
      return each([x.of]);
    default:
      return [];
  }
}

/** The string a value resolves to, if it resolves to one. */
export function stringOf(r: Resolver, v: Val | undefined, from: string): string | undefined {
  if (!v) return undefined;
  const x = r.resolve(r.canonicalise(v, from));
  return x.k === 'str' ? x.v : undefined;
}

/**
 * The literal a value falls back to when what it is given is only known at run time: `options.name ?? 'search'`,
 * `options.name || 'search'`, `name = 'search'` as a parameter's default.
 */
export function defaultStringOf(r: Resolver, v: Val | undefined, from: string): string | undefined {
  if (!v) return undefined;
  const x = r.resolve(r.canonicalise(v, from));
  if (x.k !== 'alt' || !x.fallback) return undefined;
  const last = x.options[x.options.length - 1];
  return stringOf(r, last, from) ?? defaultStringOf(r, last, from);
}

/**
 * A property of an object value, as JavaScript reads it: the last one written wins, and a spread
 * (`{ ...base, _meta }`) contributes the properties of the object it spreads.
 */
export function propThroughSpreads(
  r: Resolver,
  o: Extract<Val, { k: 'obj' }>,
  key: string,
  from: string,
  depth = 0,
): Val | undefined {
  for (let i = o.props.length - 1; i >= 0; i--) {
    const p = o.props[i]!;
    if (p.key === key) return p.val;
    if (p.key !== null || depth > 4) continue;
    const spread = r.resolve(r.canonicalise(p.val, from));
    const found = spread.k === 'obj' ? propThroughSpreads(r, spread, key, from, depth + 1) : undefined;
    if (found) return found;
  }
  return undefined;
}

/**
 * The strings a value can be when each of its alternatives is one (`tool.name` for each tool a loop goes over);
 * undefined when one of them is not.
 */
export function stringsOf(r: Resolver, v: Val | undefined, from: string, depth = 0): string[] | undefined {
  if (!v || depth > MAX_DEPTH) return undefined;
  const x = r.resolve(r.canonicalise(v, from));
  if (x.k === 'str') return [x.v];
  if (x.k !== 'alt' || x.fallback) return undefined;
  const out: string[] = [];
  for (const o of x.options) {
    const s = stringsOf(r, o, from, depth + 1);
    if (!s) return undefined;
    out.push(...s);
  }
  return out;
}
