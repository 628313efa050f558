import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { SAVE_COMPILED_CODE } from '../../server/src/compiled-code';
import { runCli, tempProject } from '../helpers/cli';
import { startLsp } from '../helpers/lsp-client';

/**
 * The launchers keep V8's compiled code of the bundles between runs (server/src/code-cache.ts). A cache can
 * only ever save time: whatever state it is in, the report is the same.
 */
const project = tempProject({
  'src/agent.ts': `import { tool } from 'ai';\nexport const lookup = tool({ description: 'x', inputSchema: {} as any, execute: async () => fetch('https://orders.example/api') });\n`,
});
const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

function cacheDir(): string {
  const root = mkdtempSync(join(tmpdir(), 'aw-code-cache-'));
  roots.push(root);
  return join(root, 'code');
}
const scan = (env: Record<string, string>) => {
  const r = runCli(['scan', '--format', 'json'], { cwd: project, env });
  expect(r.stderr).toBe('');
  return r.stdout;
};
const entries = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.code'))
    .sort();
const plain = scan({ AGENT_WARDEN_CODE_CACHE: 'off' });

describe('a long run of the CLI', () => {
  it('asks for its compiled code to be written once it has analysed for a second, and only once', async () => {
    // What asks is the CLI's executor; what writes is the launcher's cache (code-cache.ts), tested through the server.
    let asked = 0;
    const global = globalThis as unknown as Record<symbol, unknown>;
    global[SAVE_COMPILED_CODE] = () => asked++;
    try {
      const jobs = (n: number) =>
        Array.from({ length: n }, (_, k) => ({
          input: { file: `src/${k}.ts`, text: 'export const a = 1;\n' },
          depth: 'facts' as const,
        }));
      const ran = performance.now(); // since this process started
      if (ran < 1100) await new Promise((r) => setTimeout(r, 1100 - ran));
      // Test files share a worker's modules: one before this one may have run a long analysis already, as this does.
      const executorModule = () => import('../../server/src/cli/worker-executor');
      await new (await executorModule()).WorkerExecutor(1).run(jobs(3), {}, () => undefined);
      asked = 0;
      vi.resetModules(); // a run of its own, from the start
      const { WorkerExecutor } = await executorModule();
      await new WorkerExecutor(1).run(jobs(3), {}, () => undefined);
      await new WorkerExecutor(1).run(jobs(3), {}, () => undefined);
      expect(asked).toBe(1);
    } finally {
      delete global[SAVE_COMPILED_CODE];
    }
  });
});

describe('compiled-code cache of the CLI', () => {
  it('is written by a first run (the CLI bundle and the compiler), then used as it is', () => {
    const dir = cacheDir();
    expect(scan({ AGENT_WARDEN_CODE_CACHE_DIR: dir })).toBe(plain);
    const written = entries(dir);
    expect(written.map((f) => f.split('-')[0])).toEqual(['cli', 'typescript.js']);
    expect(statSync(dir).mode & 0o077).toBe(0); // the user's own
    const stamps = written.map((f) => statSync(join(dir, f)).mtimeMs);
    expect(scan({ AGENT_WARDEN_CODE_CACHE_DIR: dir })).toBe(plain);
    expect(entries(dir)).toEqual(written);
    expect(written.map((f) => statSync(join(dir, f)).mtimeMs)).toEqual(stamps); // accepted, not written again
  });

  it('stays valid after a run that collected its garbage between files', () => {
    // A collection between files exposes V8's collector at run time; with that flag left set, V8 rejected the code
    // this run cached. A ceiling of 1 MB collects after every file.
    const dir = cacheDir();
    const env = { AGENT_WARDEN_CODE_CACHE_DIR: dir, AGENT_WARDEN_HEAP_CEILING_MB: '1' };
    expect(scan(env)).toBe(plain);
    const written = entries(dir);
    const stamps = written.map((f) => statSync(join(dir, f)).mtimeMs);
    expect(scan(env)).toBe(plain);
    expect(written.map((f) => statSync(join(dir, f)).mtimeMs)).toEqual(stamps); // accepted, not written again
  });

  it("another build's entries are replaced, not piled up", () => {
    const dir = cacheDir();
    scan({ AGENT_WARDEN_CODE_CACHE_DIR: dir });
    const written = entries(dir);
    const stale = written.map((f) => f.replace(/-[0-9a-f]{12}-/, '-000000000000-'));
    for (const [k, f] of written.entries()) writeFileSync(join(dir, stale[k]!), readFileSync(join(dir, f)));
    for (const f of written) rmSync(join(dir, f));
    expect(scan({ AGENT_WARDEN_CODE_CACHE_DIR: dir })).toBe(plain);
    expect(entries(dir)).toEqual(written);
  });

  it('a corrupt entry is compiled past and replaced', () => {
    const dir = cacheDir();
    scan({ AGENT_WARDEN_CODE_CACHE_DIR: dir });
    const cli = entries(dir)[0]!;
    writeFileSync(join(dir, cli), Buffer.from('not compiled code at all'));
    expect(scan({ AGENT_WARDEN_CODE_CACHE_DIR: dir })).toBe(plain);
    expect(readFileSync(join(dir, cli)).length).toBeGreaterThan(10_000);
  });

  it('a folder others can write to is not used (compiled code is code)', () => {
    const dir = cacheDir();
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o777);
    expect(scan({ AGENT_WARDEN_CODE_CACHE_DIR: dir })).toBe(plain);
    expect(entries(dir)).toEqual([]);
  });

  it('AGENT_WARDEN_CODE_CACHE=off writes nothing; an unusable folder is no error', () => {
    const dir = cacheDir();
    expect(scan({ AGENT_WARDEN_CODE_CACHE_DIR: dir, AGENT_WARDEN_CODE_CACHE: 'off' })).toBe(plain);
    expect(() => readdirSync(dir)).toThrow();
    const file = join(dir, '..', 'a-file');
    writeFileSync(file, 'x');
    expect(scan({ AGENT_WARDEN_CODE_CACHE_DIR: file })).toBe(plain);
  });

  it('the language server keeps its own entry, written when the editor shuts it down', async () => {
    const dir = cacheDir();
    const before = process.env.AGENT_WARDEN_CODE_CACHE_DIR;
    process.env.AGENT_WARDEN_CODE_CACHE_DIR = dir; // the server inherits it
    try {
      const lsp = await startLsp(project);
      await lsp.waitReady();
      expect(await lsp.close()).toBe(0);
    } finally {
      if (before === undefined) delete process.env.AGENT_WARDEN_CODE_CACHE_DIR;
      else process.env.AGENT_WARDEN_CODE_CACHE_DIR = before;
    }
    expect(entries(dir).map((f) => f.split('-')[0])).toContain('server');
  });

  it('the language server writes its entry once it has served diagnostics and no edit has come for a while', async () => {
    // Written then, not when the editor closes it: V8 drops the bytecode of what a long session stops calling.
    const dir = cacheDir();
    const before = process.env.AGENT_WARDEN_CODE_CACHE_DIR;
    process.env.AGENT_WARDEN_CODE_CACHE_DIR = dir;
    try {
      const lsp = await startLsp(project);
      await lsp.waitReady();
      lsp.open('src/agent.ts');
      expect((await lsp.pull('src/agent.ts')).kind).toBe('full');
      const server = () => entries(dir).filter((f) => f.startsWith('server'));
      for (let waited = 0; !server().length && waited < 20_000; waited += 250)
        await new Promise((r) => setTimeout(r, 250));
      const written = server();
      expect(written).toHaveLength(1); // while the server runs
      const stamp = statSync(join(dir, written[0]!)).mtimeMs;
      expect(await lsp.close()).toBe(0);
      expect(statSync(join(dir, written[0]!)).mtimeMs).toBe(stamp); // not written again at the end
    } finally {
      if (before === undefined) delete process.env.AGENT_WARDEN_CODE_CACHE_DIR;
      else process.env.AGENT_WARDEN_CODE_CACHE_DIR = before;
    }
  });
});
