import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../project/collect-files';

function run(cmd: string, args: string[], cwd: string, input?: Buffer): Buffer {
  const r = spawnSync(cmd, args, { cwd, input, maxBuffer: 4 * 1024 * 1024 * 1024 });
  if (r.error) throw new UsageError(`cannot run ${cmd}: ${r.error.message}`);
  if (r.status !== 0)
    throw new UsageError(`${cmd} ${args[0]} failed: ${r.stderr.toString().trim() || `exit ${r.status}`}`);
  return r.stdout;
}

/**
 * Runs `inside` in a copy of the repository as it was at `ref` (the working directory's folder within it), and
 * removes the copy after. The copy is written with `git archive`: the repository, its index and its working tree
 * are never touched.
 */
export async function atRevision<T>(cwd: string, ref: string, inside: (dir: string) => Promise<T>): Promise<T> {
  const git = (args: string[]) => run('git', args, cwd).toString().trim();
  const commit = (() => {
    try {
      return git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
    } catch {
      throw new UsageError(`no commit '${ref}' in this repository (fetch it first, e.g. git fetch origin main)`);
    }
  })();
  const root = git(['rev-parse', '--show-toplevel']);
  const prefix = git(['rev-parse', '--show-prefix']);
  const dir = mkdtempSync(join(tmpdir(), 'agent-warden-rev-'));
  try {
    run('tar', ['-x', '-f', '-', '-C', dir], root, run('git', ['archive', '--format=tar', commit], root));
    return await inside(join(dir, prefix));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
