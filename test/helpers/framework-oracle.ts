import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, THIRD_PARTY } from './cli';

/**
 * A fixture project built to run on a framework's real runtime: its entry bundled with esbuild into a folder
 * of third-party/, so that its imports (`fastmcp`, `zod`) load the pinned packages installed there.
 * `alias` runs it against another pinned major (`{ fastmcp: 'fastmcp-3' }`). The analyzer reads the sources;
 * only this test runs them.
 */
export function bundleForRuntime(entry: string, name: string, alias: Record<string, string> = {}): string {
  const outDir = join(THIRD_PARTY, '.oracles');
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, `${name}.mjs`);
  const r = spawnSync(
    join(REPO, 'node_modules/.bin/esbuild'),
    [
      join(REPO, entry),
      '--bundle',
      '--platform=node',
      '--format=esm',
      '--packages=external',
      '--log-level=error',
      ...Object.entries(alias).map(([from, to]) => `--alias:${from}=${to}`),
      `--outfile=${outfile}`,
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`esbuild failed: ${r.stderr}`);
  return outfile;
}
