/**
 * The small protocol between the VS Code client and the language server, beyond LSP itself.
 * Both sides import this file; the client bundle carries only these types and names.
 */

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
/** Command the server executes: re-read the config and every file. */
export const REANALYZE_COMMAND = 'agent-warden.server.reanalyze';
