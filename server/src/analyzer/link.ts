import { openAiAgentsToolName } from './adapter';
import { mergeAnnotations } from './annotations';
import type { OwnerResolver } from './owners';
import { locOf, type PathMapping, type Resolver, Resolver as ResolverClass } from './resolve';
import type { CatalogEntry } from '../capabilities/catalog';
import { CapabilityResolver, dedupe, highestTier } from '../capabilities/resolve-capabilities';
import type {
  AgentDef,
  AgentGraph,
  AgentNode,
  Annotations,
  Capability,
  CredentialNode,
  FileFacts,
  FrameworkId,
  Location,
  ObjProp,
  ToolDef,
  ToolNode,
  Val,
} from './types';
import { compareStrings } from './order';

/** One entry of a tool collection after resolution. */
type ToolEntry =
  | { kind: 'def'; id: string; key?: string }
  /** A plain descriptor object: MCP `ListTools` entries, raw OpenAI/Anthropic tool objects, AI SDK v4 plain tools. */
  | { kind: 'descriptor'; obj: Extract<Val, { k: 'obj' }>; key?: string; keyLoc?: Location; keyAnn?: Annotations }
  /** `tools: { search: makeSearchTool() }`: the name is known, the definition is not. */
  | { kind: 'opaque'; key: string; loc: Location; ann?: Annotations }
  | { kind: 'dynamic'; why: string; loc: Location };

/**
 * Joins per-file facts into the agent identity graph: which tools each agent exposes (resolving
 * imports, variables and registrations), which agents delegate to which, owners and credentials.
 */
export function link(
  allFacts: FileFacts[],
  owners: OwnerResolver,
  extraCatalog: CatalogEntry[] = [],
  pathMappings: PathMapping[] = [],
): AgentGraph {
  const r = new ResolverClass(allFacts, pathMappings);
  const defs = new Map<string, { def: ToolDef; facts: FileFacts }>();
  const agentDefs = new Map<string, { def: AgentDef; facts: FileFacts }>();
  for (const f of allFacts) {
    for (const t of f.tools) defs.set(t.id, { def: t, facts: f });
    for (const a of f.agents) agentDefs.set(a.id, { def: a, facts: f });
  }

  const toolNodes = new Map<string, ToolNode>();
  const registrationKey = new Map<string, string>();
  const agents = new Map<string, AgentNode>();
  const dynamicRegistrations: AgentGraph['dynamicRegistrations'] = [];

  const str = (v: Val | undefined, from: string): string | undefined => {
    if (!v) return undefined;
    const x = r.resolve(r.canonicalise(v, from));
    return x.k === 'str' ? x.v : undefined;
  };

  // Agents first (names are needed for asTool defaults and delegation).
  for (const { def, facts } of agentDefs.values()) {
    const name = str(def.name, facts.file) ?? def.bindingName ?? `${def.kind}@${def.loc.file}:${def.loc.start.line}`;
    const ann = def.annotations;
    const own = ownerOf(ann, facts, owners);
    agents.set(def.id, {
      id: def.id,
      name,
      framework: def.framework,
      kind: def.kind,
      loc: def.loc,
      nameLoc: def.nameLoc,
      holderLoc: def.holderLoc,
      annotations: ann,
      owner: own?.owner,
      ownerSource: own?.source,
      ownerRule: own?.rule,
      revocation: ann.revocation,
      expires: ann.expires?.date,
      tools: [],
      delegates: [],
      dynamicTools: [],
      effective: [],
      toolGates: def.toolGates,
    });
  }

  const entriesOf = (
    val: Val,
    from: string,
    asMap: boolean,
    filtered?: string,
  ): (ToolEntry & { filtered?: string })[] => {
    const out: (ToolEntry & { filtered?: string })[] = [];
    const seen = new Set<Val>();
    const visit = (v: Val, mapMode: boolean, why: string | undefined, depth: number) => {
      if (depth > 20) return;
      const x = r.resolve(r.canonicalise(v, from));
      if (seen.has(x)) return;
      seen.add(x);
      switch (x.k) {
        case 'tool':
          out.push({ kind: 'def', id: x.id, filtered: why });
          break;
        case 'arr':
          for (const item of x.items) visit(item, false, why, depth + 1);
          break;
        case 'obj':
          if (mapMode) for (const p of x.props) visitProp(p, why, depth);
          else out.push({ kind: 'descriptor', obj: x, filtered: why });
          break;
        case 'subset':
          visit(x.of, mapMode, x.why, depth + 1);
          break;
        case 'alt':
          for (const o of x.options) visit(o, mapMode, why, depth + 1);
          break;
        case 'agent':
        case 'handoff':
        case 'str':
          break;
        case 'import':
          out.push({ kind: 'dynamic', why: `tools come from the package \`${x.module}\``, loc: locOf(v) });
          break;
        case 'dynamic':
          out.push({ kind: 'dynamic', why: x.why, loc: x.loc });
          break;
        default:
          out.push({ kind: 'dynamic', why: 'tools computed at run time', loc: locOf(v) });
      }
    };
    const visitProp = (p: ObjProp, why: string | undefined, depth: number) => {
      if (p.key === null) return visit(p.val, true, why, depth + 1);
      if (p.computed)
        return void out.push({ kind: 'dynamic', why: 'tool registered under a computed key', loc: p.loc });
      const x = r.resolve(r.canonicalise(p.val, from));
      if (x.k === 'tool') out.push({ kind: 'def', id: x.id, key: p.key, filtered: why });
      else if (x.k === 'obj')
        out.push({ kind: 'descriptor', obj: x, key: p.key, keyLoc: p.loc, keyAnn: p.ann, filtered: why });
      else out.push({ kind: 'opaque', key: p.key, loc: p.loc, ann: p.ann, filtered: why });
    };
    visit(val, asMap, filtered, 0);
    return out;
  };

  const attach = (agentId: string | undefined, toolId: string) => {
    const t = toolNodes.get(toolId);
    if (!t) return;
    if (agentId && !t.agents.includes(agentId)) t.agents.push(agentId);
    const a = agentId ? agents.get(agentId) : undefined;
    if (a && !a.tools.includes(toolId)) a.tools.push(toolId);
  };

  const addEntry = (e: ToolEntry, agentId: string | undefined, framework: FrameworkId) => {
    if (e.kind === 'def') {
      if (e.key && !registrationKey.has(e.id)) registrationKey.set(e.id, e.key);
      attach(agentId, e.id);
      return;
    }
    if (e.kind === 'dynamic') {
      const a = agentId ? agents.get(agentId) : undefined;
      a?.dynamicTools.push({ why: e.why, loc: e.loc });
      dynamicRegistrations.push({ framework, why: e.why, loc: e.loc, owner: a?.name });
      return;
    }
    const node = e.kind === 'descriptor' ? descriptorTool(e, framework) : opaqueTool(e, framework);
    if (!node) return;
    if (!toolNodes.has(node.id)) toolNodes.set(node.id, node);
    attach(agentId, node.id);
  };

  const descriptorTool = (
    e: Extract<ToolEntry, { kind: 'descriptor' }>,
    framework: FrameworkId,
  ): ToolNode | undefined => {
    const o = e.obj;
    const from = o.loc.file;
    const prop = (k: string) => o.props.find((p) => p.key === k)?.val;
    const fn = prop('function');
    const fnObj = fn ? r.resolve(r.canonicalise(fn, from)) : undefined;
    const nameVal = prop('name') ?? (fnObj?.k === 'obj' ? fnObj.props.find((p) => p.key === 'name')?.val : undefined);
    const type = str(prop('type'), from);
    const hosted = !!type && type !== 'function' && type !== 'custom' && !fn;
    const name = str(nameVal, from) ?? e.key ?? (hosted ? type : undefined);
    const facts = r.facts(from);
    const ann = mergeAnnotations(facts?.fileAnnotations ?? {}, { ...(e.keyAnn ?? {}), ...(o.ann ?? {}) });
    const namePropLoc = o.props.find((p) => p.key === 'name')?.loc;
    const annVal = prop('annotations');
    const annObj = annVal ? r.resolve(r.canonicalise(annVal, from)) : undefined;
    const hintOf = (k: string) => {
      const v = annObj?.k === 'obj' ? annObj.props.find((p) => p.key === k)?.val : undefined;
      return v?.k === 'bool' ? v.v : undefined;
    };
    const hints =
      annObj?.k === 'obj'
        ? { readOnly: hintOf('readOnlyHint'), destructive: hintOf('destructiveHint'), loc: annObj.loc }
        : undefined;
    return makeTool({
      hints,
      id: `${from}@${o.loc.start.line}:${o.loc.start.column}`,
      name: name ?? '<dynamic>',
      nameSource: name ? (str(nameVal, from) ? 'definition' : 'registration') : 'unknown',
      framework,
      kind: hosted ? `hosted tool (${type})` : 'tool descriptor',
      loc: o.loc,
      nameLoc: namePropLoc ?? e.keyLoc ?? o.loc,
      holderLoc: e.keyLoc ?? o.holder ?? o.loc,
      annotations: ann,
      facts,
      hosted,
      dynamic: name ? undefined : 'its name is computed at run time',
    });
  };

  const opaqueTool = (e: Extract<ToolEntry, { kind: 'opaque' }>, framework: FrameworkId): ToolNode => {
    const facts = r.facts(e.loc.file);
    return makeTool({
      id: `${e.loc.file}@${e.loc.start.line}:${e.loc.start.column}`,
      name: e.key,
      nameSource: 'registration',
      framework,
      kind: 'registered value',
      loc: e.loc,
      nameLoc: e.loc,
      holderLoc: e.loc,
      annotations: mergeAnnotations(facts?.fileAnnotations ?? {}, e.ann ?? {}),
      facts,
    });
  };

  // Every field in one literal, in one order: all tool nodes share one object shape. (A rest-spread copy of
  // varying inputs made megamorphic, partly dictionary-mode objects: slow to build and slow to read in the
  // capability pass, on every keystroke.)
  const makeTool = (
    t: Omit<
      ToolNode,
      | 'owner'
      | 'ownerSource'
      | 'ownerRule'
      | 'scopes'
      | 'approval'
      | 'expires'
      | 'agents'
      | 'credentials'
      | 'capabilities'
    > & { facts?: FileFacts },
  ): ToolNode => {
    const own = t.facts ? ownerOf(t.annotations, t.facts, owners) : undefined;
    return {
      id: t.id,
      name: t.name,
      nameSource: t.nameSource,
      framework: t.framework,
      kind: t.kind,
      loc: t.loc,
      nameLoc: t.nameLoc,
      holderLoc: t.holderLoc,
      annotations: t.annotations,
      approvalSite: t.approvalSite,
      owner: own?.owner,
      ownerSource: own?.source,
      ownerRule: own?.rule,
      scopes: t.annotations.scopes ?? [],
      approval:
        t.annotations.approval?.mode === 'required'
          ? { source: 'annotation', detail: '@approval required' }
          : undefined,
      approvalNote: t.approvalNote,
      expires: t.annotations.expires?.date,
      dynamic: t.dynamic,
      hosted: t.hosted,
      agents: [],
      delegatesTo: t.delegatesTo,
      credentials: [],
      capabilities: [],
      risk: t.risk,
      hints: t.hints,
      audit: t.audit,
      staticCredentials: t.staticCredentials,
      implFunctions: t.implFunctions,
    };
  };

  // Tools defined by calls: their names may come from registration keys, so collect those first.
  const agentEntries: { agentId: string; framework: FrameworkId; entries: ToolEntry[] }[] = [];
  for (const { def, facts } of agentDefs.values()) {
    const entries = def.tools.flatMap((v) => entriesOf(v, facts.file, isMap(v, facts.file, r)));
    agentEntries.push({ agentId: def.id, framework: def.framework, entries });
    for (const e of entries)
      if (e.kind === 'def' && e.key && !registrationKey.has(e.id)) registrationKey.set(e.id, e.key);
  }
  const listEntries: { agentId?: string; framework: FrameworkId; entries: ToolEntry[] }[] = [];
  for (const f of allFacts) {
    for (const l of f.toolLists) {
      let owner = l.owner ? r.resolve(r.canonicalise(l.owner, f.file)) : undefined;
      if (owner?.k !== 'agent') {
        // An untyped receiver (JS parameter): the file's only MCP server is the owner.
        const servers = f.agents.filter((a) => a.framework === l.framework);
        owner = servers.length === 1 ? { k: 'agent', id: servers[0].id } : undefined;
      }
      listEntries.push({
        agentId: owner?.k === 'agent' ? owner.id : undefined,
        framework: l.framework,
        entries: entriesOf(l.tools, f.file, false),
      });
    }
  }

  for (const { def, facts } of defs.values()) {
    const defined = str(def.name, facts.file);
    const key = registrationKey.get(def.id);
    let name = defined;
    let nameSource: ToolNode['nameSource'] = 'definition';
    let dynamic = def.dynamic;
    if (def.name && defined === undefined && !dynamic) {
      const v = r.resolve(r.canonicalise(def.name, facts.file));
      dynamic = `name computed at run time: ${v.k === 'dynamic' ? v.why : 'not a string'}`;
    }
    let delegatesTo: string | undefined;
    if (def.wrapsAgent) {
      let wrapped = r.resolve(r.canonicalise(def.wrapsAgent, facts.file));
      if (wrapped.k === 'str') {
        // A handoff tool naming its target (`createHandoffTool({ agentName: 'billing' })`).
        const byName = [...agents.values()].find((a) => a.name === (wrapped as { v: string }).v);
        if (byName) wrapped = { k: 'agent', id: byName.id };
      }
      if (wrapped.k === 'agent') {
        delegatesTo = wrapped.id;
        if (!name && agents.get(wrapped.id)) name = openAiAgentsToolName(agents.get(wrapped.id)!.name);
      }
    }
    if (!name && key) {
      name = key;
      nameSource = 'registration';
    }
    if (!name && def.bindingName) {
      name = def.bindingName;
      nameSource = 'binding';
    }
    if (!name) {
      name = '<dynamic>';
      nameSource = 'unknown';
    }
    const node = makeTool({
      hints: def.hints,
      id: def.id,
      name,
      nameSource,
      framework: def.framework,
      kind: def.kind,
      loc: def.loc,
      nameLoc: def.nameLoc,
      holderLoc: def.holderLoc,
      approvalSite: def.approvalSite,
      annotations: def.annotations,
      facts,
      hosted: def.hosted,
      dynamic,
      delegatesTo,
    });
    const fa = def.frameworkApproval;
    if (fa?.kind === 'gate') node.approval = { source: 'framework', detail: `${fa.prop}: ${fa.text}` };
    else if (fa?.kind === 'auto') node.approvalNote = `\`${fa.prop}\` always approves (${fa.text}): it is no gate`;
    toolNodes.set(def.id, node);
    if (def.registeredOn) {
      const on = r.resolve(r.canonicalise(def.registeredOn, facts.file));
      let agentId = on.k === 'agent' ? on.id : undefined;
      if (!agentId) {
        const servers = facts.agents.filter((a) => a.framework === def.framework);
        agentId = servers.length === 1 ? servers[0].id : undefined;
      }
      attach(agentId, def.id);
    }
    if (dynamic) dynamicRegistrations.push({ framework: def.framework, why: dynamic, loc: def.loc });
  }

  for (const { agentId, framework, entries } of [...agentEntries, ...listEntries])
    for (const e of entries) addEntry(e, agentId, framework);

  // Delegation: handoffs, sub-agent maps, supervisors, agent-as-tool.
  for (const { def, facts } of agentDefs.values()) {
    const node = agents.get(def.id)!;
    for (const d of def.delegates) {
      for (const target of delegateTargets(d, facts.file, r))
        if (target !== def.id && !node.delegates.includes(target)) node.delegates.push(target);
    }
  }
  for (const t of toolNodes.values()) {
    if (!t.delegatesTo) continue;
    for (const agentId of t.agents) {
      const a = agents.get(agentId);
      if (a && !a.delegates.includes(t.delegatesTo)) a.delegates.push(t.delegatesTo);
    }
  }

  // Credentials read inside tool definitions, and every secret-named env read as a static credential.
  const credentials = new Map<string, CredentialNode>();
  for (const f of allFacts) {
    for (const c of f.credentials) {
      const cred = credentials.get(c.name) ?? {
        name: c.name,
        source: c.source,
        lifetime: 'static' as const,
        locations: [],
        tools: [],
      };
      cred.locations.push(c.loc);
      if (c.toolId && !cred.tools.includes(c.toolId)) cred.tools.push(c.toolId);
      credentials.set(c.name, cred);
      const t = c.toolId ? toolNodes.get(c.toolId) : undefined;
      if (t && !t.credentials.includes(c.name)) t.credentials.push(c.name);
    }
  }

  computeCapabilities(r, allFacts, defs, toolNodes, agents, extraCatalog);

  const byLoc = (a: { loc: Location }, b: { loc: Location }) =>
    compareStrings(a.loc.file, b.loc.file) ||
    a.loc.start.line - b.loc.start.line ||
    a.loc.start.column - b.loc.start.column;
  return {
    agents: [...agents.values()].sort(byLoc),
    tools: [...toolNodes.values()].sort(byLoc),
    credentials: [...credentials.values()].sort((a, b) => compareStrings(a.name, b.name)),
    dynamicRegistrations: dynamicRegistrations.sort(byLoc),
  };
}

/**
 * Capabilities of every tool (from its implementation, MCP dispatch branches, wrapped agents) and the
 * effective permission of every agent (its tools and delegates): the highest-risk capability decides.
 */
function computeCapabilities(
  r: Resolver,
  allFacts: FileFacts[],
  defs: Map<string, { def: ToolDef; facts: FileFacts }>,
  tools: Map<string, ToolNode>,
  agents: Map<string, AgentNode>,
  extraCatalog: CatalogEntry[],
): void {
  const dispatch = new Map<string, { fnId: string; file: string }>();
  for (const f of allFacts) {
    for (const d of f.dispatch) {
      let owner = d.owner ? r.resolve(r.canonicalise(d.owner, f.file)) : undefined;
      if (owner?.k !== 'agent') {
        const servers = f.agents.filter((a) => a.framework === 'mcp');
        owner = servers.length === 1 ? { k: 'agent', id: servers[0].id } : undefined;
      }
      dispatch.set(`${owner?.k === 'agent' ? owner.id : f.file}\0${d.name}`, { fnId: d.fnId, file: f.file });
    }
  }
  const moduleCredentials = new Map<string, FileFacts['credentials']>();
  for (const f of allFacts) {
    const creds = f.credentials.filter((c) => c.scope === 'module' && c.source === 'env');
    if (creds.length) moduleCredentials.set(f.file, creds);
  }
  const done = new Map<string, Capability[]>();
  const inProgress = new Set<string>();
  const nodeCaps = (kind: 'tool' | 'agent', id: string, depth: number): Capability[] => {
    const key = `${kind}:${id}`;
    const cached = done.get(key);
    if (cached) return cached;
    if (inProgress.has(key) || depth > 12) return [];
    inProgress.add(key);
    const out = kind === 'tool' ? toolCaps(id, depth) : agentCaps(id, depth);
    inProgress.delete(key);
    done.set(key, out);
    return out;
  };
  const resolver = new CapabilityResolver(r, allFacts, nodeCaps, extraCatalog);
  const toolCaps = (id: string, depth: number): Capability[] => {
    const t = tools.get(id);
    if (!t) return [];
    const out: Capability[] = [];
    const def = defs.get(id);
    if (def?.def.impl) out.push(...resolver.ofCallee(def.def.impl, def.facts.file, [], depth + 1, []));
    for (const agentId of [...t.agents, t.loc.file]) {
      const hit = dispatch.get(`${agentId}\0${t.name}`);
      if (hit) {
        out.push(...resolver.ofFunction(hit.fnId, [], depth + 1));
        break;
      }
    }
    if (t.delegatesTo) {
      const target = agents.get(t.delegatesTo);
      for (const c of nodeCaps('agent', t.delegatesTo, depth + 1))
        out.push({
          ...c,
          path: [
            {
              message: `runs agent '${target?.name}'`,
              loc: target?.nameLoc ?? t.loc,
              via: { kind: 'agent', id: t.delegatesTo! },
            },
            ...c.path,
          ],
        });
    }
    return dedupe(out);
  };
  const agentCaps = (id: string, depth: number): Capability[] => {
    const a = agents.get(id);
    if (!a) return [];
    const out: Capability[] = [];
    for (const toolId of a.tools) {
      const t = tools.get(toolId);
      for (const c of nodeCaps('tool', toolId, depth + 1))
        out.push({
          ...c,
          path: [
            { message: `tool '${t?.name}'`, loc: t?.nameLoc ?? a.loc, via: { kind: 'tool', id: toolId } },
            ...c.path,
          ],
        });
    }
    // Agents reached through an agent-as-tool are counted through that tool (the truer path).
    const viaTools = new Set(a.tools.map((tid) => tools.get(tid)?.delegatesTo).filter(Boolean));
    for (const d of a.delegates) {
      if (viaTools.has(d)) continue;
      const target = agents.get(d);
      for (const c of nodeCaps('agent', d, depth + 1))
        out.push({
          ...c,
          path: [
            {
              message: `hands off to agent '${target?.name}'`,
              loc: target?.nameLoc ?? a.loc,
              via: { kind: 'agent', id: d },
            },
            ...c.path,
          ],
        });
    }
    return dedupe(out);
  };
  for (const t of tools.values()) {
    t.capabilities = nodeCaps('tool', t.id, 0);
    t.risk = highestTier(t.capabilities);
    const def = defs.get(t.id);
    const impls: { val: Val; file: string }[] = def?.def.impl ? [{ val: def.def.impl, file: def.facts.file }] : [];
    for (const agentId of [...t.agents, t.loc.file]) {
      const hit = dispatch.get(`${agentId}\0${t.name}`);
      if (hit) impls.push({ val: { k: 'fn', id: hit.fnId }, file: hit.file });
    }
    t.implFunctions = impls.map((i) => resolver.functionIdOf(i.val, i.file)).filter((x): x is string => !!x);
    for (const impl of impls) t.audit ??= resolver.auditIn(impl.val, impl.file);
    // Static credentials: secret env vars read at module level where its high-risk clients live.
    if (t.risk === 'high' || t.risk === 'critical') {
      const files = new Set([
        t.loc.file,
        ...t.capabilities.filter((c) => c.tier === 'high' || c.tier === 'critical').map((c) => c.evidence.file),
      ]);
      const brokered = t.capabilities.some((c) => c.capability === 'credentials:ephemeral');
      if (!brokered) {
        const creds = [...files].flatMap((file) => moduleCredentials.get(file) ?? []);
        if (creds.length) t.staticCredentials = creds.map((c) => ({ name: c.name, loc: c.loc }));
      }
    }
    if (t.approval) continue;
    // Approval asked in the tool's own code (LangGraph interrupt(), MCP elicitation…).
    for (const impl of impls) {
      const gate = resolver.gateIn(impl.val, impl.file);
      if (gate) {
        t.approval = { source: 'code', detail: `asks for approval in code (${gate.file}:${gate.start.line})` };
        break;
      }
    }
    if (t.approval) continue;
    // Agent-level settings: the tool is gated when every agent exposing it gates it, or every agent that
    // runs that one gates all its tools (Claude Agent SDK `canUseTool` on the `query()` using a server).
    const parents = (id: string) => [...agents.values()].filter((p) => p.delegates.includes(id));
    const settingFor = (id: string) => {
      const own = agents.get(id)?.toolGates?.find((g) => g.tool === t.name || g.tool === '*');
      if (own) return own;
      const ps = parents(id).map((p) => p.toolGates?.find((g) => g.tool === '*'));
      return ps.length && ps.every((s) => s?.kind === 'gate') ? ps[0] : ps.find((s) => s?.kind === 'auto');
    };
    const settings = t.agents.map(settingFor);
    if (settings.length && settings.every((s) => s?.kind === 'gate'))
      t.approval = { source: 'framework', detail: settings[0]!.detail };
    else if (!t.approvalNote) {
      const auto = settings.find((s) => s?.kind === 'auto');
      if (auto) t.approvalNote = `\`${auto.detail}\` always approves: it is no gate`;
    }
  }
  for (const a of agents.values()) {
    a.effective = nodeCaps('agent', a.id, 0);
    a.risk = highestTier(a.effective);
  }
}

/** A \`tools\` value written as an object is a name → tool map (AI SDK, Mastra); as an array, a list. */
function isMap(v: Val, from: string, r: Resolver): boolean {
  const x = r.resolve(r.canonicalise(v, from));
  return x.k === 'obj';
}

function delegateTargets(v: Val, from: string, r: Resolver, depth = 0): string[] {
  if (depth > 10) return [];
  const x = r.resolve(r.canonicalise(v, from));
  switch (x.k) {
    case 'agent':
      return [x.id];
    case 'handoff':
      return delegateTargets(x.agent, from, r, depth + 1);
    case 'arr':
      return x.items.flatMap((i) => delegateTargets(i, from, r, depth + 1));
    case 'obj':
      return x.props.flatMap((p) => delegateTargets(p.val, from, r, depth + 1));
    case 'alt':
      return x.options.flatMap((o) => delegateTargets(o, from, r, depth + 1));
    case 'subset':
      return delegateTargets(x.of, from, r, depth + 1);
    default:
      return [];
  }
}

function ownerOf(
  ann: Annotations,
  facts: FileFacts,
  owners: OwnerResolver,
): { owner: string; source: NonNullable<ToolNode['ownerSource']>; rule?: string } | undefined {
  if (ann.owner) return { owner: ann.owner, source: facts.fileAnnotations.owner === ann.owner ? 'file' : 'annotation' };
  const m = owners.resolve(facts.file);
  return m ? { owner: m.owner, source: m.source, rule: m.rule } : undefined;
}
