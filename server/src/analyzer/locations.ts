import type { Location } from './types';

/** Whether location `inner` lies within `outer`, bounds included (same file). */
export function within(inner: Location, outer: Location): boolean {
  const before = (a: Location['start'], b: Location['start']) =>
    a.line < b.line || (a.line === b.line && a.column <= b.column);
  return inner.file === outer.file && before(outer.start, inner.start) && before(inner.end, outer.end);
}

/**
 * Where each line of a text starts, with the line breaks editors and the Language Server Protocol count: `\r\n`, `\n`
 * and a lone `\r`. Every location the analyzer reports is counted with these. The compiler also counts U+2028 and
 * U+2029, which editors (and SARIF's default `newlineSequences`) leave inside a line: with its line numbers, findings
 * after one were a line off.
 */
export function lineStarts(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}

/** The location of `start`–`end` (offsets) in a file whose line starts are `starts`: lines and columns from 1. */
export function locationIn(file: string, starts: readonly number[], start: number, end: number): Location {
  const to = Math.max(start, end);
  const s = lineOf(starts, start);
  const e = lineOf(starts, to, s);
  return {
    file,
    start: { line: s + 1, column: start - starts[s]! + 1 },
    end: { line: e + 1, column: to - starts[e]! + 1 },
  };
}

/**
 * The 0-based line holding `pos`: the last line start at or before it, from line `from` on (an end's line is at or
 * after its start's).
 */
function lineOf(starts: readonly number[], pos: number, from = 0): number {
  let lo = from;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
