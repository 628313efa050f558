// vsce, which packages the VS Code extension, installed apart from the repository's own dependencies and run.
//
// Usage: node scripts/vsce.mjs [vsce arguments]   (no arguments: install only)
//
// vsce brings some 220 packages (Azure's identity libraries among them) that only packaging uses; as a development
// dependency each `npm ci` installed them, and so did pre-commit for every user of the hook (it installs the hook's
// repository with its development dependencies). It is pinned by tools/vsce/package-lock.json and installed once per
// lockfile into vsce-<hash> beside the other test tools, outside the repository (~/.cache/agent-warden/tools, or
// AGENT_WARDEN_TOOLS_DIR): vsce would walk its own install when packaging. A stamp records a finished install.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOOLS_DIR } from './tools-dir.mjs';

const repo = join(import.meta.dirname, '..');
const pinned = join(repo, 'tools/vsce');
const files = ['package.json', 'package-lock.json'];
const digest = createHash('sha256');
for (const f of files) digest.update(`${f}\0`).update(readFileSync(join(pinned, f)));
const hash = digest.digest('hex').slice(0, 12);

const home = join(TOOLS_DIR, `vsce-${hash}`);
const stamp = join(home, '.installed');

if (!existsSync(stamp)) install();
const args = process.argv.slice(2);
if (args.length > 0) {
  const run = spawnSync(process.execPath, [join(home, 'node_modules/@vscode/vsce/vsce'), ...args], {
    cwd: repo,
    stdio: 'inherit',
  });
  process.exit(run.status ?? 1);
}

function install() {
  console.log(`vsce: npm ci in ${home}`);
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  for (const f of files) copyFileSync(join(pinned, f), join(home, f));
  // No install scripts: packaging needs none (they fetch a signing tool and build a keychain binding).
  const ci = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts', '--prefer-offline'], {
    cwd: home,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (ci.status !== 0) {
    console.error(`vsce: npm ci failed in ${home}`);
    process.exit(1);
  }
  writeFileSync(stamp, '');
  // Installs of other lockfiles go once this one is done.
  for (const other of readdirSync(TOOLS_DIR))
    if (other.startsWith('vsce-') && other !== `vsce-${hash}`)
      rmSync(join(TOOLS_DIR, other), { recursive: true, force: true });
}
