// Bundles and runs bench/secrets-bench.ts (TypeScript, shares the test helpers that build keys at run time).
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const out = join(mkdtempSync(join(tmpdir(), 'aw-bench-')), 'secrets-bench.cjs');
await build({ entryPoints: ['bench/secrets-bench.ts'], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'warning', mainFields: ['module', 'main'] });
await import(pathToFileURL(out).href);
