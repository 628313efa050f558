/**
 * The small protocol between the VS Code client and the language server, beyond LSP itself.
 * Both sides import this file; the client bundle carries only these types and names.
 */
import type { InventoryJson } from '../reporters/json';

export type { InventoryJson };

/** Notification `agentWarden/status`, and the answer to the request of the same name. */
export interface ServerStatus {
  state: 'indexing' | 'ready' | 'disabled';
  files: number;
  findings: number;
  lastAnalysisMs?: number;
  indexed?: { done: number; total: number };
  configError?: string;
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
