import type {
  AgentGraph,
  FileFacts,
  FixAction,
  Location,
  RelatedLocation,
  Severity,
  Suppression,
} from '../analyzer/types';
import type { SecretMatch } from '../secrets/scan-secrets';
import type { GovernanceLevels } from './governance';
import type { RecordedAuthority } from '../authority/model';

export const DOCS_BASE = 'https://github.com/agent-warden/agent-warden/blob/main/docs/rules';

/** A code example in a rule's documentation. Examples run as tests (incorrect → reported, correct → clean). */
export interface RuleExample {
  /** File name the example is analysed as (defaults to `example.ts`). */
  file?: string;
  code: string;
  /** The `agent-warden.lock.json` beside the example, for rules that compare with it. */
  lockfile?: string;
}

export interface RuleMeta<M extends string = string> {
  id: string;
  defaultSeverity: Severity;
  /** One line: what the rule finds. */
  summary: string;
  /** Why it matters for an agent's identity. */
  why: string;
  /** What to do about it. */
  fix: string;
  /** At which risk it fires and how loudly, and why there. */
  when: string;
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
  /**
   * Every message the rule reports and every fix title it offers, by id: one short sentence each, with
   * `{{name}}` placeholders filled from the report's `data`. Code branches on the id, never on the text.
   */
  messages: Record<M, string>;
  /** Whether the rule offers a fix or a suggestion with its findings (the docs say so). */
  fixable?: boolean;
  /**
   * Whether each finding's severity follows the risk of what it is about (`defaultSeverity` is the one at medium
   * risk); a level set in the config replaces it.
   */
  graded?: boolean;
  /**
   * Whether the rule reports in test, eval and fixture code (`testPaths`). Governance rules do not: that code is not
   * what runs in production. A secret is a secret wherever it is.
   */
  inTestCode?: boolean;
}

export interface SecretFinding extends SecretMatch {
  loc: Location;
}

/** Values for a message's `{{placeholders}}`. */
export type MessageData = Record<string, string | number>;

/** A fix a rule offers: its title (one of the rule's messages) and what it does. */
export interface FixSpec<M extends string = string> {
  messageId: M;
  data?: MessageData;
  action: FixAction;
  /** The fix an editor puts first. */
  preferred?: boolean;
}

export interface Report<M extends string = string> {
  loc: Location;
  messageId: M;
  data?: MessageData;
  related?: RelatedLocation[];
  /** What the finding is about, stable across edits: tool/agent name + kind, secret hash… */
  subject: string;
  severity?: Severity;
  /** The whole definition the finding is about; a next-line suppression above its first line applies too. */
  anchor?: Location;
  entityId?: string;
  /** A fix that needs no human choice: fix-all and `scan --fix` apply it. */
  fix?: FixSpec<M>;
  /** Fixes to offer that need a human to choose or review. */
  suggest?: FixSpec<M>[];
}

/** A suppression comment that does not apply, and why. */
export interface InvalidSuppression {
  suppression: Suppression;
  problems: string[];
}

export interface RuleContext<M extends string = string> {
  graph: AgentGraph;
  facts: ReadonlyMap<string, FileFacts>;
  secrets: ReadonlyMap<string, SecretFinding[]>;
  /** Suppression comments that suppress nothing (no reason, expired, unknown rule). */
  invalidSuppressions: readonly InvalidSuppression[];
  /** Today's date as YYYY-MM-DD (injectable for tests). */
  today: string;
  /** Globs of test code (`testPaths` in the config): some rules report there one level lower. */
  isTestPath: (file: string) => boolean;
  /** From which risk owners, scopes, revocation and audit records are required (`governance` in the config). */
  governance: GovernanceLevels;
  /** The authority the lockfile records, when the workspace has one. */
  lockfile?: RecordedAuthority;
  report(r: Report<M>): void;
}

export interface Rule<M extends string = string> {
  meta: RuleMeta<M>;
  check(ctx: RuleContext<M>): void;
}

/** A rule, its message ids checked against its messages (as typescript-eslint's `createRule`). */
export function defineRule<M extends string>(rule: Rule<M>): Rule {
  return rule as unknown as Rule;
}

/** A message with its `{{placeholders}}` filled in; a placeholder without a value is left as written. */
export function renderMessage(template: string, data: MessageData = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

export const docsUrl = (id: string) => `${DOCS_BASE}/${id}.md`;

export function where(loc: Location): string {
  return `${loc.file}:${loc.start.line}`;
}
