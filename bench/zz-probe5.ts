import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyseFile, Prefilter, type SourceInput } from '../server/src/engine';
import { parse } from '../server/src/analyzer/extract';
const root = process.env.D!;
const inputs: SourceInput[] = [];
(function walk(d: string) { for (const e of readdirSync(d, { withFileTypes: true })) { const p = join(d, e.name); if (e.isDirectory()) { if (e.name !== '.agent-warden-cache') walk(p); } else if (/\.(ts|js|mjs|cjs|tsx)$/.test(e.name)) inputs.push({ file: relative(root, p), text: readFileSync(p, 'utf8') }); } })(root);
const pf = new Prefilter(inputs);
const seeds = inputs.filter((i) => pf.isSeed(i.file));
const depthOf = pf.depths(seeds.map((i) => analyseFile(pf.withSpecifiers(i), {}, 'facts')));
const facts = inputs.filter((i) => pf.isSeed(i.file) || depthOf(i.file) === 'facts');
console.log('facts files', facts.length);
for (let r = 0; r < 6; r++) {
  let t = performance.now(); for (const i of facts) parse(i.file, i.text); const p = performance.now() - t;
  t = performance.now(); for (const i of facts) analyseFile(pf.withSpecifiers(i), {}, 'facts'); const a = performance.now() - t;
  t = performance.now(); for (const i of inputs) if (!facts.includes(i)) analyseFile(pf.withSpecifiers(i), {}, 'secrets'); const s = performance.now() - t;
  console.log('parse', p.toFixed(0), 'analyse(facts)', a.toFixed(0), 'secrets-only', s.toFixed(0));
}
