import type { AgentGraph, AgentNode, Capability, Finding, ToolNode } from '../analyzer/types';
import { capabilityTrail } from '../capabilities/describe';
import type { CapabilityJson, IdentityJson, InventoryJson } from '../../../shared/protocol';
import type { AnalysisResult } from '../analyzer/types';
import { ANALYZER_VERSION } from '../version';

/**
 * The JSON formats' schemas (schemas/ in the package) and their version: within a major version fields are only
 * added, a minor version each time (CHANGELOG.md says what changed).
 */
const SCHEMA_BASE = 'https://raw.githubusercontent.com/agent-warden/agent-warden/main/schemas';
export const SCAN_RESULT_SCHEMA = { $schema: `${SCHEMA_BASE}/scan-result.v1.schema.json`, schemaVersion: '1.0' };
export const INVENTORY_SCHEMA = { $schema: `${SCHEMA_BASE}/inventory.v1.schema.json`, schemaVersion: '1.1' };

export function findingToJson(f: Finding) {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    file: f.loc.file,
    line: f.loc.start.line,
    column: f.loc.start.column,
    endLine: f.loc.end.line,
    endColumn: f.loc.end.column,
    fingerprint: f.fingerprint,
    related: f.related.map((r) => ({
      message: r.message,
      file: r.loc.file,
      line: r.loc.start.line,
      column: r.loc.start.column,
    })),
  };
}

export function formatJson(result: AnalysisResult): string {
  return `${JSON.stringify({ ...SCAN_RESULT_SCHEMA, version: ANALYZER_VERSION, findings: result.findings.map(findingToJson), notices: result.notices, stats: result.stats }, null, 2)}\n`;
}

function capabilityToJson(c: Capability): CapabilityJson {
  return {
    capability: c.capability,
    tier: c.tier,
    detail: c.detail ?? null,
    reason: c.reason,
    basis: c.basis ?? 'code',
    evidence: `${c.evidence.file}:${c.evidence.start.line}`,
    path: c.path.map((p) => `${p.message} (${p.loc.file}:${p.loc.start.line})`),
    /** The same, structured: each hop and the evidence last, with columns (editors navigate with these). */
    trail: capabilityTrail(c).map((p) => ({
      message: p.message,
      file: p.loc.file,
      line: p.loc.start.line,
      column: p.loc.start.column,
      via: p.via?.id ?? null,
    })),
  };
}

/** What agents and tools have alike, as the inventory prints it. */
function identityJson(n: AgentNode | ToolNode): IdentityJson {
  return {
    id: n.id,
    name: n.name,
    framework: n.framework,
    kind: n.kind,
    file: n.loc.file,
    line: n.loc.start.line,
    nameLine: n.nameLoc.start.line,
    nameColumn: n.nameLoc.start.column,
    owner: n.owner ?? null,
    ownerSource: n.ownerSource ?? null,
    ownerRule: n.ownerRule ?? null,
  };
}

/**
 * The inventory ("AI bill of materials"): agents, their tools and delegates, credentials. The editor's tree and graph
 * show exactly this.
 */
export function inventoryToJson(graph: AgentGraph): InventoryJson {
  const toolName = new Map(graph.tools.map((t) => [t.id, t.name]));
  const agentName = new Map(graph.agents.map((a) => [a.id, a.name]));
  return {
    ...INVENTORY_SCHEMA,
    version: ANALYZER_VERSION,
    agents: graph.agents.map((a) => ({
      ...identityJson(a),
      revocation: a.revocation ?? null,
      tools: a.tools.map((id) => toolName.get(id) ?? id),
      toolIds: a.tools,
      delegates: a.delegates.map((id) => agentName.get(id) ?? id),
      delegateIds: a.delegates,
      complete: a.dynamicTools.length === 0,
      risk: a.risk ?? null,
      model: a.model ?? null,
      effectivePermissions: a.effective.map(capabilityToJson),
    })),
    tools: graph.tools.map((t) => ({
      ...identityJson(t),
      definedAs: t.definedName ?? null,
      scopes: t.scopes,
      approval: t.approval?.detail ?? null,
      expires: t.expires ?? null,
      dynamic: t.dynamic ?? null,
      hosted: !!t.hosted,
      agents: t.agents.map((id) => agentName.get(id) ?? id),
      agentIds: t.agents,
      delegatesTo: t.delegatesTo ? (agentName.get(t.delegatesTo) ?? t.delegatesTo) : null,
      delegatesToId: t.delegatesTo ?? null,
      credentials: t.credentials,
      risk: t.risk ?? null,
      hints: t.hints ? { readOnly: t.hints.readOnly ?? null, destructive: t.hints.destructive ?? null } : null,
      capabilities: t.capabilities.map(capabilityToJson),
    })),
    credentials: graph.credentials.map((c) => ({
      name: c.name,
      source: c.source,
      lifetime: c.lifetime,
      locations: c.locations.map((l) => `${l.file}:${l.start.line}`),
      tools: c.tools.map((id) => toolName.get(id) ?? id),
    })),
    dynamicRegistrations: graph.dynamicRegistrations.map((d) => ({
      framework: d.framework,
      why: d.why,
      file: d.loc.file,
      line: d.loc.start.line,
      agent: d.owner ?? null,
    })),
  };
}
