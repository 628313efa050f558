// Bundles and runs a TypeScript benchmark from bench/ (default: the scan benchmark).
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const entry = process.argv[2] ?? 'bench/scan-bench.ts';
const out = join(mkdtempSync(join(tmpdir(), 'aw-bench-')), 'bench.cjs');
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
