import type { InventoryFolder } from '../../shared/protocol';

/**
 * The chain graph's nodes and edges, derived from the inventory alone (shared by the extension, which
 * builds it, and the webview, which lays it out and draws it). Capabilities are one node per folder
 * and capability, so two tools that can both move money point at the same `payments:write`.
 */
export interface GraphNode {
  id: string;
  kind: 'agent' | 'tool' | 'capability';
  label: string;
  detail: string;
  risk: string | null;
  folder: string;
  file?: string;
  line?: number;
  column?: number;
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: 'exposes' | 'delegates' | 'runs-agent' | 'can';
}

export interface GraphData {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export type ToWebview = { type: 'graph'; data: GraphData; highlight: string[] };
export type FromWebview =
  { type: 'ready' } | { type: 'open'; folder: string; file: string; line: number; column: number };

/** Node id of a capability within a folder (what a diagnostic's chain names as `capability:<name>`). */
export const capabilityNodeId = (capability: string) => `capability:${capability}`;

export function graphOf(folders: InventoryFolder[]): GraphData {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const multi = folders.length > 1;
  for (const f of folders) {
    // Ids are per folder; prefixed only when several folders share one graph.
    const id = (raw: string) => (multi ? `${f.uri}|${raw}` : raw);
    const inv = f.inventory;
    const caps = new Map<string, GraphNode>();
    const agentIds = new Set(inv.agents.map((a) => a.id));
    for (const a of inv.agents) {
      nodes.push({
        id: id(a.id),
        kind: 'agent',
        label: a.name,
        detail: `${a.framework === 'mcp' ? 'MCP server' : 'agent'} · owner ${a.owner ?? 'none'}`,
        risk: a.risk,
        folder: f.uri,
        file: a.file,
        line: a.nameLine,
        column: a.nameColumn,
      });
      for (const t of a.toolIds) edges.push({ from: id(a.id), to: id(t), kind: 'exposes' });
      for (const d of a.delegateIds) edges.push({ from: id(a.id), to: id(d), kind: 'delegates' });
    }
    for (const t of inv.tools) {
      nodes.push({
        id: id(t.id),
        kind: 'tool',
        label: t.name,
        detail: `tool · ${t.scopes.join(' ') || 'no scopes'} · ${t.approval ? 'approval' : 'no approval'}`,
        risk: t.risk,
        folder: f.uri,
        file: t.file,
        line: t.nameLine,
        column: t.nameColumn,
      });
      if (t.delegatesToId) edges.push({ from: id(t.id), to: id(t.delegatesToId), kind: 'runs-agent' });
      // Direct capabilities only: what a tool reaches through another agent is drawn through that agent.
      const own = new Set(
        t.capabilities.filter((c) => !c.trail.some((h) => h.via && agentIds.has(h.via))).map((c) => c.capability),
      );
      for (const c of t.capabilities) {
        if (!own.has(c.capability)) continue;
        const capId = id(capabilityNodeId(c.capability));
        if (!caps.has(capId)) {
          const evidence = c.trail[c.trail.length - 1];
          const node: GraphNode = {
            id: capId,
            kind: 'capability',
            label: c.capability,
            detail: c.reason,
            risk: c.tier,
            folder: f.uri,
            file: evidence?.file,
            line: evidence?.line,
            column: evidence?.column,
          };
          caps.set(capId, node);
          nodes.push(node);
        }
        if (!edges.some((e) => e.from === id(t.id) && e.to === capId))
          edges.push({ from: id(t.id), to: capId, kind: 'can' });
      }
    }
  }
  const known = new Set(nodes.map((n) => n.id));
  return { nodes, edges: edges.filter((e) => known.has(e.from) && known.has(e.to)) };
}
