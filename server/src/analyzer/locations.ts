import type { Location } from './types';

/** Whether location `inner` lies within `outer`, bounds included (same file). */
export function within(inner: Location, outer: Location): boolean {
  const before = (a: Location['start'], b: Location['start']) =>
    a.line < b.line || (a.line === b.line && a.column <= b.column);
  return inner.file === outer.file && before(outer.start, inner.start) && before(inner.end, outer.end);
}
