import type { AgentGraph, AgentNode, Location, RiskTier, ToolNode } from '../analyzer/types';

/**
 * How long a credential lives, from least to most exposure if it leaks: a platform-managed workload identity,
 * a federated exchange, a short-lived (ephemeral) token, or a secret that lives until someone rotates it.
 */
export type CredentialLifetime = 'workload' | 'federated' | 'ephemeral' | 'long-lived';
export const LIFETIME_ORDER: readonly CredentialLifetime[] = ['workload', 'federated', 'ephemeral', 'long-lived'];

export type ApprovalGate = 'framework' | 'annotation' | 'code';

export interface CredentialAuthority {
  name: string;
  lifetime: CredentialLifetime;
  /** How long it lives, where the code sets it (`DurationSeconds: 900`). */
  ttlSeconds?: number;
  /** Where the code reads it (in memory only: the lockfile has no locations). */
  loc?: Location;
}

/** What one tool may do, as its agent exposes it to the model. */
export interface ToolAuthority {
  /** The highest risk tier of its capabilities; `null` when its code shows none. */
  risk: RiskTier | null;
  capabilities: string[];
  /** The human approval gate in front of it, if any. */
  approval: ApprovalGate | null;
  scopes: string[];
  credentials: CredentialAuthority[];
  /** The agent this tool hands work to (agent-as-tool), by authority id. */
  delegatesTo: string | null;
  /** Where the tool is defined, and each capability's evidence (in memory only). */
  loc?: Location;
  capabilityLocs?: Record<string, Location>;
}

/** A tool no agent exposes: it carries its own identity and owner. */
export interface StandaloneToolAuthority extends ToolAuthority {
  name: string;
  framework: string;
  owner: string | null;
}

export interface AgentAuthority {
  name: string;
  framework: string;
  owner: string | null;
  risk: RiskTier | null;
  /** `false` when some of its tools are registered in a way the analyzer cannot enumerate. */
  complete: boolean;
  /** Agents it hands off to, by authority id. */
  delegates: string[];
  /** Its tools by the name the model sees. */
  tools: Record<string, ToolAuthority>;
  loc?: Location;
}

/** A lockfile as read: the authority it records, and the file's path from the working directory. */
export interface RecordedAuthority {
  file: string;
  authority: Authority;
}

/** Every agent's authority, by a stable id: `<framework>:<name>`, never a file or a line. */
export interface Authority {
  agents: Record<string, AgentAuthority>;
  tools: Record<string, StandaloneToolAuthority>;
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sortedUnique = (xs: Iterable<string>) => [...new Set(xs)].sort(byKey);
const atLocation = (a: { loc: Location }, b: { loc: Location }) =>
  byKey(a.loc.file, b.loc.file) || a.loc.start.line - b.loc.start.line || a.loc.start.column - b.loc.start.column;

/**
 * Stable ids for nodes: `<framework>:<name>`, and `#2`, `#3`… for later namesakes in file order. Moving a
 * definition to another file keeps its id unless it has a namesake of the same framework.
 */
function stableIds<N extends { id: string; name: string; framework: string; loc: Location }>(
  nodes: N[],
  idOf: (n: N) => string,
): Map<string, string> {
  const seen = new Map<string, number>();
  const ids = new Map<string, string>();
  for (const n of [...nodes].sort(atLocation)) {
    const base = idOf(n);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    ids.set(n.id, count === 1 ? base : `${base}#${count}`);
  }
  return ids;
}

/** Capabilities that obtain a credential that is not a stored secret, and the lifetime class of what they obtain. */
export const BROKERED: Readonly<Record<string, CredentialLifetime>> = {
  'credentials:ephemeral': 'ephemeral',
  'credentials:federated': 'federated',
  'credentials:workload': 'workload',
};

/**
 * A tool's credentials: secrets its code reads (environment or literal: they live until rotated), and the ones it
 * obtains instead: short-lived tokens (a token broker, Vault's dynamic secrets), federated exchanges, the identity of
 * the workload it runs as.
 */
function credentialsOf(graph: AgentGraph, t: ToolNode): CredentialAuthority[] {
  const found = new Map<string, CredentialAuthority>();
  const reads = [
    ...t.credentials.map((name) => ({
      name,
      loc: graph.credentials.find((c) => c.name === name)?.locations.find((l) => l.file === t.loc.file),
    })),
    ...(t.staticCredentials ?? []),
  ];
  for (const r of reads)
    if (!found.has(r.name)) found.set(r.name, { name: r.name, lifetime: 'long-lived', loc: r.loc });
  for (const c of t.capabilities) {
    const lifetime = BROKERED[c.capability];
    if (!lifetime) continue;
    // The capability's detail is the call and, where the code sets it, the lifetime: `AssumeRoleCommand, 900 s`.
    const m = /^(.*), (\d+) s$/.exec(c.detail ?? '');
    const name = m ? m[1]! : (c.detail ?? c.reason);
    if (!found.has(name))
      found.set(name, { name, lifetime, loc: c.evidence, ...(m ? { ttlSeconds: Number(m[2]) } : {}) });
  }
  return [...found.values()].sort((a, b) => byKey(a.name, b.name));
}

/** What one tool may do; `agentIds` maps agent node ids to authority ids (`agentIdsOf`). */
export function toolAuthority(graph: AgentGraph, t: ToolNode, agentIds: Map<string, string>): ToolAuthority {
  const capabilityLocs: Record<string, Location> = {};
  // Capabilities come highest tier first: the first evidence of each is the one that decides.
  for (const c of t.capabilities) capabilityLocs[c.capability] ??= c.evidence;
  return {
    risk: t.risk ?? null,
    capabilities: sortedUnique(t.capabilities.map((c) => c.capability)),
    approval: t.approval?.source ?? null,
    scopes: sortedUnique(t.scopes),
    credentials: credentialsOf(graph, t),
    delegatesTo: (t.delegatesTo && agentIds.get(t.delegatesTo)) ?? null,
    loc: t.nameLoc,
    capabilityLocs,
  };
}

/** The tools of an agent by the names the model sees (namesakes, which the model could not tell apart, numbered). */
function agentTools(
  graph: AgentGraph,
  a: AgentNode,
  tools: Map<string, ToolNode>,
  agentIds: Map<string, string>,
): Record<string, ToolAuthority> {
  const nodes = a.tools.flatMap((id) => tools.get(id) ?? []);
  const names = stableIds(nodes, (t) => t.name);
  const out: Record<string, ToolAuthority> = {};
  for (const t of nodes) out[names.get(t.id)!] = toolAuthority(graph, t, agentIds);
  return sortKeys(out);
}

function sortKeys<V>(record: Record<string, V>): Record<string, V> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => byKey(a, b)));
}

/** Each agent node's authority id (`<framework>:<name>`, `#2`… for namesakes), by node id. */
export function agentIdsOf(graph: AgentGraph): Map<string, string> {
  return stableIds(graph.agents, (a) => `${a.framework}:${a.name}`);
}

/**
 * The authority the code grants, from the enriched graph: what the lockfile records and diffs compare. Agents and
 * tools defined where `leaveOut` says (test code) are left out; ids are numbered over all of them all the same, so an
 * id does not depend on what is left out.
 */
export function authorityOf(graph: AgentGraph, leaveOut: (file: string) => boolean = () => false): Authority {
  const agentIds = agentIdsOf(graph);
  const tools = new Map(graph.tools.map((t) => [t.id, t]));
  const agents: Record<string, AgentAuthority> = {};
  for (const a of graph.agents.filter((x) => !leaveOut(x.loc.file)))
    agents[agentIds.get(a.id)!] = {
      name: a.name,
      framework: a.framework,
      owner: a.owner ?? null,
      risk: a.risk ?? null,
      complete: a.dynamicTools.length === 0,
      delegates: sortedUnique(a.delegates.flatMap((d) => agentIds.get(d) ?? [])),
      tools: agentTools(graph, a, tools, agentIds),
      loc: a.nameLoc,
    };
  const standalone = graph.tools.filter((t) => t.agents.length === 0 && !leaveOut(t.loc.file));
  const toolIds = stableIds(standalone, (t) => `${t.framework}:${t.name}`);
  const alone: Record<string, StandaloneToolAuthority> = {};
  for (const t of standalone)
    alone[toolIds.get(t.id)!] = {
      name: t.name,
      framework: t.framework,
      owner: t.owner ?? null,
      ...toolAuthority(graph, t, agentIds),
    };
  return { agents: sortKeys(agents), tools: sortKeys(alone) };
}
