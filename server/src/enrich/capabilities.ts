import type { LinkedGraph } from '../analyzer/link';
import type { Capability, RiskTier, ToolNode } from '../analyzer/types';
import { type CatalogEntry, TIER_RANK } from '../capabilities/catalog';
import { annotatedCapabilities, declaredCapabilities } from '../capabilities/declared';
import { hostedToolCapability } from '../capabilities/hosted-tools';
import { CapabilityResolver, dedupe, highestTier } from '../capabilities/resolve-capabilities';

/** Chains longer than this (tool → agent → tool …) are not followed further. */
const MAX_CHAIN_DEPTH = 12;

/**
 * What each tool can do (its code, the dispatch branch that serves it, the agent it runs) and each agent's
 * effective permission (its tools and delegates), with the chain that grants each capability. The highest
 * tier among them is the node's risk.
 */
export function computeCapabilities(g: LinkedGraph, extraCatalog: CatalogEntry[] = []): void {
  const caps = new ChainWalker(g, extraCatalog);
  for (const t of g.tools.values()) caps.of('tool', t.id, 0);
  for (const a of g.agents.values()) caps.of('agent', a.id, 0);
  caps.settle();
  for (const t of g.tools.values()) {
    t.capabilities = caps.of('tool', t.id, 0);
    t.risk = highestTier(t.capabilities);
  }
  for (const a of g.agents.values()) {
    a.effective = caps.of('agent', a.id, 0);
    a.risk = highestTier(a.effective);
  }
}

/**
 * What a tool's annotations, then its name and description, claim beyond what its code shows: a tool named
 * `send_payment` whose body is a stub is still rated as moving money, on that evidence. Claims at or below the code's
 * highest tier add nothing.
 */
function claimedBeyond(t: ToolNode, codeTier: RiskTier | undefined): Capability[] {
  if (t.hosted) return [];
  const above = (tier: RiskTier) => !codeTier || TIER_RANK[tier] > TIER_RANK[codeTier];
  const annotated = annotatedCapabilities(t.hints).filter((c) => above(c.tier));
  const hintLoc = t.hints?.loc ?? t.nameLoc;
  const out: Capability[] = annotated.map((c) => ({ ...c, evidence: hintLoc, path: [], basis: 'annotation' }));
  const best = highestTier(out) ?? codeTier;
  for (const c of declaredCapabilities(t.name, t.description))
    if (!best || TIER_RANK[c.tier] > TIER_RANK[best])
      out.push({ ...c, evidence: t.nameLoc, path: [], basis: 'declared' });
  return out;
}

/** Rounds of recomputing the nodes of delegation cycles; each round carries what a cycle adds one hop further. */
const MAX_SETTLE_ROUNDS = 12;

/** Capabilities of tools and agents through chains and delegation, each node computed once (cycles cut). */
class ChainWalker {
  private readonly done = new Map<string, Capability[]>();
  private readonly inProgress = new Set<string>();
  /** Nodes whose result was computed while a cycle was cut: it may lack what the cut node reaches. */
  private partial = new Set<string>();
  private cuts = 0;
  private resolver: CapabilityResolver;

  constructor(
    private readonly g: LinkedGraph,
    private readonly extraCatalog: CatalogEntry[],
  ) {
    this.resolver = this.newResolver();
  }

  private newResolver(): CapabilityResolver {
    const { g } = this;
    return new CapabilityResolver(g.resolver, g.functions, (k, id, d) => this.of(k, id, d), this.extraCatalog);
  }

  of(kind: 'tool' | 'agent', id: string, depth: number): Capability[] {
    const key = `${kind}:${id}`;
    const cached = this.done.get(key);
    if (cached) return cached;
    if (this.inProgress.has(key) || depth > MAX_CHAIN_DEPTH) {
      this.cuts++;
      return [];
    }
    const cutsBefore = this.cuts;
    this.inProgress.add(key);
    const out = kind === 'tool' ? this.toolCaps(id, depth) : this.agentCaps(id, depth);
    this.inProgress.delete(key);
    this.done.set(key, out);
    if (this.cuts !== cutsBefore) this.partial.add(key);
    return out;
  }

  /**
   * Agents that hand off to each other (triage ⇄ specialist) form cycles, cut while walking: a node computed
   * inside one may lack what the cut node reaches. Such nodes are computed again, one at a time, from the others'
   * results until nothing grows (capabilities only accumulate, so this settles).
   */
  settle(): void {
    for (let round = 0; round < MAX_SETTLE_ROUNDS && this.partial.size; round++) {
      const again = [...this.partial];
      const before = new Map(again.map((key) => [key, this.done.get(key)!]));
      this.partial = new Set();
      this.resolver = this.newResolver(); // its per-function results may hold chains cut the same way
      let grew = false;
      // One at a time, the others kept: each is recomputed from the rest's results, never from a fresh cut.
      for (const key of again) {
        this.done.delete(key);
        const [kind, ...rest] = key.split(':');
        const after = this.of(kind as 'tool' | 'agent', rest.join(':'), 0);
        if (after.length !== before.get(key)!.length) grew = true;
      }
      if (!grew) return;
    }
  }

  private toolCaps(id: string, depth: number): Capability[] {
    const t = this.g.tools.get(id);
    if (!t) return [];
    const out: Capability[] = [];
    // A hosted tool's code is the provider's: its kind says what it can do.
    const hosted = t.hostedType ? hostedToolCapability(t.hostedType) : undefined;
    if (hosted) out.push({ ...hosted, evidence: t.loc, path: [] });
    const impls = this.g.implementations.get(id);
    if (impls?.handler) out.push(...this.resolver.ofCallee(impls.handler.val, impls.handler.file, [], depth + 1, []));
    // The first dispatch branch serving the tool's name: on a server exposing it, else in its own file.
    const branch = impls?.dispatch[0]?.val;
    if (branch?.k === 'fn') out.push(...this.resolver.ofFunction(branch.id, [], depth + 1));
    if (t.delegatesTo) {
      const target = this.g.agents.get(t.delegatesTo);
      const hop = { message: `runs agent '${target?.name}'`, loc: target?.nameLoc ?? t.loc };
      for (const c of this.of('agent', t.delegatesTo, depth + 1)) {
        out.push({ ...c, path: [{ ...hop, via: { kind: 'agent', id: t.delegatesTo } }, ...c.path] });
      }
    }
    return dedupe([...out, ...claimedBeyond(t, highestTier(out))]);
  }

  private agentCaps(id: string, depth: number): Capability[] {
    const a = this.g.agents.get(id);
    if (!a) return [];
    const out: Capability[] = [];
    for (const toolId of a.tools) {
      const t = this.g.tools.get(toolId);
      const hop = {
        message: `tool '${t?.name}'`,
        loc: t?.nameLoc ?? a.loc,
        via: { kind: 'tool' as const, id: toolId },
      };
      for (const c of this.of('tool', toolId, depth + 1)) out.push({ ...c, path: [hop, ...c.path] });
    }
    // Agents reached through an agent-as-tool are counted through that tool (the truer path).
    const viaTools = new Set(a.tools.map((tid) => this.g.tools.get(tid)?.delegatesTo).filter(Boolean));
    for (const d of a.delegates) {
      if (viaTools.has(d)) continue;
      const target = this.g.agents.get(d);
      const hop = {
        message: `hands off to agent '${target?.name}'`,
        loc: target?.nameLoc ?? a.loc,
        via: { kind: 'agent' as const, id: d },
      };
      for (const c of this.of('agent', d, depth + 1)) out.push({ ...c, path: [hop, ...c.path] });
    }
    return dedupe(out);
  }
}
