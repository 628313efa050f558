import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSuppressions } from '../../server/src/analyzer/suppressions';
import { applyEdits, approvalFix, type FixContext, fixesForFinding, knownOwners } from '../../server/src/fixes/fixes';
import { REPO } from '../helpers/cli';
import { FAKE_KEYS } from '../helpers/fake-keys';
import { analyzeFiles, TODAY } from '../helpers/analyze';

/**
 * Projects as Git for Windows checks them out by default (`core.autocrlf`): every line ending `\r\n` (and, rarer, with
 * classic Mac `\r`). Their findings and definitions must be those of the same files with `\n`, at the same lines and
 * columns, and fixes must keep a file's CRLF line endings.
 */
const EXAMPLE = join(REPO, 'examples/support-desk');
const FIXTURES = join(REPO, 'test/fixtures');
const PROJECTS = [EXAMPLE, ...readdirSync(FIXTURES).map((name) => join(FIXTURES, name))];

function filesOf(dir: string, eol: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.([cm]?[jt]sx?|json)$/.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    out[relative(dir, path)] = readFileSync(path, 'utf8').replace(/\r?\n/g, eol);
  }
  return out;
}

/** Each definition with what its annotations gave it. */
const definitions = (r: ReturnType<typeof analyzeFiles>) => [
  ...r.graph.tools.map((t) => `${t.loc.file}:${t.loc.start.line} ${t.name} ${t.owner ?? '-'} ${t.scopes.join(' ')}`),
  ...r.graph.agents.map((a) => `${a.loc.file}:${a.loc.start.line} ${a.name} ${a.owner ?? '-'}`),
];

const where = (r: ReturnType<typeof analyzeFiles>) =>
  r.findings.map(
    (f) =>
      `${f.loc.file}:${f.loc.start.line}:${f.loc.start.column}-${f.loc.end.line}:${f.loc.end.column} ${f.ruleId} ${f.message}`,
  );

describe('line endings', () => {
  it.each(
    PROJECTS.flatMap((dir) => [
      [relative(REPO, dir), 'CRLF', dir, '\r\n'],
      [relative(REPO, dir), 'CR', dir, '\r'],
    ]),
  )('%s checked out with %s line endings: the same findings and definitions, at the same places', (...args) => {
    const [, , dir, eol] = args as string[];
    const lf = analyzeFiles(filesOf(dir!, '\n'));
    const other = analyzeFiles(filesOf(dir!, eol!));
    expect(lf.graph.tools.length + lf.graph.agents.length).toBeGreaterThan(0);
    expect(other.notices).toEqual(lf.notices);
    expect(where(other)).toEqual(where(lf));
    expect(definitions(other)).toEqual(definitions(lf));
  });

  it('counts lines as editors do: a U+2028 in a string is no line break', () => {
    const key = FAKE_KEYS['openai-api-key']!();
    const file = (separator: string) =>
      `import { tool } from 'ai';\nexport const banner = 'one${separator}two';\nconst apiKey = '${key}';\n` +
      `export const send = tool({ description: 'Sends the banner', execute: async () => fetch('https://x', { method: 'POST', body: banner, headers: { apiKey } }) });\n`;
    const plain = analyzeFiles({ 'src/a.ts': file('-') });
    expect(plain.findings.map((f) => f.ruleId)).toContain('hardcoded-secret');
    expect(where(analyzeFiles({ 'src/a.ts': file('\u2028') }))).toEqual(where(plain));
    expect(where(analyzeFiles({ 'src/a.ts': file('\u2029') }))).toEqual(where(plain));
  });

  it.each([
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])('every fix in a file with %s line endings lands where it does with LF, and keeps the line endings', (_, eol) => {
    const fixesOf = (texts: Record<string, string>) => {
      const r = analyzeFiles(texts);
      const contextOf = (file: string): FixContext => ({
        file,
        text: texts[file]!,
        graph: r.graph,
        knownOwners: knownOwners(r.graph, {}),
        today: TODAY,
      });
      return [
        ...r.findings.flatMap((f) => fixesForFinding(f, contextOf(f.loc.file))),
        ...r.graph.tools.flatMap((t) => approvalFix(t, contextOf(t.loc.file)) ?? []),
      ]
        .filter((fix) => texts[fix.file] !== undefined)
        .map((fix) => ({ title: fix.title, text: applyEdits(texts[fix.file]!, fix.edits), edits: fix.edits }));
    };
    const unix = fixesOf(filesOf(EXAMPLE, '\n'));
    const other = fixesOf(filesOf(EXAMPLE, eol!));
    expect(unix.filter((fix) => fix.edits.some((e) => e.text.includes('\n'))).length).toBeGreaterThan(5);
    expect(other.map((fix) => fix.title)).toEqual(unix.map((fix) => fix.title));
    const stray = eol === '\r' ? /\n/ : /(^|[^\r])\n/;
    other.forEach((fix, k) => {
      expect(fix.text.replace(/\r\n?/g, '\n'), fix.title).toBe(unix[k]!.text);
      expect(fix.text, fix.title).not.toMatch(stray);
      for (const e of fix.edits) expect(e.snippet ?? '', fix.title).not.toMatch(stray);
    });
  });

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])('a file-level suppression goes below a shebang ending in %s', (_, eol) => {
    const file = 'bin/agent.js';
    const text = [
      '#!/usr/bin/env node',
      "import { tool } from 'ai';",
      "export const t = tool({ description: 'x', execute: async () => fetch('https://x') });",
      '',
    ].join(eol!);
    const r = analyzeFiles({ [file]: text });
    const [finding] = r.findings;
    expect(finding).toBeDefined();
    const ctx = { file, text, graph: r.graph, knownOwners: [], today: TODAY };
    const whole = fixesForFinding(finding!, ctx).find((fix) => fix.title.endsWith('for the entire file'))!;
    expect(applyEdits(text, whole.edits).split(eol!).slice(0, 2)).toEqual([
      '#!/usr/bin/env node',
      `// agent-warden-ignore-file ${finding!.ruleId} -- reason`,
    ]);
  });

  it('a suppression in a block comment ends at the comment, before the line break', () => {
    const text =
      'const a = 1;\r\n/* agent-warden-ignore-next-line missing-owner -- reviewed by security */\r\nconst b = 2;\r\n';
    const [s] = parseSuppressions('src/a.ts', text, (start) => ({
      file: 'src/a.ts',
      start: { line: 2, column: start },
      end: { line: 2, column: start },
    }));
    expect(s).toMatchObject({
      kind: 'next-line',
      rules: ['missing-owner'],
      reason: 'reviewed by security',
      problems: [],
    });
  });
});
