import { genkitToolName, openAiAgentsToolName } from './adapter';
import { mergeAnnotations } from './annotations';
import { FunctionIndex } from './function-index';
import { compareStrings } from './order';
import { type PathMapping, Resolver } from './resolve';
import {
  defaultStringOf,
  delegateTargets,
  IMPLEMENTATION_PROPS,
  isToolMap,
  LOOP_REASON,
  MAX_DESCRIPTION,
  propThroughSpreads,
  stringsOf,
  stringOf,
  type ToolEntry,
  toolEntries,
} from './tool-collections';
import type {
  AgentDef,
  AgentGraph,
  AgentNode,
  CredentialNode,
  FileFacts,
  FrameworkId,
  Location,
  OwnerParam,
  Sym,
  ToolDef,
  ToolNode,
  Val,
} from './types';

/** A definition with the facts of the file it is in. */
export interface Defined<T> {
  def: T;
  facts: FileFacts;
}

/** A function (or a value that resolves to one) that runs when a tool is called. */
export interface Implementation {
  val: Val;
  file: string;
}

/** Where a tool's code is: its own handler, and the branches of MCP `CallTool` dispatches that serve its name. */
export interface ToolImplementations {
  handler?: Implementation;
  /** On each server exposing the tool, then in its own file, in that order. */
  dispatch: Implementation[];
}

/**
 * The identity graph as linking leaves it: every agent and tool, who exposes which tool, who delegates to whom,
 * which credentials are read where, and where each tool's code is. Nothing is judged yet: owners, capabilities,
 * risk, approval, audit and credential lifetime are decided by the enrichment steps (server/src/enrich), which
 * read the definitions and resolver kept here. The maps keep the order in which linking met each node.
 */
export interface LinkedGraph {
  agents: Map<string, AgentNode>;
  tools: Map<string, ToolNode>;
  credentials: Map<string, CredentialNode>;
  dynamicRegistrations: AgentGraph['dynamicRegistrations'];
  toolDefs: ReadonlyMap<string, Defined<ToolDef>>;
  agentDefs: ReadonlyMap<string, Defined<AgentDef>>;
  /** Per tool id: where its code is. */
  implementations: ReadonlyMap<string, ToolImplementations>;
  facts: readonly FileFacts[];
  resolver: Resolver;
  functions: FunctionIndex;
}

/**
 * Joins per-file facts into the agent identity graph: which tools each agent exposes (resolving imports, variables
 * and registrations), which agents delegate to which, and which credentials each tool reads.
 */
export function link(allFacts: readonly FileFacts[], pathMappings: readonly PathMapping[] = []): LinkedGraph {
  return new Linker(allFacts, pathMappings).run();
}

/** The handler first, then every dispatch branch. */
export function allImplementations(impls: ToolImplementations | undefined): Implementation[] {
  if (!impls) return [];
  return impls.handler ? [impls.handler, ...impls.dispatch] : impls.dispatch;
}

/** The graph's nodes in a stable order: by file, then position (names and kinds for credentials). */
export function sortedGraph(g: LinkedGraph): AgentGraph {
  const byLoc = (a: { loc: Location }, b: { loc: Location }) =>
    compareStrings(a.loc.file, b.loc.file) ||
    a.loc.start.line - b.loc.start.line ||
    a.loc.start.column - b.loc.start.column;
  return {
    agents: [...g.agents.values()].sort(byLoc),
    tools: [...g.tools.values()].sort(byLoc),
    credentials: [...g.credentials.values()].sort((a, b) => compareStrings(a.name, b.name)),
    dynamicRegistrations: g.dynamicRegistrations.sort(byLoc),
  };
}

/** What a tool node is made from: every field that linking knows. */
type ToolParts = Pick<
  ToolNode,
  'id' | 'name' | 'nameSource' | 'framework' | 'kind' | 'loc' | 'nameLoc' | 'holderLoc' | 'annotations'
> &
  Partial<
    Pick<
      ToolNode,
      'approvalSite' | 'dynamic' | 'hosted' | 'hostedType' | 'delegatesTo' | 'hints' | 'definedName' | 'description'
    >
  >;

/** A registration's tools, and the agent (or server) that exposes them. */
interface Registration {
  agentId: string | undefined;
  framework: FrameworkId;
  entries: ToolEntry[];
}

/** The file's only agent of the framework: what an untyped receiver (a JS parameter) most likely is. */
/** A subclass's definition with what it does not define itself taken from its base class's. */
function inheritFrom(def: ToolDef, base: Defined<ToolDef>, r: Resolver): ToolDef {
  const baseName = def.name ? undefined : stringOf(r, base.def.name, base.facts.file);
  return {
    ...def,
    name: def.name ?? (baseName === undefined ? undefined : { k: 'str', v: baseName }),
    impl: def.impl ?? (base.def.impl?.k === 'fn' ? base.def.impl : undefined),
  };
}

function soleServer(facts: FileFacts, framework: FrameworkId): string | undefined {
  const servers = facts.agents.filter((a) => a.framework === framework);
  return servers.length === 1 ? servers[0]!.id : undefined;
}

/** Wrappers calling wrappers (`registerAll(server)` → `registerTasks(server)`) are followed this deep. */
const MAX_WRAPPER_DEPTH = 4;
/** Arguments worth indexing calls by: agents, tools and the parameters and strings that carry them on. */
const PASSED_ON = new Set<Sym['t']>(['agent', 'tool', 'arr', 'object', 'param', 'str']);

class Linker {
  private readonly r: Resolver;
  private readonly toolDefs = new Map<string, Defined<ToolDef>>();
  private readonly agentDefs = new Map<string, Defined<AgentDef>>();
  private readonly agents = new Map<string, AgentNode>();
  private readonly tools = new Map<string, ToolNode>();
  private readonly credentials = new Map<string, CredentialNode>();
  private readonly dynamicRegistrations: AgentGraph['dynamicRegistrations'] = [];
  private callIndex?: Map<string, { caller: string; args: Sym[]; loc: Location }[]>;
  /** The function a plain tool descriptor carries (`execute`), by tool id. */
  private readonly descriptorHandlers = new Map<string, Implementation>();
  /** The key a tool definition is registered under (`tools: { search: searchTool }`): its name when it has none. */
  private readonly registrationKey = new Map<string, string>();

  constructor(
    private readonly allFacts: readonly FileFacts[],
    pathMappings: readonly PathMapping[],
  ) {
    this.r = new Resolver(allFacts, pathMappings);
    for (const f of allFacts) {
      for (const t of f.tools) this.toolDefs.set(t.id, { def: t, facts: f });
      for (const a of f.agents) this.agentDefs.set(a.id, { def: a, facts: f });
    }
    this.settleSubclasses();
  }

  /**
   * Classes extending the project's own classes: a tool only when the class extended is a tool of the same
   * framework (through any number of such classes), keeping that class's name and code where it has none of its
   * own. A tool class that another extends is their base (`GmailBaseTool`), not a tool the model is given, when it
   * is `abstract` or written in JavaScript, which cannot say so (a package's compiled code drops the keyword).
   */
  private settleSubclasses(): void {
    const settled = new Map<string, Defined<ToolDef> | null>();
    const bases = new Set<string>();
    const settle = (id: string, depth: number): Defined<ToolDef> | null => {
      const known = settled.get(id);
      if (known !== undefined) return known;
      const d = this.toolDefs.get(id);
      if (!d?.def.extendsClass) return d ?? null;
      settled.set(id, null); // a class extending itself, through others, is no tool
      const base = this.r.resolve(this.r.canonicalise(d.def.extendsClass, d.facts.file));
      const baseDef = base.k === 'tool' && depth < MAX_WRAPPER_DEPTH ? settle(base.id, depth + 1) : null;
      if (base.k !== 'tool' || baseDef?.def.framework !== d.def.framework) return null;
      bases.add(base.id);
      const inherited = { def: inheritFrom(d.def, baseDef, this.r), facts: d.facts };
      settled.set(id, inherited);
      return inherited;
    };
    for (const [id, d] of this.toolDefs) if (d.def.extendsClass) settle(id, 0);
    for (const [id, d] of settled) {
      if (d) this.toolDefs.set(id, d);
      else this.toolDefs.delete(id);
    }
    for (const [id, d] of this.toolDefs) {
      if (d.def.abstractClass || (bases.has(id) && !/\.[cm]?tsx?$/.test(d.facts.file))) this.toolDefs.delete(id);
    }
  }

  run(): LinkedGraph {
    // Agents first: tools named after the agent they wrap, and delegation, need their names.
    for (const d of this.agentDefs.values()) this.addAgent(d);
    // Registration keys name the tools that have no name of their own, so they are read before tools are made.
    const registrations = [...this.agentRegistrations(), ...this.listRegistrations()];
    this.noteMapKeys();
    for (const d of this.toolDefs.values()) this.addDefinedTool(d);
    for (const { agentId, framework, entries } of registrations) {
      for (const e of entries) this.addEntry(e, agentId, framework);
    }
    this.linkDelegation();
    this.collectCredentials();
    const functions = new FunctionIndex(this.r, this.allFacts);
    return {
      agents: this.agents,
      tools: this.tools,
      credentials: this.credentials,
      dynamicRegistrations: this.dynamicRegistrations,
      toolDefs: this.toolDefs,
      agentDefs: this.agentDefs,
      implementations: this.implementations(functions),
      facts: this.allFacts,
      resolver: this.r,
      functions,
    };
  }

  private addAgent({ def, facts }: Defined<AgentDef>): void {
    const name =
      stringOf(this.r, def.name, facts.file) ?? def.bindingName ?? `${def.kind}@${def.loc.file}:${def.loc.start.line}`;
    const ann = def.annotations;
    this.agents.set(def.id, {
      id: def.id,
      name,
      framework: def.framework,
      kind: def.kind,
      loc: def.loc,
      nameLoc: def.nameLoc,
      holderLoc: def.holderLoc,
      annotations: ann,
      owner: undefined,
      ownerSource: undefined,
      ownerRule: undefined,
      revocation: ann.revocation,
      expires: ann.expires?.date,
      tools: [],
      delegates: [],
      dynamicTools: [],
      effective: [],
      toolGates: def.toolGates,
      risk: undefined,
      ...(def.model ? { model: def.model } : {}),
    });
  }

  private agentRegistrations(): Registration[] {
    const out: Registration[] = [];
    for (const { def, facts } of this.agentDefs.values()) {
      const entries = def.tools.flatMap((v) =>
        toolEntries(this.r, v, facts.file, isToolMap(this.r, v, facts.file), def.loc, (p) => this.passedTo(p)),
      );
      out.push({ agentId: def.id, framework: def.framework, entries });
      for (const e of entries) this.noteRegistrationKey(e);
    }
    return out;
  }

  /** Tools registered by a call on a server or agent (`server.registerTool(…)` lists, `ListTools` handlers). */
  private listRegistrations(): Registration[] {
    const out: Registration[] = [];
    for (const f of this.allFacts) {
      for (const l of f.toolLists) {
        if (l.delegation) continue;
        const entries = toolEntries(this.r, l.tools, f.file, false, l.loc);
        const owners = this.ownersOf(l.owner, l.ownerParam, f, l.framework);
        for (const agentId of owners.length ? owners : [undefined])
          out.push({ agentId, framework: l.framework, entries });
      }
    }
    return out;
  }

  /** The agent a registration is made on; for an untyped receiver (a JS parameter), the file's only server. */
  private ownerOf(owner: Val | undefined, facts: FileFacts, framework: FrameworkId): string | undefined {
    const on = owner ? this.r.resolve(this.r.canonicalise(owner, facts.file)) : undefined;
    return on?.k === 'agent' ? on.id : soleServer(facts, framework);
  }

  /**
   * The agents a registration is made on. A registration on a parameter (`registerTools(server)` calling
   * `server.addTool(…)`) is made on every agent its callers pass there, through wrappers calling wrappers.
   */
  private ownersOf(owner: Val | undefined, param: OwnerParam | undefined, facts: FileFacts, framework: FrameworkId) {
    const on = owner ? this.r.resolve(this.r.canonicalise(owner, facts.file)) : undefined;
    if (on?.k === 'agent') return [on.id];
    const passed = param ? this.agentsPassedTo(param) : [];
    if (passed.length) return passed;
    const sole = soleServer(facts, framework);
    return sole ? [sole] : [];
  }

  private agentsPassedTo(param: OwnerParam, depth = 0): string[] {
    if (depth > MAX_WRAPPER_DEPTH) return [];
    const out = new Set<string>();
    for (const { caller, args } of this.callsTo().get(param.fn) ?? []) {
      const arg = args[param.i];
      if (arg?.t === 'agent') out.add(arg.id);
      else if (arg?.t === 'param' && !arg.path.length)
        for (const id of this.agentsPassedTo({ fn: caller, i: arg.i }, depth + 1)) out.add(id);
    }
    return [...out];
  }

  /** Calls that pass an agent or a parameter on, by the function they call (built once, on first use). */
  private callsTo(): Map<string, { caller: string; args: Sym[]; loc: Location }[]> {
    if (this.callIndex) return this.callIndex;
    this.callIndex = new Map();
    for (const f of this.allFacts)
      for (const fn of f.functions)
        for (const c of fn.calls) {
          if (!c.args.some((a) => PASSED_ON.has(a.t))) continue;
          const target = this.r.resolve(this.r.canonicalise(c.callee, f.file));
          if (target.k !== 'fn') continue;
          const list = this.callIndex.get(target.id) ?? [];
          list.push({ caller: fn.id, args: c.args, loc: c.loc });
          this.callIndex.set(target.id, list);
        }
    return this.callIndex;
  }

  /**
   * What callers pass for a parameter that holds tools (`getWorkflow(queryTool, interpreterTool)`, a list given to a
   * function that makes the agent): the tools, lists of tools, and parameters passed on, as values.
   */
  private passedTo(param: OwnerParam, depth = 0): Val[] {
    if (depth > MAX_WRAPPER_DEPTH) return [];
    return (this.callsTo().get(param.fn) ?? []).flatMap(({ caller, args, loc }) => {
      const arg = args[param.i];
      return arg ? [this.passedValue(arg, caller, loc, depth)] : [];
    });
  }

  private passedValue(s: Sym, caller: string, loc: Location, depth: number): Val {
    if (s.t === 'tool') return { k: 'tool', id: s.id };
    if (s.t === 'arr') return { k: 'arr', items: s.items.map((i) => this.passedValue(i, caller, loc, depth)), loc };
    if (s.t === 'param' && !s.path.length)
      return { k: 'alt', options: this.passedTo({ fn: caller, i: s.i }, depth + 1) };
    if (s.t === 'object' && s.module) return { k: 'instance', module: s.module, path: s.via ?? [] };
    return { k: 'dynamic', why: 'passed in by its caller', loc };
  }

  /**
   * Maps of tools that no agent can be seen to take (`{ act: actTool(page), … }` passed on through
   * `Object.fromEntries`): when every value is a tool of a keyed framework, each key is the name the model is given,
   * unless a registration already named it.
   */
  private noteMapKeys(): void {
    for (const f of this.allFacts) {
      for (const map of f.toolMaps ?? []) {
        const keyed = map.props.filter((p) => p.key !== null && !p.computed);
        const held = keyed.map((p) => this.keyedToolIds(this.r.canonicalise(p.val, f.file)));
        if (!keyed.length || held.some((ids) => !ids)) continue;
        keyed.forEach((p, i) => {
          for (const id of held[i]!) if (!this.registrationKey.has(id)) this.registrationKey.set(id, p.key!);
        });
      }
    }
  }

  /** The tools of a keyed framework a value is (either of two for `a ? x : y`), or undefined if anything else. */
  private keyedToolIds(val: Val, depth = 0): string[] | undefined {
    const v = this.r.resolve(val);
    if (v.k === 'alt' && depth < MAX_WRAPPER_DEPTH) {
      const options = v.options.map((o) => this.keyedToolIds(o, depth + 1));
      return options.every(Boolean) ? (options.flat() as string[]) : undefined;
    }
    const def = v.k === 'tool' ? this.toolDefs.get(v.id)?.def : undefined;
    return def && KEYED_FRAMEWORKS.has(def.framework) ? [def.id] : undefined;
  }

  private noteRegistrationKey(e: ToolEntry): void {
    if (e.kind === 'def' && e.key && !this.registrationKey.has(e.id)) this.registrationKey.set(e.id, e.key);
  }

  private addDefinedTool({ def, facts }: Defined<ToolDef>): void {
    const named = this.toolName(def, facts);
    // A registration in a loop over known tools: one per element. A wrapper registering under its parameter: one
    // per literal its callers pass.
    const perElement = def.inLoop ? stringsOf(this.r, def.name, facts.file) : undefined;
    const passed = perElement ?? (def.nameParam ? this.namesPassedTo(def.nameParam) : []);
    const nameFromCalls =
      !!perElement?.length ||
      (passed.length > 0 && (named.name === '<dynamic>' || !!named.dynamic?.startsWith('name ')));
    const primary = nameFromCalls
      ? { ...named, name: passed[0]!, nameSource: 'registration' as const, dynamic: withoutNameReason(def.dynamic) }
      : named;
    const names = [primary.name, ...passed.filter((n) => n !== primary.name)];
    names.forEach((name, i) => {
      const id = i === 0 ? def.id : `${def.id}~${name}`;
      this.tools.set(
        id,
        this.definedToolNode(def, id, i === 0 ? primary : { ...primary, name, nameSource: 'registration' }),
      );
      if (i > 0 && def.impl) this.descriptorHandlers.set(id, { val: def.impl, file: facts.file });
      if (def.registeredOn)
        for (const agentId of this.ownersOf(def.registeredOn, def.ownerParam, facts, def.framework))
          this.attach(agentId, id);
    });
    if (primary.dynamic)
      this.dynamicRegistrations.push({ framework: def.framework, why: primary.dynamic, loc: def.loc });
  }

  private definedToolNode(def: ToolDef, id: string, named: ReturnType<Linker['toolName']>): ToolNode {
    return this.makeTool({
      hints: def.hints,
      description: def.description,
      id,
      name: named.name,
      nameSource: named.nameSource,
      definedName: named.definedName,
      framework: def.framework,
      kind: def.kind,
      loc: def.loc,
      nameLoc: def.nameLoc,
      holderLoc: def.holderLoc,
      approvalSite: def.approvalSite,
      annotations: def.annotations,
      hosted: def.hosted,
      hostedType: def.hostedType,
      dynamic: named.dynamic,
      delegatesTo: named.delegatesTo,
    });
  }

  /** The literal names callers pass for a function's parameter, through wrappers calling wrappers. */
  private namesPassedTo(param: OwnerParam, depth = 0): string[] {
    if (depth > MAX_WRAPPER_DEPTH) return [];
    const out = new Set<string>();
    const add = (arg: Sym | undefined, caller: string): void => {
      if (arg?.t === 'str' && arg.exact) out.add(arg.v);
      else if (arg?.t === 'alt') for (const o of arg.options) add(o, caller);
      else if (arg?.t === 'param' && !arg.path.length)
        for (const n of this.namesPassedTo({ fn: caller, i: arg.i }, depth + 1)) out.add(n);
    };
    for (const { caller, args } of this.callsTo().get(param.fn) ?? []) add(args[param.i], caller);
    return [...out];
  }

  /**
   * The name the model sees — the definition's own; for an agent wrapped as a tool, the name the framework
   * derives from the agent's; the key it is registered under; the variable that holds it — with why it is
   * dynamic when it is computed at run time, and the agent the tool wraps.
   */
  private toolName(def: ToolDef, facts: FileFacts) {
    const defined = stringOf(this.r, def.name, facts.file) ?? defaultStringOf(this.r, def.name, facts.file);
    let dynamic = def.dynamic;
    if (def.name && defined === undefined && !dynamic) {
      const v = this.r.resolve(this.r.canonicalise(def.name, facts.file));
      dynamic = `name computed at run time: ${v.k === 'dynamic' ? v.why : 'not a string'}`;
    }
    const delegatesTo = def.wrapsAgent ? this.wrappedAgent(def.wrapsAgent, facts.file) : undefined;
    const wrappedName = delegatesTo && this.agents.get(delegatesTo)?.name;
    // A tool registered under a key (`tools: { weather: weatherTool }`) is called by that key: the AI SDK and Mastra
    // give the model the keys, whatever the definition calls itself. Written in a map whose registration cannot be
    // followed (returned by a function, say), such a tool is still called by its key there.
    const key = this.registrationKey.get(def.id) ?? (KEYED_FRAMEWORKS.has(def.framework) ? def.mapKey : undefined);
    const candidates: [string | undefined, ToolNode['nameSource']][] = [
      [key, 'registration'],
      [defined || (wrappedName ? openAiAgentsToolName(wrappedName) : undefined), 'definition'],
      [def.bindingName, 'binding'],
    ];
    const [value, nameSource] = candidates.find(([v]) => v) ?? ['<dynamic>', 'unknown'];
    // Nothing names it where it is defined or registered: only the running code knows its name.
    if (nameSource === 'unknown' && !dynamic) dynamic = 'its name is not written where it is defined or registered';
    const definedName = key && defined && defined !== key ? defined : undefined;
    return { name: value!, nameSource, definedName, dynamic, delegatesTo };
  }

  /** The agent a tool wraps (`agent.asTool()`, a handoff tool naming its target by `agentName`). */
  private wrappedAgent(val: Val, file: string): string | undefined {
    const wrapped = this.r.resolve(this.r.canonicalise(val, file));
    if (wrapped.k === 'agent') return wrapped.id;
    if (wrapped.k !== 'str') return undefined;
    return [...this.agents.values()].find((a) => a.name === wrapped.v)?.id;
  }

  private addEntry(e: ToolEntry, agentId: string | undefined, framework: FrameworkId): void {
    if (e.kind === 'def') {
      this.noteRegistrationKey(e);
      this.attach(agentId, this.keyedAs(e.id, e.key));
      return;
    }
    if (e.kind === 'ref') {
      for (const t of this.toolsNamed(e.name, framework)) this.attach(agentId, t.id);
      return;
    }
    if (e.kind === 'dynamic') {
      const a = agentId ? this.agents.get(agentId) : undefined;
      a?.dynamicTools.push({ why: e.why, loc: e.loc });
      this.dynamicRegistrations.push({ framework, why: e.why, loc: e.loc, owner: a?.name });
      return;
    }
    const node = e.kind === 'descriptor' ? this.descriptorTool(e, framework) : this.opaqueTool(e, framework);
    if (!this.tools.has(node.id)) this.tools.set(node.id, node);
    this.attach(agentId, node.id);
  }

  /**
   * The tool a registration under `key` gives the model: in a keyed framework, one definition registered under two
   * keys (`{ getWeather }` here, `{ weather: getWeather }` there) is two names, each agent seeing its own.
   */
  private keyedAs(id: string, key: string | undefined): string {
    const tool = this.tools.get(id);
    const defined = this.toolDefs.get(id);
    if (!tool || !defined || !key || tool.name === key || !KEYED_FRAMEWORKS.has(tool.framework)) return id;
    const cloneId = `${id}~${key}`;
    if (!this.tools.has(cloneId)) {
      const named = this.toolName(defined.def, defined.facts);
      this.tools.set(
        cloneId,
        this.definedToolNode(defined.def, cloneId, { ...named, name: key, nameSource: 'registration' }),
      );
      if (defined.def.impl) this.descriptorHandlers.set(cloneId, { val: defined.def.impl, file: defined.facts.file });
    }
    return cloneId;
  }

  /**
   * The defined tools a name refers to, in one framework. Only Genkit registers tools under names that a list can
   * give instead of the tool (`tools: ['lookup']`); a string elsewhere names a built-in the code does not define.
   */
  private toolsNamed(name: string, framework: FrameworkId): ToolNode[] {
    if (framework !== 'genkit') return [];
    const modelName = genkitToolName(name);
    return [...this.tools.values()].filter((t) => t.framework === framework && t.name === modelName && !t.dynamic);
  }

  private attach(agentId: string | undefined, toolId: string): void {
    const t = this.tools.get(toolId);
    if (!t) return;
    if (agentId && !t.agents.includes(agentId)) t.agents.push(agentId);
    const a = agentId ? this.agents.get(agentId) : undefined;
    if (a && !a.tools.includes(toolId)) a.tools.push(toolId);
  }

  /** A plain object describing a tool: MCP `ListTools` entries, raw OpenAI/Anthropic tools, hosted tools. */
  private descriptorTool(e: Extract<ToolEntry, { kind: 'descriptor' }>, framework: FrameworkId): ToolNode {
    const o = e.obj;
    const from = o.loc.file;
    const prop = (k: string) => propThroughSpreads(this.r, o, k, from);
    const fn = prop('function');
    const fnObj = fn ? this.r.resolve(this.r.canonicalise(fn, from)) : undefined;
    const nameVal = prop('name') ?? (fnObj?.k === 'obj' ? fnObj.props.find((p) => p.key === 'name')?.val : undefined);
    const type = stringOf(this.r, prop('type'), from);
    const hosted = !!type && type !== 'function' && type !== 'custom' && !fn;
    const name = stringOf(this.r, nameVal, from) ?? e.key ?? (hosted ? type : undefined);
    const fileAnnotations = this.r.facts(from)?.fileAnnotations ?? {};
    const id = `${from}@${o.loc.start.line}:${o.loc.start.column}`;
    // A descriptor that carries its own function (FastMCP tools, AI SDK v4 plain tools): that is its code.
    const handler = IMPLEMENTATION_PROPS.map(prop).find((v) => v !== undefined);
    if (handler) this.descriptorHandlers.set(id, { val: handler, file: from });
    return this.makeTool({
      hints: keptHints(this.hintsOf(prop('annotations'), from), framework),
      description: stringOf(this.r, prop('description'), from)?.slice(0, MAX_DESCRIPTION),
      id,
      name: name ?? '<dynamic>',
      nameSource: name ? (stringOf(this.r, nameVal, from) ? 'definition' : 'registration') : 'unknown',
      framework,
      kind: hosted ? `hosted tool (${type})` : 'tool descriptor',
      loc: o.loc,
      nameLoc: o.props.find((p) => p.key === 'name')?.loc ?? e.keyLoc ?? o.loc,
      holderLoc: e.keyLoc ?? o.holder ?? o.loc,
      annotations: mergeAnnotations(fileAnnotations, { ...(e.keyAnn ?? {}), ...(o.ann ?? {}) }),
      hosted,
      hostedType: hosted ? type : undefined,
      dynamic: name ? undefined : 'its name is computed at run time',
    });
  }

  /** MCP tool annotations written in a descriptor: `annotations: { readOnlyHint, destructiveHint }`. */
  private hintsOf(annVal: Val | undefined, from: string): ToolNode['hints'] {
    const annObj = annVal ? this.r.resolve(this.r.canonicalise(annVal, from)) : undefined;
    if (annObj?.k !== 'obj') return undefined;
    const hintOf = (k: string) => {
      const v = annObj.props.find((p) => p.key === k)?.val;
      return v?.k === 'bool' ? v.v : undefined;
    };
    return { readOnly: hintOf('readOnlyHint'), destructive: hintOf('destructiveHint'), loc: annObj.loc };
  }

  /** `tools: { search: makeSearchTool() }`: a tool known by the key it is registered under, not by its code. */
  private opaqueTool(e: Extract<ToolEntry, { kind: 'opaque' }>, framework: FrameworkId): ToolNode {
    const facts = this.r.facts(e.loc.file);
    return this.makeTool({
      id: `${e.loc.file}@${e.loc.start.line}:${e.loc.start.column}`,
      name: e.key,
      nameSource: 'registration',
      framework,
      kind: 'registered value',
      loc: e.loc,
      nameLoc: e.loc,
      holderLoc: e.loc,
      annotations: mergeAnnotations(facts?.fileAnnotations ?? {}, e.ann ?? {}),
    });
  }

  // Every field in one literal, in one order: all tool nodes share one object shape. (A rest-spread copy of
  // varying inputs made megamorphic, partly dictionary-mode objects: slow to build and slow to read in the
  // capability pass, on every keystroke.) Fields the enrichment steps decide start undefined or empty.
  private makeTool(t: ToolParts): ToolNode {
    return {
      id: t.id,
      name: t.name,
      nameSource: t.nameSource,
      definedName: t.definedName,
      framework: t.framework,
      kind: t.kind,
      loc: t.loc,
      nameLoc: t.nameLoc,
      holderLoc: t.holderLoc,
      annotations: t.annotations,
      approvalSite: t.approvalSite,
      owner: undefined,
      ownerSource: undefined,
      ownerRule: undefined,
      scopes: t.annotations.scopes ?? [],
      approval: undefined,
      approvalNote: undefined,
      expires: t.annotations.expires?.date,
      dynamic: t.dynamic,
      hosted: t.hosted,
      hostedType: t.hostedType,
      agents: [],
      delegatesTo: t.delegatesTo,
      credentials: [],
      capabilities: [],
      risk: undefined,
      hints: t.hints,
      description: t.description,
      audit: undefined,
      staticCredentials: undefined,
      implFunctions: undefined,
    };
  }

  /** Delegation: handoffs, sub-agent maps, supervisors, and agents run as tools. */
  private linkDelegation(): void {
    for (const { def, facts } of this.agentDefs.values()) {
      const node = this.agents.get(def.id)!;
      const byName = (name: string) =>
        [...this.agents.values()].find((a) => a.name === name && a.framework === def.framework)?.id;
      const add = (target: string) => {
        if (target !== def.id && !node.delegates.includes(target)) node.delegates.push(target);
      };
      for (const d of def.delegates) delegateTargets(this.r, d, facts.file, byName).forEach(add);
      // An agent listed among another's tools (a Genkit prompt or agent as a tool) is delegated to as well; only
      // Genkit names one by string there.
      const toolsByName = def.framework === 'genkit' ? byName : undefined;
      for (const t of def.tools) delegateTargets(this.r, t, facts.file, toolsByName).forEach(add);
    }
    // Hand-offs added once the agent exists: `faqAgent.handoffs.push(triageAgent)`.
    for (const f of this.allFacts) {
      for (const l of f.toolLists) {
        if (!l.delegation) continue;
        for (const agentId of this.ownersOf(l.owner, l.ownerParam, f, l.framework)) {
          const node = this.agents.get(agentId);
          for (const target of delegateTargets(this.r, l.tools, f.file))
            if (node && target !== agentId && !node.delegates.includes(target)) node.delegates.push(target);
        }
      }
    }
    for (const t of this.tools.values()) {
      if (!t.delegatesTo) continue;
      for (const agentId of t.agents) {
        const a = this.agents.get(agentId);
        if (a && !a.delegates.includes(t.delegatesTo)) a.delegates.push(t.delegatesTo);
      }
    }
  }

  /** Credentials read inside tool definitions, and every secret-named environment read. */
  private collectCredentials(): void {
    for (const f of this.allFacts) {
      for (const c of f.credentials) {
        const cred = this.credentials.get(c.name) ?? {
          name: c.name,
          source: c.source,
          lifetime: 'static' as const,
          locations: [],
          tools: [],
        };
        cred.locations.push(c.loc);
        if (c.toolId && !cred.tools.includes(c.toolId)) cred.tools.push(c.toolId);
        this.credentials.set(c.name, cred);
        const t = c.toolId ? this.tools.get(c.toolId) : undefined;
        if (t && !t.credentials.includes(c.name)) t.credentials.push(c.name);
      }
    }
  }

  /**
   * Each tool's code: its definition's handler, and the `CallTool` dispatch branch (MCP low-level servers) that
   * serves its name on a server exposing it, or in its own file.
   */
  private implementations(functions: FunctionIndex): Map<string, ToolImplementations> {
    const branches = this.dispatchBranches();
    const out = new Map<string, ToolImplementations>();
    for (const t of this.tools.values()) {
      const defined = this.toolDefs.get(t.id);
      const handler = defined?.def.impl
        ? { val: defined.def.impl, file: defined.facts.file }
        : this.descriptorHandlers.get(t.id);
      const dispatch: Implementation[] = [];
      for (const on of [...t.agents, t.loc.file]) {
        const branch = branches.get(`${on}\0${t.name}`);
        if (branch) dispatch.push({ val: { k: 'fn', id: branch.fnId }, file: branch.file });
      }
      out.set(t.id, { handler, dispatch });
      t.implFunctions = allImplementations({ handler, dispatch })
        .map((i) => functions.idOf(i.val, i.file))
        .filter((x): x is string => !!x);
    }
    return out;
  }

  /** `CallTool` dispatch branches by server (or file, when the server is unknown) and tool name. */
  private dispatchBranches(): Map<string, { fnId: string; file: string }> {
    const dispatch = new Map<string, { fnId: string; file: string }>();
    for (const f of this.allFacts) {
      for (const d of f.dispatch) {
        const on = this.ownerOf(d.owner, f, 'mcp');
        dispatch.set(`${on ?? f.file}\0${d.name}`, { fnId: d.fnId, file: f.file });
      }
    }
    return dispatch;
  }
}

/** Frameworks whose agents take tools as a name → tool map and give the model the names. */
const KEYED_FRAMEWORKS = new Set<FrameworkId>(['ai-sdk', 'mastra']);

/** Why a definition is dynamic, without the reasons its name gave (known after all, from callers or elements). */
function withoutNameReason(dynamic: string | undefined): string | undefined {
  const rest = dynamic
    ?.split('; ')
    .filter((r) => !r.startsWith('name computed at run time') && r !== LOOP_REASON)
    .join('; ');
  return rest || undefined;
}

/** The hints a framework passes on to the model: WebMCP's draft keeps `readOnlyHint` and drops the others. */
function keptHints(hints: ToolNode['hints'], framework: FrameworkId): ToolNode['hints'] {
  return hints && framework === 'webmcp' ? { readOnly: hints.readOnly, loc: hints.loc } : hints;
}
