import { extractFacts } from '../../server/src/analyzer/extract';
import { link, type LinkedGraph } from '../../server/src/analyzer/link';
import type { AgentNode, ToolNode } from '../../server/src/analyzer/types';

/** The linked graph of in-memory files (path → text), before any enrichment step has run. */
export function linkFiles(files: Record<string, string>): LinkedGraph {
  return link(Object.entries(files).map(([file, text]) => extractFacts(file, text)));
}

export function toolNamed(g: LinkedGraph, name: string): ToolNode {
  const t = [...g.tools.values()].find((x) => x.name === name);
  if (!t) throw new Error(`no tool '${name}' among ${[...g.tools.values()].map((x) => x.name).join(', ')}`);
  return t;
}

export function agentNamed(g: LinkedGraph, name: string): AgentNode {
  const a = [...g.agents.values()].find((x) => x.name === name);
  if (!a) throw new Error(`no agent '${name}' among ${[...g.agents.values()].map((x) => x.name).join(', ')}`);
  return a;
}
