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
// share one tree with the MCP servers at the top (zod 3, as each gets when installed alone); `voltagent-1/` VoltAgent's
// previous major, whose peers are the AI SDK 5; `cloudflare/` the Agents
// SDK, which pins exact MCP SDK peers, and the Workers runtime (Miniflare, workerd); `corpus/` holds the
// published code the accuracy benchmark counts on, whose dependencies would otherwise move the packages tests pin;
// `claude/` the Claude Agent SDK.
const projects = ['.', 'frameworks', 'voltagent-1', 'cloudflare', 'corpus', 'claude'];
// What each project is installed from: a project's .npmrc, when it has one, says how (`claude/` omits the Claude Code
// binaries, optional dependencies of the Agent SDK that only running a query needs).
const projectFiles = (p) => [
  'package.json',
  'package-lock.json',
  ...(existsSync(join(root, p, '.npmrc')) ? ['.npmrc'] : []),
];
const store = process.env.AGENT_WARDEN_THIRD_PARTY_DIR ?? join(homedir(), '.cache', 'agent-warden', 'third-party');
const digest = createHash('sha256');
for (const p of projects)
  for (const f of projectFiles(p)) digest.update(`${p}/${f}\0`).update(readFileSync(join(root, p, f)));
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
    for (const f of projectFiles(p)) copyFileSync(join(root, p, f), join(dir, f));
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const run = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'inherit' });
    if (run.status !== 0) process.exit(run.status ?? 1);
    unpackTarballs(dir, npm);
  }
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
}

/**
 * Packages read as code only (`agentWardenTarballs` in a project's package.json: name → version and integrity):
 * their published tarball, checked against the integrity the registry gave when it was pinned, is unpacked into
 * node_modules without their dependencies, which static analysis never needs (task-master-ai's weigh 1.4 GB).
 */
function unpackTarballs(dir, npm) {
  const wanted = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).agentWardenTarballs ?? {};
  for (const [name, { version, integrity }] of Object.entries(wanted)) {
    const packed = spawnSync(npm, ['pack', `${name}@${version}`, '--json', '--pack-destination', dir], {
      cwd: dir,
      encoding: 'utf8',
    });
    const info = packed.status === 0 ? JSON.parse(packed.stdout)[0] : undefined;
    if (!info || info.integrity !== integrity) {
      console.error(`third-party: ${name}@${version} could not be fetched with integrity ${integrity}`);
      process.exit(1);
    }
    const dest = join(dir, 'node_modules', name);
    rmSync(dest, { recursive: true, force: true });
    mkdirSync(dest, { recursive: true });
    const tar = spawnSync('tar', ['-xzf', join(dir, info.filename), '-C', dest, '--strip-components=1']);
    if (tar.status !== 0) process.exit(tar.status ?? 1);
    rmSync(join(dir, info.filename));
  }
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
