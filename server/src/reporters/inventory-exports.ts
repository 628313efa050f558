import { createHash } from 'node:crypto';
import type { AgentGraph, AgentNode, Capability, Location, ToolNode } from '../analyzer/types';
import { agentIdsOf, toolAuthority } from '../authority/model';
import { ANALYZER_VERSION } from '../version';

const caps = (list: Capability[]) => [
  ...new Set(list.map((c) => `${c.capability} (${c.tier}${c.basis ? `, ${c.basis}` : ''})`)),
];

export type CycloneDxVersion = '1.6' | '1.7';

/**
 * CycloneDX (1.6 or 1.7): agents as application components, tools as services, with owner, scopes, capabilities,
 * risk and credentials (by name and lifetime, never by value) as `agent-warden:*` properties; agent → tool and
 * delegation as dependencies.
 */
export function toCycloneDx(graph: AgentGraph, version: CycloneDxVersion = '1.6', builtAt = sourceDateEpoch()): object {
  const bom = cycloneDxBody(graph, version);
  // The same inventory is the same BOM, byte for byte: its serial number comes from its content, and it has a
  // timestamp only when a reproducible build asks for one (SOURCE_DATE_EPOCH).
  const serialNumber = `urn:uuid:${contentUuid(JSON.stringify(bom))}`;
  const metadata = { ...(builtAt ? { timestamp: builtAt.toISOString() } : {}), ...bom.metadata };
  const { $schema, bomFormat, specVersion, ...rest } = bom;
  return { $schema, bomFormat, specVersion, serialNumber, ...rest, metadata };
}

/** SOURCE_DATE_EPOCH (seconds), the reproducible-builds convention for a build's date, when set. */
function sourceDateEpoch(): Date | undefined {
  const s = process.env.SOURCE_DATE_EPOCH;
  return s && /^\d+$/.test(s) ? new Date(Number(s) * 1000) : undefined;
}

/** An RFC 4122 name-based UUID (version 5 layout) from a SHA-256 of the text. */
function contentUuid(text: string): string {
  const h = createHash('sha256').update(text).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function cycloneDxBody(graph: AgentGraph, specVersion: CycloneDxVersion) {
  const prop = (name: string, value: string | undefined | null) =>
    value ? [{ name: `agent-warden:${name}`, value }] : [];
  const agentRef = (a: AgentNode) => `agent:${a.id}`;
  const toolRef = (t: ToolNode) => `tool:${t.id}`;
  const byId = new Map(graph.tools.map((t) => [t.id, t]));
  const agentById = new Map(graph.agents.map((a) => [a.id, a]));
  const agentIds = agentIdsOf(graph);
  const models = [...new Set(graph.agents.flatMap((a) => (a.model ? [a.model] : [])))].sort();
  const modelRef = (m: string) => `model:${m}`;
  // A credential is named by what reads it (an environment variable, a property) and its lifetime: never its value.
  const credentials = (t: ToolNode) =>
    toolAuthority(graph, t, agentIds).credentials.map((c) => ({
      name: 'agent-warden:credential',
      value: `${c.name} (${c.lifetime})`,
    }));
  return {
    $schema: `http://cyclonedx.org/schema/bom-${specVersion}.schema.json`,
    bomFormat: 'CycloneDX',
    specVersion,
    version: 1,
    metadata: {
      tools: { components: [{ type: 'application', name: 'agent-warden', version: ANALYZER_VERSION }] },
    },
    components: [
      ...graph.agents.map((a) => ({
        type: 'application',
        'bom-ref': agentRef(a),
        name: a.name,
        description: `AI agent (${a.framework}, ${a.kind}) at ${a.loc.file}:${a.loc.start.line}`,
        properties: [
          ...prop('kind', 'agent'),
          ...prop('framework', a.framework),
          ...prop('owner', a.owner),
          ...prop('revocation', a.revocation),
          ...prop('risk', a.risk),
          ...prop('location', `${a.loc.file}:${a.loc.start.line}`),
          ...caps(a.effective).map((c) => ({ name: 'agent-warden:effective-permission', value: c })),
        ],
      })),
      // The models agents call, as their options name them: one component each, which the agents depend on.
      ...models.map((m) => ({
        type: 'machine-learning-model',
        'bom-ref': modelRef(m),
        name: m,
        properties: [...prop('kind', 'model')],
      })),
    ],
    services: graph.tools.map((t) => ({
      'bom-ref': toolRef(t),
      name: t.name,
      description: `Agent tool (${t.framework}, ${t.kind}) at ${t.loc.file}:${t.loc.start.line}`,
      properties: [
        ...prop('kind', t.hosted ? 'hosted-tool' : 'tool'),
        ...prop('framework', t.framework),
        ...prop('owner', t.owner),
        ...t.scopes.map((s) => ({ name: 'agent-warden:scope', value: s })),
        ...prop('approval', t.approval?.detail),
        ...prop('risk', t.risk),
        ...prop('expires', t.expires),
        ...prop('location', `${t.loc.file}:${t.loc.start.line}`),
        ...caps(t.capabilities).map((c) => ({ name: 'agent-warden:capability', value: c })),
        ...credentials(t),
      ],
    })),
    dependencies: graph.agents.map((a) => ({
      ref: agentRef(a),
      dependsOn: [
        ...a.tools
          .map((id) => byId.get(id))
          .filter((t): t is ToolNode => !!t)
          .map(toolRef),
        ...a.delegates
          .map((id) => agentById.get(id))
          .filter((x): x is AgentNode => !!x)
          .map(agentRef),
        ...(a.model ? [modelRef(a.model)] : []),
      ],
    })),
  };
}

const cell = (s: string | undefined | null) => (s ? s.replace(/\|/g, '\\|').replace(/\n/g, ' ') : '—');

const where = (loc: Location) => `\`${loc.file}:${loc.start.line}\``;

/** Whether a human approves the tool's actions, and how, in words (the code itself is in the JSON inventory). */
function approvalWords(approval: ToolNode['approval']): string {
  if (!approval) return 'no';
  if (approval.source === 'framework') return 'yes, the framework’s gate';
  return approval.source === 'annotation' ? 'yes, `@approval`' : 'yes, asked in the code';
}

/** Markdown tables: agents (owner, risk, effective permission) and tools (owner, scopes, approval, capabilities). */
export function inventoryMarkdown(graph: AgentGraph): string {
  const name = new Map(graph.tools.map((t) => [t.id, t.name]));
  const agentName = new Map(graph.agents.map((a) => [a.id, a.name]));
  const out = [
    '# Agent inventory',
    '',
    '## Agents',
    '',
    '| agent | framework | owner | revocation | risk | tools | delegates to | effective permission | file |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const a of graph.agents) {
    out.push(
      `| ${cell(a.name)} | ${a.framework} | ${cell(a.owner)} | ${cell(a.revocation)} | ${cell(a.risk)} | ${cell(a.tools.map((id) => name.get(id)).join(', '))} | ${cell(a.delegates.map((id) => agentName.get(id)).join(', '))} | ${cell(caps(a.effective).join(', '))} | ${where(a.loc)} |`,
    );
  }
  out.push(
    '',
    '## Tools',
    '',
    '| tool | framework | owner | scopes | approval | risk | capabilities | file |',
    '|---|---|---|---|---|---|---|---|',
  );
  for (const t of graph.tools) {
    out.push(
      `| ${cell(t.name)} | ${t.framework} | ${cell(t.owner)} | ${cell(t.scopes.join(' '))} | ${approvalWords(t.approval)} | ${cell(t.risk)} | ${cell(caps(t.capabilities).join(', '))} | ${where(t.loc)} |`,
    );
  }
  return `${out.join('\n')}\n`;
}

/** A Mermaid flowchart: agents and tools as nodes coloured by risk; tools used, and delegation, as edges. */
export function inventoryMermaid(graph: AgentGraph): string {
  const ids = new Map<string, string>();
  const id = (key: string) => {
    if (!ids.has(key)) ids.set(key, `n${ids.size}`);
    return ids.get(key)!;
  };
  const label = (s: string) => s.replace(/"/g, '#quot;');
  const out = ['flowchart LR'];
  for (const a of graph.agents)
    out.push(`  ${id(a.id)}["${label(a.name)}<br/><small>${a.framework}</small>"]:::${a.risk ?? 'none'}`);
  for (const t of graph.tools) out.push(`  ${id(t.id)}(["${label(t.name)}"]):::${t.risk ?? 'none'}`);
  for (const a of graph.agents) {
    for (const tid of a.tools) out.push(`  ${id(a.id)} --> ${id(tid)}`);
    for (const d of a.delegates) out.push(`  ${id(a.id)} -. delegates .-> ${id(d)}`);
  }
  out.push(
    '  classDef critical fill:#fde2e1,stroke:#c0392b,color:#000',
    '  classDef high fill:#fdebd0,stroke:#d35400,color:#000',
    '  classDef medium fill:#fef9e7,stroke:#b7950b,color:#000',
    '  classDef low fill:#eafaf1,stroke:#1e8449,color:#000',
    '  classDef none fill:#f4f6f6,stroke:#7f8c8d,color:#000',
  );
  return `${out.join('\n')}\n`;
}
