import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ScanProgress, wantsProgress } from '../../server/src/cli/progress';

/** A terminal's stderr, recording what is written to it. */
function terminal() {
  const written: string[] = [];
  return { isTTY: true, columns: 100, rows: 30, written, write: (t: string) => written.push(t) > 0 };
}

describe('the progress line of a scan', () => {
  it('is for a person at a terminal: not when stderr is piped, not in CI', () => {
    expect(wantsProgress({ isTTY: true, write: () => true }, {})).toBe(true);
    expect(wantsProgress({ isTTY: false, write: () => true }, {})).toBe(false);
    expect(wantsProgress({ isTTY: true, write: () => true }, { CI: 'true' })).toBe(false);
  });

  it('says nothing for the first second, then files done of all and the time, and is gone at the end', () => {
    const stderr = terminal();
    let now = 0;
    const progress = new ScanProgress(stderr, () => now);
    now = 400;
    progress.update(3, 10);
    expect(stderr.written).toEqual([]);
    now = 1500;
    progress.update(4, 10);
    expect(stripVTControlCharacters(stderr.written.join(''))).toContain('agent-warden: 4 / 10 files · 1.5 s');
    now = 1550; // redrawn at most ten times a second
    const before = stderr.written.length;
    progress.update(5, 10);
    expect(stderr.written.length).toBe(before);
    now = 2600;
    progress.update(10, 10);
    expect(stripVTControlCharacters(stderr.written.join(''))).toContain('agent-warden: 10 / 10 files · 2.6 s');
    const drawn = stderr.written.length;
    progress.done();
    // Cleared: the line is erased, and nothing else is printed.
    expect(stderr.written.length).toBeGreaterThan(drawn);
    expect(stripVTControlCharacters(stderr.written.slice(drawn).join(''))).toBe('');
  });

  it('a terminal that reports no size still gets its line', () => {
    const stderr = { ...terminal(), columns: 0, rows: 0 };
    let now = 0;
    const progress = new ScanProgress(stderr, () => now);
    now = 1200;
    progress.update(7, 9);
    expect(stripVTControlCharacters(stderr.written.join(''))).toContain('agent-warden: 7 / 9 files · 1.2 s');
  });

  it('a quick scan leaves no trace', () => {
    const stderr = terminal();
    let now = 0;
    const progress = new ScanProgress(stderr, () => now);
    now = 300;
    progress.update(10, 10);
    progress.done();
    expect(stripVTControlCharacters(stderr.written.join(''))).toBe('');
  });
});
