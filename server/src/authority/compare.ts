import type { Location, RiskTier } from '../analyzer/types';
import {
  type AgentAuthority,
  type ApprovalGate,
  type Authority,
  type CredentialAuthority,
  LIFETIME_ORDER,
  type StandaloneToolAuthority,
  type ToolAuthority,
} from './model';

/**
 * How authority changed: an agent or tool `added` or `removed`; `broadened` (a capability, a higher risk, a
 * credential or a longer-lived one, a scope, a delegation, an approval gate removed, an owner removed) or the
 * reverse, `narrowed`; `changed` when it is neither (another owner, another kind of approval gate).
 */
export type ChangeKind = 'added' | 'removed' | 'broadened' | 'narrowed' | 'changed';

export interface AuthorityChange {
  kind: ChangeKind;
  /** The agent's authority id (absent for a tool no agent exposes). */
  agent?: string;
  /** The tool's name within its agent, or a standalone tool's id. */
  tool?: string;
  /** One sentence: what changed. */
  message: string;
  /** The risk of the agent or tool the change is about, as it is now (as it was, when removed). */
  risk: RiskTier | null;
  /** The code in the newer revision that causes it, when it is there. */
  loc?: Location;
}

const TIERS: readonly (RiskTier | null)[] = [null, 'low', 'medium', 'high', 'critical'];
export const tierRank = (t: RiskTier | null) => TIERS.indexOf(t);
/** Changes that grant more than before: what a review must see and CI can stop. */
export const grantsMore = (c: AuthorityChange) => c.kind === 'added' || c.kind === 'broadened';

const keys = <V>(before: Record<string, V>, after: Record<string, V>) =>
  [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
const riskWords = (r: RiskTier | null) => (r ? `${r} risk` : 'no risky capability');
const list = (xs: string[]) => xs.join(', ');

/** What a tool is called in messages: `tool 'refund' of 'ai-sdk:billing'`, or its own id when no agent has it. */
function toolSubject(agent: string | undefined, tool: string): string {
  return agent ? `Tool '${tool}' of '${agent}'` : `Tool '${tool}'`;
}

function describeTool(t: ToolAuthority): string {
  const caps = t.capabilities.length ? `: ${list(t.capabilities)}` : '';
  const gate = t.risk === 'high' || t.risk === 'critical' ? (t.approval ? ', with approval' : ', no approval') : '';
  return `${riskWords(t.risk)}${caps}${gate}`;
}

function compareSets(
  before: string[],
  after: string[],
  report: (kind: 'broadened' | 'narrowed', item: string) => void,
): void {
  for (const x of after) if (!before.includes(x)) report('broadened', x);
  for (const x of before) if (!after.includes(x)) report('narrowed', x);
}

/**
 * Declared scopes bound a tool: declaring them where there were none narrows it, and so does dropping one; adding one
 * to those declared, or dropping them all (unscoped again), broadens it.
 */
function compareScopes(before: string[], after: string[], emit: (kind: ChangeKind, message: string) => void): void {
  if (!before.length && after.length) return emit('narrowed', `now declares its scope: ${list(after)}`);
  if (before.length && !after.length) return emit('broadened', `no longer declares a scope (was ${list(before)})`);
  compareSets(before, after, (kind, s) => emit(kind, kind === 'broadened' ? `gains scope ${s}` : `loses scope ${s}`));
}

function compareCredentials(
  before: CredentialAuthority[],
  after: CredentialAuthority[],
  emit: (kind: ChangeKind, message: string, loc?: Location) => void,
): void {
  for (const c of after) {
    const was = before.find((b) => b.name === c.name);
    if (!was) emit('broadened', `now holds ${c.lifetime} credential '${c.name}'`, c.loc);
    else if (was.lifetime !== c.lifetime) {
      const longer = LIFETIME_ORDER.indexOf(c.lifetime) > LIFETIME_ORDER.indexOf(was.lifetime);
      emit(
        longer ? 'broadened' : 'narrowed',
        `now holds '${c.name}' as a ${c.lifetime} credential (was ${was.lifetime})`,
        c.loc,
      );
    }
  }
  for (const c of before)
    if (!after.some((a) => a.name === c.name)) emit('narrowed', `no longer holds credential '${c.name}'`);
}

function compareTool(
  agent: string | undefined,
  name: string,
  before: ToolAuthority,
  after: ToolAuthority,
  out: AuthorityChange[],
): void {
  const subject = toolSubject(agent, name);
  const emit = (kind: ChangeKind, what: string, loc = after.loc) =>
    out.push({ kind, agent, tool: name, message: `${subject} ${what}.`, risk: after.risk, loc });
  const up = tierRank(after.risk) - tierRank(before.risk);
  const riskNow = up > 0 ? ` (now ${riskWords(after.risk)})` : '';
  compareSets(before.capabilities, after.capabilities, (kind, c) =>
    emit(
      kind,
      kind === 'broadened' ? `can now ${c}${riskNow}` : `can no longer ${c}`,
      after.capabilityLocs?.[c] ?? after.loc,
    ),
  );
  // A risk that moved with a capability gained or lost is said by that capability; one that moved alone, here.
  if (up && before.capabilities.join() === after.capabilities.join())
    emit(
      up > 0 ? 'broadened' : 'narrowed',
      `is now ${riskWords(after.risk)} (was ${riskWords(before.risk)})`,
      after.capabilities.map((c) => after.capabilityLocs?.[c]).find(Boolean) ?? after.loc,
    );
  if (before.approval && !after.approval)
    emit('broadened', `no longer needs human approval (was: ${gateWords(before.approval)})`);
  else if (!before.approval && after.approval)
    emit('narrowed', `now needs human approval (${gateWords(after.approval)})`);
  else if (before.approval !== after.approval) {
    const weaker = GATE_STRENGTH[after.approval!] < GATE_STRENGTH[before.approval!];
    emit(
      weaker ? 'broadened' : 'narrowed',
      `is now approved ${gateWords(after.approval!)} (was: ${gateWords(before.approval!)})`,
    );
  }
  compareScopes(before.scopes, after.scopes, emit);
  compareCredentials(before.credentials, after.credentials, emit);
  if (before.delegatesTo !== after.delegatesTo)
    emit(
      after.delegatesTo && !before.delegatesTo
        ? 'broadened'
        : before.delegatesTo && !after.delegatesTo
          ? 'narrowed'
          : 'changed',
      after.delegatesTo ? `now hands work to agent '${after.delegatesTo}'` : `no longer hands work to an agent`,
    );
}

/** An approval gate the framework enforces holds more than one the code asks for, and that more than a tag. */
const GATE_STRENGTH: Record<ApprovalGate, number> = { framework: 3, code: 2, annotation: 1 };
const gateWords = (g: ApprovalGate) =>
  g === 'framework' ? "the framework's gate" : g === 'annotation' ? '@approval' : 'asked in the code';

function compareOwner(
  subject: string,
  before: string | null,
  after: string | null,
  push: (kind: ChangeKind, message: string) => void,
): void {
  if (before === after) return;
  if (!after) push('broadened', `${subject} has no owner any more (was ${before}).`);
  else if (!before) push('narrowed', `${subject} is now owned by ${after}.`);
  else push('changed', `${subject} is now owned by ${after} (was ${before}).`);
}

function compareAgent(id: string, before: AgentAuthority, after: AgentAuthority, out: AuthorityChange[]): void {
  const push = (kind: ChangeKind, message: string, loc = after.loc) =>
    out.push({ kind, agent: id, message, risk: after.risk, loc });
  const subject = `Agent '${id}'`;
  compareOwner(subject, before.owner, after.owner, push);
  if (before.complete !== after.complete)
    push(
      after.complete ? 'narrowed' : 'broadened',
      after.complete
        ? `${subject} no longer registers tools that cannot be listed from its code.`
        : `${subject} now registers tools that cannot be listed from its code.`,
    );
  compareSets(before.delegates, after.delegates, (kind, d) =>
    push(
      kind,
      kind === 'broadened' ? `${subject} now hands off to '${d}'.` : `${subject} no longer hands off to '${d}'.`,
    ),
  );
  for (const name of keys(before.tools, after.tools)) {
    const [b, a] = [before.tools[name], after.tools[name]];
    if (a && b) compareTool(id, name, b, a, out);
    else if (a)
      out.push({
        kind: 'added',
        agent: id,
        tool: name,
        message: `${subject} gains tool '${name}' (${describeTool(a)}).`,
        risk: a.risk,
        loc: a.loc,
      });
    else
      out.push({ kind: 'removed', agent: id, tool: name, message: `${subject} loses tool '${name}'.`, risk: b!.risk });
  }
}

function describeAgent(a: AgentAuthority): string {
  const tools = Object.keys(a.tools).length;
  return `${riskWords(a.risk)}, ${tools} tool${tools === 1 ? '' : 's'}${a.owner ? `, owned by ${a.owner}` : ', no owner'}`;
}

/**
 * A tool no agent exposes that was not there before. One an agent exposed before (under the same name and framework)
 * and that is left defined after the agent lost it grants nothing new: the agent's loss says what changed.
 */
function standaloneAdded(id: string, a: StandaloneToolAuthority, before: Authority): AuthorityChange {
  const wasExposed = Object.values(before.agents).some(
    (agent) => agent.framework === a.framework && a.name in agent.tools,
  );
  return wasExposed
    ? {
        kind: 'changed',
        tool: id,
        message: `Tool '${id}' is no longer exposed by any agent.`,
        risk: a.risk,
        loc: a.loc,
      }
    : { kind: 'added', tool: id, message: `New tool '${id}' (${describeTool(a)}).`, risk: a.risk, loc: a.loc };
}

/** Every difference from `before` to `after`, agents and tools in id order, each agent's changes together. */
export function compareAuthority(before: Authority, after: Authority): AuthorityChange[] {
  const out: AuthorityChange[] = [];
  for (const id of keys(before.agents, after.agents)) {
    const [b, a] = [before.agents[id], after.agents[id]];
    if (a && b) compareAgent(id, b, a, out);
    else if (a)
      out.push({
        kind: 'added',
        agent: id,
        message: `New agent '${id}' (${describeAgent(a)}).`,
        risk: a.risk,
        loc: a.loc,
      });
    else out.push({ kind: 'removed', agent: id, message: `Agent '${id}' is gone.`, risk: b!.risk });
  }
  for (const id of keys(before.tools, after.tools)) {
    const [b, a] = [before.tools[id], after.tools[id]];
    if (a && b) {
      compareOwner(`Tool '${id}'`, b.owner, a.owner, (kind, message) =>
        out.push({ kind, tool: id, message, risk: a.risk, loc: a.loc }),
      );
      compareTool(undefined, id, b, a, out);
    } else if (a) out.push(standaloneAdded(id, a, before));
    else out.push({ kind: 'removed', tool: id, message: `Tool '${id}' is gone.`, risk: b!.risk });
  }
  return out;
}
