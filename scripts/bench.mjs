// Bundles and runs a TypeScript benchmark from bench/ (default: the scan benchmark).
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const entry = process.argv[2] ?? 'bench/scan-bench.ts';
// Inside the repository, so that the bundle's external packages (typescript) resolve from its node_modules.
const cacheDir = join('node_modules', '.cache', 'agent-warden-bench');
mkdirSync(cacheDir, { recursive: true });
const out = join(mkdtempSync(join(cacheDir, 'run-')), 'bench.cjs');
await build({
  entryPoints: [entry],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: out,
  logLevel: 'warning',
  mainFields: ['module', 'main'],
  external: ['typescript'],
  alias: { fdir: './node_modules/fdir/dist/index.cjs' },
});
await import(pathToFileURL(out).href);
