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

const root = join(import.meta.dirname, '..', 'third-party');
// Each project is installed on its own: `frameworks/` holds agent frameworks whose peer dependencies (zod 4) cannot
// share one tree with the MCP servers at the top (zod 3, as each gets when installed alone); `cloudflare/` the Agents
// SDK, which pins exact MCP SDK peers, and the Workers runtime (Miniflare, workerd); `corpus/` holds the
// published code the accuracy benchmark counts on, whose dependencies would otherwise move the packages tests pin.
const projects = ['.', 'frameworks', 'cloudflare', 'corpus'];
const store = process.env.AGENT_WARDEN_THIRD_PARTY_DIR ?? join(homedir(), '.cache', 'agent-warden', 'third-party');
const digest = createHash('sha256');
for (const p of projects) digest.update(`${p}\0`).update(readFileSync(join(root, p, 'package-lock.json')));
const hash = digest.digest('hex').slice(0, 16);
const home = join(store, hash);
const stamp = join(home, '.agent-warden-installed');

if (existsSync(stamp)) console.log(`third-party: installed in ${home}`);
else install();
for (const p of projects) link(join(root, p, 'node_modules'), join(home, p, 'node_modules'));
// Other lockfiles' installations go once the links point at this one (removing 2 GB takes a while).
for (const other of readdirSync(store))
  if (other !== hash) rmSync(join(store, other), { recursive: true, force: true });

function install() {
  console.log(`third-party: npm ci in ${home} (agent frameworks, MCP servers, benchmark contenders; a minute or two)`);
  rmSync(home, { recursive: true, force: true });
  for (const p of projects) {
    const dir = join(home, p);
    mkdirSync(dir, { recursive: true });
    for (const f of ['package.json', 'package-lock.json']) copyFileSync(join(root, p, f), join(dir, f));
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const run = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'inherit' });
    if (run.status !== 0) process.exit(run.status ?? 1);
  }
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
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
