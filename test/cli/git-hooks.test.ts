import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, REPO, runCli, tempProject } from '../helpers/cli';
import { FAKE_KEYS } from '../helpers/fake-keys';
import { git } from '../helpers/git';

function repo(files: Record<string, string>): string {
  const dir = tempProject(files);
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'init');
  return dir;
}

const CLEAN = `export const greeting = 'hello';\n`;
const leaking = (key: string) =>
  `import OpenAI from 'openai';\nexport const client = new OpenAI({ apiKey: '${key}' });\n`;
const FIXED = `import OpenAI from 'openai';\nexport const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n`;

describe('pre-commit with real git', () => {
  it('a plain .git/hooks/pre-commit blocks a commit that adds a key; the fixed commit goes through', () => {
    const dir = repo({ 'src/app.ts': CLEAN });
    const hook = join(dir, '.git/hooks/pre-commit');
    writeFileSync(hook, `#!/bin/sh\nexec "${process.execPath}" "${CLI}" scan --staged\n`);
    chmodSync(hook, 0o755);

    const key = FAKE_KEYS['openai-api-key']!();
    writeFileSync(join(dir, 'src/app.ts'), leaking(key));
    git(dir, 'add', 'src/app.ts');
    const blocked = git(dir, 'commit', '-m', 'add client');
    expect(blocked.code).not.toBe(0);
    expect(blocked.out).toContain('hardcoded-secret');
    expect(blocked.out).toContain('commit blocked by 1 error');
    expect(blocked.out).not.toContain(key);

    writeFileSync(join(dir, 'src/app.ts'), FIXED);
    git(dir, 'add', 'src/app.ts');
    const ok = git(dir, 'commit', '-m', 'add client');
    expect(ok.code, ok.out).toBe(0);
  });

  it('a partly staged file is judged on its staged content', () => {
    const dir = repo({ 'src/app.ts': CLEAN });
    writeFileSync(join(dir, 'src/app.ts'), leaking(FAKE_KEYS['anthropic-api-key']!()));
    git(dir, 'add', 'src/app.ts');
    writeFileSync(join(dir, 'src/app.ts'), FIXED); // fixed in the working tree, not in the index
    const staged = runCli(['scan', '--staged', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(staged.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['hardcoded-secret']);
    expect(staged.code).toBe(1);
    const worktree = runCli(['scan', 'src/app.ts', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(worktree.stdout).findings).toEqual([]);

    // And the other way round: clean in the index, a key only in the working tree.
    git(dir, 'add', 'src/app.ts');
    writeFileSync(join(dir, 'src/app.ts'), leaking(FAKE_KEYS['anthropic-api-key']!()));
    expect(JSON.parse(runCli(['scan', '--staged', '--format', 'json'], { cwd: dir }).stdout).findings).toEqual([]);
  });

  it('--changed-since reports on changed files only, with the rest as context', () => {
    const dir = repo({ 'src/old.ts': leaking(FAKE_KEYS['groq-api-key']!()), 'src/app.ts': CLEAN });
    writeFileSync(join(dir, 'src/new.ts'), leaking(FAKE_KEYS['github-token']!()));
    const out = JSON.parse(runCli(['scan', '--changed-since', 'HEAD', '--format', 'json'], { cwd: dir }).stdout);
    expect([...new Set(out.findings.map((f: { file: string }) => f.file))]).toEqual(['src/new.ts']);
  });
});

describe('--shard', () => {
  it('the shards together equal one full run', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++)
      files[`src/tool-${i}.ts`] =
        `import { tool } from 'ai';\nexport const t${i} = tool({ description: '', inputSchema: {} as any, execute: async () => fetch('https://a.example/${i}') });\n`;
    const dir = tempProject(files);
    const fps = (args: string[]) =>
      JSON.parse(runCli(['scan', '--format', 'json', ...args], { cwd: dir }).stdout).findings.map(
        (f: { fingerprint: string }) => f.fingerprint,
      );
    const full = fps([]);
    const shards = [1, 2, 3].map((i) => fps(['--shard', `${i}/3`]));
    expect(shards.every((s) => s.length > 0)).toBe(true);
    expect(shards.flat().sort()).toEqual([...full].sort());
    expect(runCli(['scan', '--shard', '4/3']).code).toBe(2);
  });
});

describe('the pre-commit framework with this repository’s .pre-commit-hooks.yaml', () => {
  it('blocks a commit that adds a key, lets the fixed one through', { timeout: 300_000 }, () => {
    const hookRepo = join(tempProject({}), 'hook');
    // What a user's config points at: this repository at its current commit, cloned as pre-commit would.
    expect(spawnSync('git', ['clone', '-q', REPO, hookRepo]).status).toBe(0);
    const rev = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: hookRepo, encoding: 'utf8' }).stdout.trim();
    const dir = repo({
      'src/app.ts': CLEAN,
      '.pre-commit-config.yaml': `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n      - id: agent-warden\n`,
    });
    // pre-commit installs the hook's repository with npm; the packages are in npm's cache already (the test run
    // began with `npm ci`), so npm need not ask the registry about each of them again.
    const env = { PRE_COMMIT_HOME: join(dir, '..', 'pre-commit-home'), npm_config_prefer_offline: 'true' };
    const pc = (...args: string[]) =>
      spawnSync('pre-commit', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env } });
    expect(pc('install').status).toBe(0);

    const key = FAKE_KEYS['stripe-secret-key']!();
    writeFileSync(join(dir, 'src/app.ts'), leaking(key));
    git(dir, 'add', 'src/app.ts');
    const commit = () =>
      spawnSync('git', ['commit', '-m', 'client'], {
        cwd: dir,
        encoding: 'utf8',
        env: {
          ...process.env,
          ...env,
          GIT_AUTHOR_NAME: 't',
          GIT_AUTHOR_EMAIL: 't@example.com',
          GIT_COMMITTER_NAME: 't',
          GIT_COMMITTER_EMAIL: 't@example.com',
        },
      });
    const blocked = commit();
    expect(blocked.status, blocked.stdout + blocked.stderr).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toMatch(/Agent Warden\.+Failed/);
    expect(blocked.stdout + blocked.stderr).toContain('hardcoded-secret');
    expect(blocked.stdout + blocked.stderr).not.toContain(key);

    writeFileSync(join(dir, 'src/app.ts'), FIXED);
    git(dir, 'add', 'src/app.ts');
    const ok = commit();
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout + ok.stderr).toMatch(/Agent Warden\.+Passed/);
  });
});
