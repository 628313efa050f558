/**
 * The small protocol between the VS Code client and the language server, beyond LSP itself.
 * Both sides import this file, and it imports nothing: the client bundle carries only these types and names.
 */

/** A capability as the inventory shows it: what, how risky, and the call that shows it. */
export interface CapabilityJson {
  capability: string;
  tier: RiskTierJson;
  detail: string | null;
  reason: string;
  /**
   * What it rests on: `code` (a call the analyzer followed), `annotation` (MCP hints), or `declared` (the tool's
   * name and description). Rules weigh them in that order; a claim counts only where the code shows less.
   */
  basis: 'code' | 'annotation' | 'declared';
  /** `file:line` of the call that shows it. */
  evidence: string;
  /** Each hop as `message (file:line)`. */
  path: string[];
  /** The same, structured: each hop and the evidence last, with columns (editors navigate with these). */
  trail: { message: string; file: string; line: number; column: number; via: string | null }[];
}

export type RiskTierJson = 'critical' | 'high' | 'medium' | 'low';

/**
 * Where an owner came from: the definition's own tag, the file's, an agent or server exposing the tool, the config's
 * globs or CODEOWNERS.
 */
export type OwnerSourceJson = 'annotation' | 'file' | 'agent' | 'config' | 'codeowners';

/** What agents and tools have alike: identity, where they are defined, and who owns them. */
export interface IdentityJson {
  id: string;
  name: string;
  framework: string;
  kind: string;
  file: string;
  line: number;
  nameLine: number;
  nameColumn: number;
  owner: string | null;
  ownerSource: OwnerSourceJson | null;
  ownerRule: string | null;
}

export interface AgentJson extends IdentityJson {
  revocation: string | null;
  tools: string[];
  toolIds: string[];
  delegates: string[];
  delegateIds: string[];
  /** False when some of its tools are registered dynamically (the list is incomplete). */
  complete: boolean;
  risk: RiskTierJson | null;
  /** The model it calls, as its options name it (schema 1.1). */
  model: string | null;
  effectivePermissions: CapabilityJson[];
}

export interface ToolJson extends IdentityJson {
  /** The name the definition gives itself, where the model is given another (`name`, e.g. a registration key). */
  definedAs: string | null;
  scopes: string[];
  approval: string | null;
  expires: string | null;
  dynamic: string | null;
  hosted: boolean;
  agents: string[];
  agentIds: string[];
  delegatesTo: string | null;
  delegatesToId: string | null;
  credentials: string[];
  risk: RiskTierJson | null;
  hints: { readOnly: boolean | null; destructive: boolean | null } | null;
  capabilities: CapabilityJson[];
}

export interface CredentialJson {
  name: string;
  source: string;
  lifetime: string;
  /** `file:line` of each place it is read. */
  locations: string[];
  tools: string[];
}

export interface DynamicRegistrationJson {
  framework: string;
  why: string;
  file: string;
  line: number;
  agent: string | null;
}

/** The inventory ("AI bill of materials"): what `agent-warden inventory --format json` prints. */
export interface InventoryJson {
  /** The id of the inventory's JSON Schema (schemas/inventory.v1.schema.json), and its version. */
  $schema: string;
  schemaVersion: string;
  version: string;
  agents: AgentJson[];
  tools: ToolJson[];
  credentials: CredentialJson[];
  dynamicRegistrations: DynamicRegistrationJson[];
}

/** Notification `agentWarden/status`, and the answer to the request of the same name. */
export interface ServerStatus {
  state: 'indexing' | 'ready' | 'disabled';
  files: number;
  findings: number;
  lastAnalysisMs?: number;
  indexed?: { done: number; total: number };
  configError?: string;
  /**
   * Packages (their package.json, relative to the folder) that depend on an agent framework, in whose code no agent
   * or tool was found: the analyzer may be blind there.
   */
  blindSpots?: string[];
}

export const STATUS = 'agentWarden/status';
/** Request: a rule's documentation as Markdown. Params `{ ruleId }`. */
export const RULE_DOCS = 'agentWarden/ruleDocs';
/** Request: server-side timings per change (benchmarks). */
export const TIMINGS = 'agentWarden/timings';
/** Request: the inventory of every workspace folder — exactly what `agent-warden inventory --format json` prints. */
export const INVENTORY = 'agentWarden/inventory';
/** Notification: the inventory changed (sent once typing pauses); the client asks again. */
export const INVENTORY_CHANGED = 'agentWarden/inventoryChanged';

export interface InventoryFolder {
  /** The folder's file URI; inventory paths are relative to it. */
  uri: string;
  name: string;
  inventory: InventoryJson;
  /** Findings per agent/tool id, for the "only with findings" filter and the badges. */
  findings: Record<string, number>;
}

export interface InventoryResponse {
  folders: InventoryFolder[];
}

/** Client command: open the chain graph, optionally highlighting a chain of node ids (from a diagnostic). */
export const SHOW_GRAPH_COMMAND = 'agentWarden.showGraph';
/** Client command: reveal an agent or tool in the inventory tree. Arguments: folder URI, id. */
export const REVEAL_IN_INVENTORY_COMMAND = 'agentWarden.revealInInventory';

/** Command the server executes: re-read the config and every file. */
export const REANALYZE_COMMAND = 'agent-warden.server.reanalyze';
