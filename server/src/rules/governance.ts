import type { Capability, RiskTier, Severity } from '../analyzer/types';
import { TIER_RANK } from '../capabilities/catalog';

/** What governing an agent or tool can ask of it; each rule checks one. */
export type Requirement = 'owner' | 'scope' | 'revocation' | 'audit';

/** From which risk each requirement applies (`governance` in the config moves the thresholds). */
export type GovernanceLevels = Record<Requirement, RiskTier>;

/**
 * The highest-risk capability decides how strictly something is governed. A read-only lookup needs nothing
 * written down; anything that changes state needs someone who answers for it and a declared scope; a high-risk
 * action needs, besides a human approval, a way to switch its agent off; the most dangerous ones an audit record
 * of their own.
 */
export const DEFAULT_GOVERNANCE: GovernanceLevels = {
  owner: 'medium',
  scope: 'medium',
  revocation: 'high',
  audit: 'critical',
};

/**
 * How loudly to report a missing requirement on something of this risk: nothing below the requirement's threshold,
 * an error at high risk and above, a warning below. A missing audit record is a step lower: the framework's traces or
 * the MCP host's log often record tool calls already, a trail of a kind.
 */
export function gapSeverity(
  requirement: Requirement,
  risk: RiskTier | undefined,
  levels: GovernanceLevels,
): Severity | undefined {
  const rank = TIER_RANK[risk ?? 'low'];
  if (rank < TIER_RANK[levels[requirement]]) return undefined;
  const severity: Severity = rank >= TIER_RANK.high ? 'error' : 'warning';
  return requirement === 'audit' ? (severity === 'error' ? 'warning' : 'info') : severity;
}

/**
 * The risk that decides what governance an agent or tool needs: the highest tier its code shows (or its MCP
 * annotations declare). A name or description alone (`delete_task`) raises a question, which the approval rule asks;
 * it does not demand an owner, a scope and a kill switch.
 */
export function governedRisk(capabilities: readonly Capability[]): RiskTier | undefined {
  let best: RiskTier | undefined;
  for (const c of capabilities)
    if (c.basis !== 'declared' && (!best || TIER_RANK[c.tier] > TIER_RANK[best])) best = c.tier;
  return best;
}
