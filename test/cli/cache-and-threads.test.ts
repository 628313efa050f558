import { existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers/cli';
import { FAKE_KEYS } from '../helpers/fake-keys';

const KEY = FAKE_KEYS['github-token']!();

/** 60 tool files; `padding` lines of code each (enough code makes --threads use its workers). */
function project(padding = 0) {
  const files: Record<string, string> = {};
  for (let i = 0; i < 60; i++) {
    const filler = Array.from(
      { length: padding },
      (_, k) => `export const filler${k} = { id: ${k}, label: 'line ${k} of tool ${i}' };`,
    ).join('\n');
    files[`src/tool-${i}.ts`] =
      `import { tool } from 'ai';\nimport { writeFileSync } from 'node:fs';\nexport const t${i} = tool({ description: '', inputSchema: {} as any, execute: async () => writeFileSync('/srv/${i}', 'x') });\n${filler}\n`;
  }
  files['src/leak.ts'] = `export const key = '${KEY}';\n`;
  return tempProject(files);
}

const report = (dir: string, ...args: string[]) =>
  JSON.parse(runCli(['scan', '--format', 'json', ...args], { cwd: dir }).stdout);
const findings = (dir: string, ...args: string[]) => report(dir, ...args).findings;

describe('--threads and --cache give the same findings as a plain run', () => {
  it('worker threads', () => {
    const dir = project(150); // ~0.7 MB of code to parse: over MIN_PARALLEL_BYTES
    const threaded = report(dir, '--threads', '2');
    // One worker and the main thread share the 60 files: the worker took some, not all.
    expect(threaded.stats.parsedInWorkers).toBeGreaterThan(0);
    expect(threaded.stats.parsedInWorkers).toBeLessThan(60);
    expect(threaded.findings).toEqual(findings(dir));
  });

  it('worker threads read files too (a project of many files): the same findings and notices as a plain run', () => {
    const files: Record<string, string | Buffer> = {};
    for (let i = 0; i < 600; i++) files[`docs/note-${i}.md`] = `# note ${i}\n`;
    files['docs/note-17.md'] = `token: ${KEY}\n`; // found by whichever thread reads it
    files['src/agent.ts'] =
      `import { tool } from 'ai';\nexport const t = tool({ description: 'x', execute: async () => 1 });\n`;
    files['src/blob.ts'] = Buffer.from([0x63, 0x6f, 0, 0x64, 0x65]); // binary: noticed, never analysed
    const dir = tempProject(files);
    const threaded = report(dir, '--threads', '2');
    const plain = report(dir);
    expect(threaded.findings).toEqual(plain.findings);
    expect(threaded.notices).toEqual(plain.notices);
    expect(plain.findings.map((f: { file: string }) => f.file)).toContain('docs/note-17.md');
    expect(plain.notices).toContainEqual({ file: 'src/blob.ts', message: 'skipped: binary file' });
  });

  it('worker threads are not started for a little code (starting them costs more than they save)', () => {
    const dir = project();
    const threaded = report(dir, '--threads', '2');
    expect(threaded.stats.parsedInWorkers).toBe(0);
    expect(threaded.findings).toEqual(findings(dir));
  });

  it('a warm cache, a changed file re-analysed, a config change invalidating everything', () => {
    const dir = project();
    const plain = findings(dir);
    expect(findings(dir, '--cache')).toEqual(plain);
    const cacheFile = join(dir, '.agent-warden-cache/file-results.json');
    expect(existsSync(cacheFile)).toBe(true);
    expect(readFileSync(join(dir, '.agent-warden-cache/.gitignore'), 'utf8')).toMatch(/^\*$/m); // never committed
    expect(readFileSync(cacheFile, 'utf8')).not.toContain(KEY.slice(0, 12)); // masks and hashes only
    expect(findings(dir, '--cache')).toEqual(plain);

    writeFileSync(join(dir, 'src/tool-3.ts'), 'export const nothing = 3;\n');
    const afterEdit = findings(dir, '--cache');
    expect(afterEdit).toEqual(findings(dir));
    expect(afterEdit.length).toBeLessThan(plain.length);

    // The config's catalog changes extraction: cached results must not survive it.
    writeFileSync(
      join(dir, 'agent-warden.json'),
      JSON.stringify({
        capabilities: [{ module: 'node:fs', call: 'writeFileSync', capability: 'scratch:write', tier: 'low' }],
      }),
    );
    const reconfigured = findings(dir, '--cache');
    expect(reconfigured).toEqual(findings(dir));
    expect(reconfigured.some((f: { message: string }) => f.message.includes('file:write'))).toBe(false);
  });
});

/**
 * Gives every file of the project one modification time an hour ago, so that no stamp is "racy" (see --cache-strategy).
 */
const AN_HOUR_AGO = new Date(Date.now() - 3600_000);
function age(dir: string) {
  const anHourAgo = AN_HOUR_AGO;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile()) utimesSync(join(e.parentPath, e.name), anHourAgo, anHourAgo);
}

/**
 * What a run without a cache reports on `project()`, and on it once `src/tool-3.ts` no longer defines a tool: the
 * same for every test that starts from that project, so found once.
 */
let fresh: { before: unknown; after: unknown } | undefined;
function uncached(): { before: unknown; after: unknown } {
  if (!fresh) {
    const dir = project();
    const before = findings(dir);
    writeFileSync(join(dir, 'src/tool-3.ts'), 'export const nothing = 3;\n');
    fresh = { before, after: findings(dir) };
  }
  return fresh;
}

describe('--cache reuses the whole report of a run where nothing changed', () => {
  const MARK = 'marked in the cached report';
  /** Edits the report recorded in the cache (the file's first line), so a run that reuses it shows the mark. */
  function markCachedReport(dir: string) {
    const cacheFile = join(dir, '.agent-warden-cache/file-results.json');
    const text = readFileSync(cacheFile, 'utf8');
    const newline = text.indexOf('\n');
    const header = JSON.parse(text.slice(0, newline));
    header.run.result.findings[0].message = MARK;
    writeFileSync(cacheFile, `${JSON.stringify(header)}${text.slice(newline)}`);
  }
  const reused = (dir: string) => findings(dir, '--cache').some((f: { message: string }) => f.message === MARK);

  it('is reused when no file, config or CODEOWNERS changed, and not otherwise', () => {
    const dir = project();
    age(dir);
    const plain = uncached().before;
    expect(findings(dir, '--cache')).toEqual(plain); // records the report
    expect(findings(dir, '--cache')).toEqual(plain); // reuses it
    markCachedReport(dir);
    expect(reused(dir)).toBe(true); // the mark shows that the recorded report was printed

    // CODEOWNERS is not a scanned file, but owners come from it.
    writeFileSync(join(dir, 'CODEOWNERS'), '* @platform-team\n');
    age(dir);
    expect(reused(dir)).toBe(false);
    expect(findings(dir, '--cache')).toEqual(findings(dir));
    expect(findings(dir)).not.toEqual(plain);

    markCachedReport(dir);
    writeFileSync(join(dir, 'agent-warden.json'), JSON.stringify({ rules: { 'missing-revocation': 'off' } }));
    age(dir);
    expect(reused(dir)).toBe(false);
    expect(findings(dir, '--cache')).toEqual(findings(dir));

    markCachedReport(dir);
    writeFileSync(join(dir, 'src/extra.ts'), `export const other = '${KEY}';\n`);
    age(dir);
    expect(reused(dir)).toBe(false);
    expect(findings(dir, '--cache')).toEqual(findings(dir));

    markCachedReport(dir);
    writeFileSync(join(dir, 'src/extra.ts'), 'export const other = 1;\n'); // a new modification time
    expect(reused(dir)).toBe(false);
    expect(findings(dir, '--cache')).toEqual(findings(dir));
  });

  it('is not reused, nor are its per-file results, by another build of the analyzer', () => {
    const dir = project();
    age(dir);
    const plain = uncached().before;
    expect(findings(dir, '--cache')).toEqual(plain);
    markCachedReport(dir);
    expect(reused(dir)).toBe(true);
    // The built CLI stamps its keys with a hash of its own sources; a cache written by another build differs there.
    const cacheFile = join(dir, '.agent-warden-cache/file-results.json');
    const text = readFileSync(cacheFile, 'utf8');
    const stamp = /0\.\d+\.\d+\+([0-9a-f]{12})/.exec(text)?.[1];
    expect(stamp).toBeDefined();
    writeFileSync(cacheFile, text.split(stamp!).join('000000000000'));
    const rerun = report(dir, '--cache');
    expect(rerun.findings).toEqual(plain); // not the marked report
    expect(rerun.stats.fromCache).toBe(0); // and no file's cached result either
  });
});

describe('a cache file that cannot be used is a cold cache, never an error', () => {
  it.each([
    ['cut short in its first line', (text: string) => text.slice(0, Math.floor(text.indexOf('\n') / 2))],
    [
      'cut short in its second line',
      (text: string) => text.slice(0, text.indexOf('\n') + Math.floor((text.length - text.indexOf('\n')) / 2)),
    ],
    [
      'the older one-object layout',
      (text: string) => JSON.stringify({ key: 'x', entries: JSON.parse(text.slice(text.indexOf('\n') + 1)) }),
    ],
    ['binary garbage', () => '\u0000\u00ff\u0001garbage\n\u0000'],
    ['a header of the wrong shape', (text: string) => `{"key":1,"stamps":null}${text.slice(text.indexOf('\n'))}`],
    ['empty', () => ''],
  ])('%s', (_name, spoil) => {
    const dir = project();
    age(dir);
    const plain = uncached().before;
    expect(findings(dir, '--cache')).toEqual(plain);
    const cacheFile = join(dir, '.agent-warden-cache/file-results.json');
    writeFileSync(cacheFile, spoil(readFileSync(cacheFile, 'utf8')));
    const r = runCli(['scan', '--format', 'json', '--cache'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).findings).toEqual(plain);
    // The next run takes every file from the cache: rewritten good, or (second line cut) its report still whole.
    expect(report(dir, '--cache').stats.fromCache).toBe(61);
    // And a change is still seen: the entries are read again or the file analysed afresh.
    writeFileSync(join(dir, 'src/tool-3.ts'), 'export const nothing = 3;\n');
    expect(findings(dir, '--cache')).toEqual(uncached().after);
  });
});

describe('--cache-strategy', () => {
  // Two files of the same size: one with a key, one without; swapping the text keeps size and (reset) mtime.
  const LEAK = `export const key = '${KEY}';\n`;
  const CLEAN = `export const key = '${'x'.repeat(KEY.length)}';\n`;
  const anHourAgo = new Date(Date.now() - 3600_000);
  const keyFindings = (dir: string, ...args: string[]) =>
    findings(dir, ...args).filter((f: { ruleId: string }) => f.ruleId === 'hardcoded-secret').length;

  it('metadata (the default) trusts an unchanged size and modification time and does not read the file; content reads it', () => {
    const dir = project();
    const leak = join(dir, 'src/leak.ts');
    utimesSync(leak, anHourAgo, anHourAgo);
    expect(keyFindings(dir, '--cache')).toBe(1);
    expect(report(dir, '--cache').stats.fromCache).toBe(61); // every file, none read
    // Same size, same modification time, other text: only reading the file can tell.
    writeFileSync(leak, CLEAN);
    utimesSync(leak, anHourAgo, anHourAgo);
    expect(statSync(leak).size).toBe(LEAK.length);
    expect(keyFindings(dir, '--cache')).toBe(1);
    expect(keyFindings(dir, '--cache', '--cache-strategy', 'content')).toBe(0);
    // Any touch of the file is seen by the metadata strategy.
    writeFileSync(leak, LEAK);
    expect(keyFindings(dir, '--cache')).toBe(1);
    writeFileSync(leak, CLEAN);
    expect(keyFindings(dir, '--cache')).toBe(0);
  });

  it('a file modified moments before the cache was written is read again (coarse timestamps: "racy git")', () => {
    const dir = project();
    const leak = join(dir, 'src/leak.ts');
    const recent = new Date();
    utimesSync(leak, recent, recent);
    expect(keyFindings(dir, '--cache')).toBe(1);
    writeFileSync(leak, CLEAN);
    utimesSync(leak, recent, recent); // as a 1-second file system would record it
    expect(keyFindings(dir, '--cache')).toBe(0);
  });
});
