// Regenerates docs/rules/*.md from the rule files (bundled with esbuild so it runs on plain Node).
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = join(mkdtempSync(join(tmpdir(), 'aw-docs-')), 'gen.cjs');
await build({
  entryPoints: ['scripts/gen-rule-docs.ts'],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: out,
  logLevel: 'warning',
  mainFields: ['module', 'main'],
});
const { writeRuleDocs } = await import(out);
for (const f of writeRuleDocs(process.cwd())) console.log(`wrote ${f}`);
