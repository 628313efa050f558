// Fetches the agent-dense benchmark corpus (bench/dense/corpus.json): published agent code pinned by version and
// the registry's integrity, unpacked without dependencies into ~/.cache/agent-warden/dense-corpus/<hash of the
// list> (AGENT_WARDEN_DENSE_DIR to choose another). A finished corpus is reused (a stamp records it); corpora of
// other lists are removed. Run alone, it prints the folder; the benchmarks import `denseCorpus()`.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const LIST = join(import.meta.dirname, '..', 'bench', 'dense', 'corpus.json');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The corpus folder, fetched first when this list has not been fetched on this machine. */
export function denseCorpus() {
  const text = readFileSync(LIST, 'utf8');
  const store = process.env.AGENT_WARDEN_DENSE_DIR ?? join(homedir(), '.cache', 'agent-warden', 'dense-corpus');
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const home = join(store, hash);
  if (!existsSync(join(home, '.fetched'))) fetchAll(JSON.parse(text).packages, home);
  for (const other of readdirSync(store))
    if (other !== hash) rmSync(join(store, other), { recursive: true, force: true });
  return join(home, 'packages');
}

function fetchAll(packages, home) {
  console.error(`dense corpus: fetching ${packages.length} packages into ${home}`);
  rmSync(home, { recursive: true, force: true });
  const tarballs = join(home, 'tarballs');
  mkdirSync(tarballs, { recursive: true });
  // One npm process for every tarball: npm fetches them in parallel and reports each one's integrity.
  const packed = spawnSync(
    npm,
    ['pack', ...packages.map((p) => `${p.name}@${p.version}`), '--json', '--pack-destination', tarballs],
    { cwd: tarballs, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (packed.status !== 0) fail(`npm pack failed: ${packed.stderr.trim().split('\n').pop()}`);
  const got = new Map(JSON.parse(packed.stdout).map((info) => [`${info.name}@${info.version}`, info]));
  for (const p of packages) {
    const info = got.get(`${p.name}@${p.version}`);
    if (!info || info.integrity !== p.integrity) fail(`${p.name}@${p.version} does not have integrity ${p.integrity}`);
    const dest = join(home, 'packages', p.name.replace('/', '__'));
    mkdirSync(dest, { recursive: true });
    const tar = spawnSync('tar', ['-xzf', join(tarballs, info.filename), '-C', dest, '--strip-components=1']);
    if (tar.status !== 0) fail(`could not unpack ${info.filename}`);
    for (const folder of p.exclude ?? []) rmSync(join(dest, folder), { recursive: true, force: true });
    removeNodeModules(dest);
  }
  rmSync(tarballs, { recursive: true, force: true });
  writeFileSync(join(home, '.fetched'), `${new Date().toISOString()}\n`);
}

/** Dependencies some tarballs bundle are not the package's own code. */
function removeNodeModules(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    if (e.name === 'node_modules') rmSync(join(dir, e.name), { recursive: true, force: true });
    else removeNodeModules(join(dir, e.name));
  }
}

function fail(message) {
  console.error(`dense corpus: ${message}`);
  process.exit(1);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(denseCorpus());
