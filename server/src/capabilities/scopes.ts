import type { Capability } from '../analyzer/types';

/** `payments:*` covers `payments:refund`; `*:read` covers every read; segments match one by one. */
export function scopeCovers(scope: string, capability: string): boolean {
  const s = scope.split(':');
  const c = capability.split(':');
  if (s.length !== c.length) return false;
  return s.every((seg, i) => seg === '*' || seg === c[i]);
}

export function covered(scopes: string[], capability: string): boolean {
  return scopes.some((s) => scopeCovers(s, capability));
}

/**
 * Capabilities worth declaring: everything above pure computation that the code shows. What a tool's name or
 * annotations claim rates its risk, but is no privilege it holds: scopes are checked against code.
 */
export function declarable(caps: Capability[]): Capability[] {
  return caps.filter((c) => c.tier !== 'low' && !c.basis);
}
