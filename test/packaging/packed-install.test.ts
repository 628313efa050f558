import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, tempProject } from '../helpers/cli';
import { FAKE_KEYS } from '../helpers/fake-keys';
import { type LspSession, startLsp } from '../helpers/lsp-client';

const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    timeout: 240_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** `npm pack` of this repository, installed into an empty project from the tarball, as a user (or an editor) would. */
describe('the npm package, packed and installed into an empty project', { timeout: 300_000 }, () => {
  let project: string;
  let shipped: string[];
  const bin = (name: string) => join(project, 'node_modules', '.bin', name);

  beforeAll(() => {
    const out = mkdtempSync(join(tmpdir(), 'agent-warden-pack-'));
    const pack = run('npm', ['pack', '--json', '--pack-destination', out], REPO);
    expect(pack.code, pack.err).toBe(0);
    const [packed] = JSON.parse(pack.out) as { filename: string; files: { path: string }[] }[];
    shipped = packed!.files.map((f) => f.path).sort();
    project = tempProject({ 'package.json': '{ "name": "a-user-project", "private": true }\n' });
    // Its one runtime dependency is in npm's cache already (the test run began with `npm ci`).
    const install = run(
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefer-offline', join(out, packed!.filename)],
      project,
    );
    expect(install.code, install.err).toBe(0);
    cpSync(join(REPO, 'examples/support-desk'), join(project, 'app'), { recursive: true });
  });

  it('ships the bundles, the JSON schemas and the docs, and no sources', () => {
    expect(shipped).toContain('dist/server-main.js');
    expect(shipped).toContain('schemas/scan-result.v1.schema.json');
    expect(shipped).toContain('schemas/inventory.v1.schema.json');
    expect(shipped).toContain('schemas/lockfile.v1.schema.json');
    expect(shipped).toContain('CHANGELOG.md');
    expect(shipped.filter((f) => f.endsWith('.ts') || f.startsWith('test/'))).toEqual([]);
  });

  it('agent-warden scan reports the example project’s findings', () => {
    const r = run(bin('agent-warden'), ['scan', 'app'], project);
    expect(r.code, r.err).toBe(1);
    expect(r.out).toContain('hardcoded-secret');
    expect(r.out).toMatch(/\d+ problems? \(\d+ errors?/);
  });

  it("agent-warden lock --check finds the code as the example's lockfile records it", () => {
    const r = run(bin('agent-warden'), ['lock', '--check'], join(project, 'app'));
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('No authority changes from agent-warden.lock.json to the code.');
  });

  describe('agent-warden-lsp --stdio, as editors other than VS Code start it', () => {
    let s: LspSession;
    beforeAll(async () => {
      s = await startLsp(join(project, 'app'), { server: bin('agent-warden-lsp'), pull: false });
    });
    afterAll(async () => {
      if (s) expect(await s.close()).toBe(0);
    });

    it('answers initialize with the package’s version', () => {
      expect(s.serverInfo).toEqual({ name: 'agent-warden', version: VERSION });
    });

    it('publishes diagnostics for an opened file', async () => {
      const rel = 'src/billing/tools.ts';
      s.open(rel);
      await expect
        .poll(
          () =>
            s.published
              .get(s.uri(rel))
              ?.at(-1)
              ?.diagnostics.map((d) => d.code),
          { timeout: 20_000 },
        )
        .toContain('hardcoded-secret');
    });
  });

  it('Neovim with the documented setup shows the findings of an opened file', () => {
    const guide = readFileSync(join(REPO, 'docs/guides/other-editors.md'), 'utf8');
    const setup = /```lua\n([\s\S]*?)```/.exec(guide)![1]!;
    const dir = mkdtempSync(join(tmpdir(), 'agent-warden-nvim-'));
    const result = join(dir, 'diagnostics.json');
    writeFileSync(join(dir, 'init.lua'), setup);
    // Waits for the server's diagnostics in the opened buffer, writes them out and quits.
    writeFileSync(
      join(dir, 'collect.lua'),
      `local deadline = vim.loop.now() + 30000
local timer = vim.loop.new_timer()
timer:start(100, 100, vim.schedule_wrap(function()
  local found = vim.diagnostic.get(0)
  if #found == 0 and vim.loop.now() < deadline then return end
  timer:stop()
  local out = {}
  for _, d in ipairs(found) do table.insert(out, { code = d.code, source = d.source, line = d.lnum + 1 }) end
  vim.fn.writefile({ vim.fn.json_encode(out) }, ${JSON.stringify(result)})
  vim.cmd('qa!')
end))
`,
    );
    const env = { PATH: `${join(project, 'node_modules', '.bin')}:${process.env.PATH}`, XDG_STATE_HOME: dir };
    const nvim = run(
      'nvim',
      ['--headless', '-u', join(dir, 'init.lua'), '-c', `luafile ${join(dir, 'collect.lua')}`, 'src/billing/tools.ts'],
      join(project, 'app'),
      env,
    );
    expect(nvim.code, nvim.err).toBe(0);
    const diagnostics = JSON.parse(readFileSync(result, 'utf8')) as { code: string; source: string; line: number }[];
    expect(diagnostics.map((d) => `${d.code}@${d.line}`).sort()).toEqual([
      'hardcoded-secret@11',
      'long-lived-credential@18',
      'unlogged-action@18',
      'unscoped-tool@29',
    ]);
    expect(new Set(diagnostics.map((d) => d.source))).toEqual(new Set(['agent-warden']));
  });

  it('the installed binary as a git pre-commit hook blocks a commit that adds a key', () => {
    const git = (...args: string[]) =>
      run('git', args, project, {
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@example.com',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@example.com',
      });
    writeFileSync(join(project, '.gitignore'), 'node_modules/\napp/\n');
    git('init', '-q', '-b', 'main');
    const hook = join(project, '.git/hooks/pre-commit');
    writeFileSync(hook, '#!/bin/sh\nexec ./node_modules/.bin/agent-warden scan --staged\n');
    chmodSync(hook, 0o755);
    const key = FAKE_KEYS['openai-api-key']!();
    writeFileSync(
      join(project, 'client.ts'),
      `import OpenAI from 'openai';\nexport const c = new OpenAI({ apiKey: '${key}' });\n`,
    );
    git('add', '-A');
    const blocked = git('commit', '-m', 'client');
    expect(blocked.code).not.toBe(0);
    expect(blocked.out + blocked.err).toContain('hardcoded-secret');
    expect(blocked.out + blocked.err).not.toContain(key);
  });
});
