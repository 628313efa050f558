import type { AgentGraph, AgentNode, ToolNode } from '../analyzer/types';
import { agentIdsOf, type CredentialAuthority, toolAuthority } from '../authority/model';

/** A tool as a policy's CEL expression sees it (types in cel.ts). */
export interface ToolValue {
  name: string;
  framework: string;
  owner: string;
  risk: string;
  capabilities: string[];
  approval: string;
  scopes: string[];
  credentials: { name: string; lifetime: string }[];
  agents: string[];
  delegatesTo: string;
}

/** An agent as a policy's CEL expression sees it: its tools, and all it reaches through them and its delegates. */
export interface AgentValue {
  id: string;
  name: string;
  framework: string;
  owner: string;
  risk: string;
  complete: boolean;
  tools: ToolValue[];
  delegates: string[];
  capabilities: string[];
  credentials: { name: string; lifetime: string }[];
}

const unique = (xs: string[]) => [...new Set(xs)].sort();
const credential = (c: CredentialAuthority) => ({ name: c.name, lifetime: c.lifetime });

type PolicyValues = { agents: { node: AgentNode; value: AgentValue }[]; tools: { node: ToolNode; value: ToolValue }[] };

// Built once per graph: every policy of a workspace reads the same values.
const built = new WeakMap<AgentGraph, PolicyValues>();

/** The values policies are evaluated over, with the graph node each is about. */
export function policyValues(graph: AgentGraph): PolicyValues {
  let values = built.get(graph);
  if (!values) built.set(graph, (values = buildValues(graph)));
  return values;
}

function buildValues(graph: AgentGraph): PolicyValues {
  const ids = agentIdsOf(graph);
  const toolValue = (t: ToolNode): ToolValue => {
    const a = toolAuthority(graph, t, ids);
    return {
      name: t.name,
      framework: t.framework,
      owner: t.owner ?? '',
      risk: a.risk ?? '',
      capabilities: a.capabilities,
      approval: a.approval ?? '',
      scopes: a.scopes,
      credentials: a.credentials.map(credential),
      agents: unique(t.agents.flatMap((id) => ids.get(id) ?? [])),
      delegatesTo: a.delegatesTo ?? '',
    };
  };
  const tools = graph.tools.map((node) => ({ node, value: toolValue(node) }));
  const byId = new Map(tools.map((t) => [t.node.id, t.value]));
  const agents = graph.agents.map((node) => {
    const own = node.tools.flatMap((id) => byId.get(id) ?? []);
    const value: AgentValue = {
      id: ids.get(node.id)!,
      name: node.name,
      framework: node.framework,
      owner: node.owner ?? '',
      risk: node.risk ?? '',
      complete: node.dynamicTools.length === 0,
      tools: own,
      delegates: unique(node.delegates.flatMap((id) => ids.get(id) ?? [])),
      capabilities: unique(node.effective.map((c) => c.capability)),
      credentials: [...new Map(own.flatMap((t) => t.credentials).map((c) => [c.name, c])).values()],
    };
    return { node, value };
  });
  return { agents, tools };
}
