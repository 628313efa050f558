import type { AgentGraph, FileFacts, Location, RelatedLocation, Severity } from '../analyzer/types';
import type { SecretMatch } from '../secrets/scan-secrets';

export const DOCS_BASE = 'https://github.com/agent-warden/agent-warden/blob/main/docs/rules';

/** A code example in a rule's documentation. Examples run as tests (incorrect → reported, correct → clean). */
export interface RuleExample {
  /** File name the example is analysed as (defaults to `example.ts`). */
  file?: string;
  code: string;
}

export interface RuleMeta {
  id: string;
  defaultSeverity: Severity;
  /** One line: what the rule finds. */
  summary: string;
  /** Why it matters for an agent's identity. */
  why: string;
  /** What to do about it. */
  fix: string;
  incorrect: RuleExample[];
  correct: RuleExample[];
  /** Standards the rule maps to, for SARIF taxonomies and reports. */
  mappings: {
    owaspAgentic?: string[];
    owaspNhi?: string[];
    owaspLlm?: string[];
    maestro?: string[];
    nistAiRmf?: string[];
    cwe?: string[];
  };
  /** Whether an automatic fix or a suggestion exists (issue 3 wires them to code actions). */
  fixable?: boolean;
}

export interface SecretFinding extends SecretMatch {
  loc: Location;
}

export interface Report {
  loc: Location;
  message: string;
  related?: RelatedLocation[];
  /** What the finding is about, stable across edits: tool/agent name + kind, secret hash… */
  subject: string;
  severity?: Severity;
  /** The whole definition the finding is about; a next-line suppression above its first line applies too. */
  anchor?: Location;
  entityId?: string;
  data?: Record<string, string>;
}

export interface RuleContext {
  graph: AgentGraph;
  facts: ReadonlyMap<string, FileFacts>;
  secrets: ReadonlyMap<string, SecretFinding[]>;
  /** Today's date as YYYY-MM-DD (injectable for tests). */
  today: string;
  /** Globs of test code (`testPaths` in the config): some rules report there one level lower. */
  isTestPath: (file: string) => boolean;
  report(r: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}

export const docsUrl = (id: string) => `${DOCS_BASE}/${id}.md`;

export function where(loc: Location): string {
  return `${loc.file}:${loc.start.line}`;
}
