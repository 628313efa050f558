// Installs third-party/ — the published packages the tests and benchmarks read and run — and links
// third-party/node_modules to the installation.
//
// The packages (over 600 MB, some 50,000 files) are installed outside the repository, in a folder named after
// the lockfile's hash under ~/.cache/agent-warden/third-party (AGENT_WARDEN_THIRD_PARTY_DIR to choose another):
// tools that walk the repository, `vsce` first, do not follow the link, and every clone on the machine with
// the same lockfile shares one installation. An installation is reused when it was finished (a stamp inside
// records it); installations of other lockfiles are removed when a new one is made.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const project = join(import.meta.dirname, '..', 'third-party');
const store = process.env.AGENT_WARDEN_THIRD_PARTY_DIR ?? join(homedir(), '.cache', 'agent-warden', 'third-party');
const hash = createHash('sha256')
  .update(readFileSync(join(project, 'package-lock.json')))
  .digest('hex')
  .slice(0, 16);
const home = join(store, hash);
const stamp = join(home, 'node_modules', '.agent-warden-installed');

if (existsSync(stamp)) console.log(`third-party: installed in ${home}`);
else install();
link(join(project, 'node_modules'), join(home, 'node_modules'));

function install() {
  console.log(`third-party: npm ci in ${home} (agent frameworks, MCP servers, benchmark contenders; about a minute)`);
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  for (const f of ['package.json', 'package-lock.json']) copyFileSync(join(project, f), join(home, f));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: home, stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
  for (const other of readdirSync(store))
    if (other !== hash) rmSync(join(store, other), { recursive: true, force: true });
}

/** Points `from` at `to`, replacing whatever is there (a folder from an install made in place, an old link). */
function link(from, to) {
  let current;
  try {
    current = lstatSync(from);
  } catch {
    // Nothing there yet.
  }
  if (current?.isSymbolicLink() && readlinkSync(from) === to) return;
  if (current) rmSync(from, { recursive: true, force: true });
  symlinkSync(to, from, process.platform === 'win32' ? 'junction' : 'dir');
}
