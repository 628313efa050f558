import type { Capability, RelatedLocation } from '../analyzer/types';

const BASIS = { annotation: 'as its annotations say', declared: 'as its name or description says' } as const;

/**
 * `db:delete (DELETE FROM users)`: the capability and what refined it, as messages show it; one known only from what
 * the tool claims says so (`browser:act (as its name or description says)`).
 */
export function describeCapability(c: Capability): string {
  const notes = [c.detail, c.basis && BASIS[c.basis]].filter(Boolean);
  return notes.length ? `${c.capability} (${notes.join('; ')})` : c.capability;
}

/** The hops that reach a capability, then the call that shows it: a finding's related locations. */
export function capabilityTrail(c: Capability): RelatedLocation[] {
  return [...c.path, { message: `${c.capability}: ${c.reason}`, loc: c.evidence }];
}
