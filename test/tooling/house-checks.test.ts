import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, tempProject } from '../helpers/cli';

/**
 * The checks `.ci/run` runs besides the tests — the layer check, the linter and the formatter — each run
 * with the repository's own configuration on a small project that breaks it, and on one that does not.
 */
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A throw-away project with the repository's configuration files and its node_modules. */
function project(files: Record<string, string>, configs: string[]): string {
  const dir = tempProject(files);
  made.push(dir);
  for (const c of configs) copyFileSync(join(REPO, c), join(dir, c));
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

function run(bin: string, args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [join(REPO, 'node_modules', bin), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

const TSCONFIG = JSON.stringify({
  compilerOptions: { target: 'ES2022', module: 'preserve', moduleResolution: 'bundler', strict: true, noEmit: true },
  include: ['server/src/**/*.ts', 'client/src/**/*.ts', 'shared/**/*.ts'],
});

describe('the layer check (dependency-cruiser)', () => {
  const layers = (files: Record<string, string>) =>
    run(
      'dependency-cruiser/bin/dependency-cruise.mjs',
      ['server', 'client', 'shared', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'],
      project({ 'tsconfig.json': TSCONFIG, ...files }, ['.dependency-cruiser.cjs']),
    );
  const base = {
    'server/src/typescript.ts': 'export const ts = 1;\n',
    'server/src/analyzer/types.ts': 'export interface Finding { id: string }\n',
    'server/src/cli/main.ts':
      "import type { Finding } from '../analyzer/types';\nexport const f = (x: Finding) => x;\n",
    'shared/protocol.ts': "export const STATUS = 'agentWarden/status';\n",
    'client/src/extension.ts': "import { STATUS } from '../../shared/protocol';\nexport const s = STATUS;\n",
  };

  it('passes a tree that keeps the layers', () => {
    const r = layers(base);
    expect(r.out).not.toMatch(/error/);
    expect(r.code).toBe(0);
  });

  // One project breaks every layer at once (one run of the checker); each break must be reported at its file.
  const breaks: [rule: string, file: string, files: Record<string, string>][] = [
    [
      'rules-never-parse',
      'server/src/rules/direct.ts',
      { 'server/src/rules/direct.ts': "import { ts } from '../typescript';\nexport const x = ts;\n" },
    ],
    [
      'rules-never-parse',
      'server/src/rules/transitive.ts',
      {
        'server/src/capabilities/helper.ts': "import { ts } from '../typescript';\nexport const h = ts;\n",
        'server/src/rules/transitive.ts': "import { h } from '../capabilities/helper';\nexport const x = h;\n",
      },
    ],
    [
      'core-knows-no-front-end',
      'server/src/analyzer/bad.ts',
      { 'server/src/analyzer/bad.ts': "import { f } from '../cli/main';\nexport const x = f;\n" },
    ],
    [
      'client-imports-only-the-protocol',
      'client/src/bad.ts',
      {
        'client/src/bad.ts':
          "import type { Finding } from '../../server/src/analyzer/types';\nexport type X = Finding;\n",
      },
    ],
    [
      'adapters-import-no-rules',
      'server/src/analyzer/adapters/bad.ts',
      {
        'server/src/rules/rule.ts': 'export const RULES = [];\n',
        'server/src/analyzer/adapters/bad.ts': "import { RULES } from '../../rules/rule';\nexport const x = RULES;\n",
      },
    ],
    [
      'no-circular',
      'server/src/analyzer/a.ts',
      {
        'server/src/analyzer/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
        'server/src/analyzer/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
      },
    ],
  ];

  it('fails on every break, naming the rule and the file', () => {
    const r = layers(Object.assign({}, base, ...breaks.map(([, , files]) => files)));
    expect(r.code).not.toBe(0);
    for (const [rule, file] of breaks) expect(r.out).toContain(`error ${rule}: ${file} →`);
  });
});

describe('the linter (typescript-eslint)', () => {
  const longFunction = `export function long(): number {\n  let n = 0;\n${'  n++;\n'.repeat(125)}  return n;\n}\n`;
  /** `file:line ruleId` of every problem ESLint reports, and its exit code. */
  const lint = (files: Record<string, string>) => {
    const dir = project({ 'tsconfig.json': TSCONFIG, ...files }, ['eslint.config.mjs']);
    const r = spawnSync(
      process.execPath,
      [join(REPO, 'node_modules/eslint/bin/eslint.js'), '--format', 'json', 'server'],
      {
        cwd: dir,
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    const results = JSON.parse(r.stdout) as { filePath: string; messages: { line: number; ruleId: string }[] }[];
    const problems = results.flatMap((f) =>
      f.messages.map((m) => `${f.filePath.slice(dir.length + 1)}:${m.line} ${m.ruleId}`),
    );
    return { code: r.status, problems };
  };

  it('passes clean code', () => {
    const r = lint({ 'server/src/ok.ts': 'export const add = (a: number, b: number): number => a + b;\n' });
    expect(r.problems).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('fails on a function over 120 lines, a long comment and a promise left floating', () => {
    const r = lint({
      'server/src/long.ts': longFunction,
      'server/src/comment.ts': `// ${'x'.repeat(130)}\nexport const y = 1;\n`,
      'server/src/floating.ts':
        'export async function go(): Promise<void> {}\nexport function start(): void {\n  go();\n}\n',
    });
    expect(r.code).toBe(1);
    expect(r.problems.sort()).toEqual([
      'server/src/comment.ts:1 @stylistic/max-len',
      'server/src/floating.ts:3 @typescript-eslint/no-floating-promises',
      'server/src/long.ts:1 max-lines-per-function',
    ]);
  });
});

describe('the formatter (Prettier)', () => {
  const check = (files: Record<string, string>) =>
    run('prettier/bin/prettier.cjs', ['--check', '.'], project(files, ['.prettierrc.json', '.prettierignore']));

  it('passes formatted code', () => {
    const r = check({ 'server/src/ok.ts': "export const greeting = 'hello';\n" });
    expect(r.code).toBe(0);
  });

  it('fails on code that is not formatted, and names the file', () => {
    const r = check({ 'server/src/bad.ts': 'export const greeting   =   "hello"\n' });
    expect(r.code).toBe(1);
    expect(r.out).toContain('server/src/bad.ts');
  });
});

describe('the documented commands', () => {
  it('every `npm run <script>` the README and the docs name exists in package.json', () => {
    const scripts = new Set(Object.keys(JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).scripts));
    const docs = ['README.md', 'CONTRIBUTING.md', 'ARCHITECTURE.md'].concat(
      readdirSync(join(REPO, 'docs'), { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('.md'))
        .map((f) => join('docs', f)),
    );
    const named = docs.flatMap((f) =>
      [...readFileSync(join(REPO, f), 'utf8').matchAll(/npm run ([a-z][\w:-]*)/g)].map((m) => `${f}: ${m[1]}`),
    );
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((n) => !scripts.has(n.split(': ')[1]!))).toEqual([]);
  });
});
