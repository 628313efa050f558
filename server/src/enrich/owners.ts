import type { LinkedGraph } from '../analyzer/link';
import type { OwnerResolver } from '../analyzer/owners';
import type { AgentNode, Annotations, FileFacts, ToolNode } from '../analyzer/types';

type OwnerSource = NonNullable<ToolNode['ownerSource']>;

/**
 * Who answers for each agent and tool: its own `@owner`, else the file's, else — for a tool — the owner written on
 * an agent or server that exposes it, else the config's `owners` globs, else CODEOWNERS (the resolver knows the last
 * two). A tool without `@scope` of its own takes the scopes written on the agents that expose it.
 */
export function assignOwners(g: LinkedGraph, owners: OwnerResolver): void {
  for (const a of g.agents.values()) setOwner(a, ownerOf(a.annotations, g.resolver.facts(a.loc.file), owners));
  for (const t of g.tools.values()) {
    const exposers = t.agents.flatMap((id) => g.agents.get(id) ?? []);
    const own = ownerOf(t.annotations, g.resolver.facts(t.loc.file));
    setOwner(t, own ?? ownerFromAgents(exposers) ?? ownerOf(t.annotations, g.resolver.facts(t.loc.file), owners));
    if (t.scopes.length === 0) inheritScopes(t, exposers);
  }
}

type Owned = { owner: string; source: OwnerSource; rule?: string };

function setOwner(node: AgentNode | ToolNode, own: Owned | undefined): void {
  node.owner = own?.owner;
  node.ownerSource = own?.source;
  node.ownerRule = own?.rule;
}

/** The owner written in code (the definition's or its file's `@owner`), else the resolver's, when one is given. */
function ownerOf(ann: Annotations, facts: FileFacts | undefined, owners?: OwnerResolver): Owned | undefined {
  if (!facts) return undefined;
  if (ann.owner) return { owner: ann.owner, source: facts.fileAnnotations.owner === ann.owner ? 'file' : 'annotation' };
  const m = owners?.resolve(facts.file);
  return m ? { owner: m.owner, source: m.source, rule: m.rule } : undefined;
}

/** An owner written on an agent or server answers for the tools it exposes (the first such agent, in graph order). */
function ownerFromAgents(exposers: readonly AgentNode[]): Owned | undefined {
  const a = exposers.find((e) => e.annotations.owner);
  return a?.annotations.owner ? { owner: a.annotations.owner, source: 'agent', rule: a.name } : undefined;
}

function inheritScopes(t: ToolNode, exposers: readonly AgentNode[]): void {
  const scopes = [...new Set(exposers.flatMap((a) => a.annotations.scopes ?? []))];
  if (scopes.length === 0) return;
  t.scopes = scopes;
  t.scopeSource = 'agent';
}
