import type { LinkedGraph } from '../analyzer/link';
import type { OwnerResolver } from '../analyzer/owners';
import type { Annotations, FileFacts, ToolNode } from '../analyzer/types';

type OwnerSource = NonNullable<ToolNode['ownerSource']>;

/**
 * Who answers for each agent and tool: its own `@owner`, else the file's, else the config's `owners` globs,
 * else CODEOWNERS (the resolver knows the last two).
 */
export function assignOwners(g: LinkedGraph, owners: OwnerResolver): void {
  for (const node of [...g.agents.values(), ...g.tools.values()]) {
    const facts = g.resolver.facts(node.loc.file);
    const own = facts ? ownerOf(node.annotations, facts, owners) : undefined;
    node.owner = own?.owner;
    node.ownerSource = own?.source;
    node.ownerRule = own?.rule;
  }
}

function ownerOf(
  ann: Annotations,
  facts: FileFacts,
  owners: OwnerResolver,
): { owner: string; source: OwnerSource; rule?: string } | undefined {
  if (ann.owner) return { owner: ann.owner, source: facts.fileAnnotations.owner === ann.owner ? 'file' : 'annotation' };
  const m = owners.resolve(facts.file);
  return m ? { owner: m.owner, source: m.source, rule: m.rule } : undefined;
}
