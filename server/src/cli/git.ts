import { spawnSync } from 'node:child_process';
import { relative, resolve } from 'node:path';
import { UsageError } from '../project/collect-files';
import { decodeText } from '../project/text-encoding';

const toPosix = (p: string) => p.split('\\').join('/');

function git(cwd: string, args: string[]): string {
  return gitBytes(cwd, args).toString('utf8');
}

function gitBytes(cwd: string, args: string[]): Buffer {
  const r = spawnSync('git', args, { cwd, maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw new UsageError(`cannot run git: ${r.error.message}`);
  if (r.status !== 0)
    throw new UsageError(`git ${args[0]} failed: ${r.stderr.toString('utf8').trim() || `exit ${r.status}`}`);
  return r.stdout;
}

export function repoRoot(cwd: string): string {
  return git(cwd, ['rev-parse', '--show-toplevel']).trim();
}

/** Files added, copied, modified or renamed in the index (what the next commit holds), relative to `cwd`. */
export function stagedFiles(cwd: string): string[] {
  const root = repoRoot(cwd);
  return git(root, ['diff', '--cached', '--name-only', '--diff-filter=ACMR', '-z'])
    .split('\0')
    .filter(Boolean)
    .map((p) => toPosix(relative(cwd, resolve(root, p))));
}

/** Files changed since `ref` (committed or not) and untracked files, relative to `cwd`. */
export function changedSince(cwd: string, ref: string): string[] {
  const root = repoRoot(cwd);
  const changed = git(root, ['diff', '--name-only', '--diff-filter=ACMR', '-z', ref, '--']).split('\0');
  const untracked = git(root, ['ls-files', '--others', '--exclude-standard', '-z']).split('\0');
  return [...new Set([...changed, ...untracked].filter(Boolean))].map((p) => toPosix(relative(cwd, resolve(root, p))));
}

/**
 * The staged (index) content of files, so a partly staged file is judged on what will be committed: its text, decoded
 * as a file on disk is, or why it is not read.
 */
export function stagedContents(cwd: string, files: string[]): Map<string, { text: string } | { skipped: string }> {
  const root = repoRoot(cwd);
  const out = new Map<string, { text: string } | { skipped: string }>();
  for (const f of files) {
    const path = toPosix(relative(root, resolve(cwd, f)));
    out.set(f, decodeText(gitBytes(root, ['show', `:${path}`])));
  }
  return out;
}
