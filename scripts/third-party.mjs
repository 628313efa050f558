// Installs third-party/ — the published packages the tests and benchmarks read and run — with `npm ci`, unless
// what is installed there was installed from the same lockfile (a stamp beside it records the lockfile's hash).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname, '..', 'third-party');
const stamp = join(dir, 'node_modules', '.installed-from-lock');
const lockHash = createHash('sha256')
  .update(readFileSync(join(dir, 'package-lock.json')))
  .digest('hex');

if (existsSync(stamp) && readFileSync(stamp, 'utf8') === lockHash) {
  console.log('third-party: installed');
} else {
  console.log('third-party: npm ci (agent frameworks, MCP servers and benchmark contenders, about a minute)');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
  writeFileSync(stamp, lockHash);
}
