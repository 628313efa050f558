import { spawnSync } from 'node:child_process';

const AUTHOR = {
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.com',
};

const run = (cwd: string, args: string[]) =>
  spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...AUTHOR } });

/** Runs git in `cwd` as a test author; the exit code and everything it printed. */
export function git(cwd: string, ...args: string[]): { code: number; out: string } {
  const r = run(cwd, args);
  return { code: r.status ?? -1, out: r.stdout + r.stderr };
}

/** The same, failing the test when git fails; what it printed on stdout. */
export function gitOk(cwd: string, ...args: string[]): string {
  const r = run(cwd, args);
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
