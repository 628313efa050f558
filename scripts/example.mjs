// `npm run example`: installs the locked dependencies (only when package-lock.json changed since the last install),
// builds (only when a source changed: scripts/build.mjs), then scans the bundled example project.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const STAMP = 'node_modules/.agent-warden-installed';
const wanted = createHash('sha256').update(readFileSync('package-lock.json')).update(process.version).digest('hex');

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 2);
}

if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === wanted) console.log('example: dependencies are installed');
else {
  run('npm', ['ci', '--no-audit', '--no-fund']);
  writeFileSync(STAMP, wanted);
}
run(process.execPath, ['scripts/build.mjs']);
run(process.execPath, ['scripts/scan-example.mjs', ...process.argv.slice(2)]);
