import type { Capability, RelatedLocation } from '../analyzer/types';

/** `db:delete (DELETE FROM users)`: the capability and what refined it, as messages show it. */
export function describeCapability(c: Capability): string {
  return c.detail ? `${c.capability} (${c.detail})` : c.capability;
}

/** The hops that reach a capability, then the call that shows it: a finding's related locations. */
export function capabilityTrail(c: Capability): RelatedLocation[] {
  return [...c.path, { message: `${c.capability}: ${c.reason}`, loc: c.evidence }];
}
