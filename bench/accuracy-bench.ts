/**
 * `npm run bench:accuracy`: recall and precision of the inventory's tool registrations on published agent code,
 * per package and per framework. The expected tools were counted by hand (bench/accuracy/corpus.json says how, for
 * each package); the packages are the versions third-party/corpus/package.json pins. A tool the analyzer names is
 * found; one it reports as dynamic (its name computed at run time) is neither found nor a false positive.
 * Prints a Markdown table (the README carries the last one) and the names missed or wrongly reported.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const REPO = process.cwd();
const CLI = join(REPO, 'dist', 'cli.js');
const CORPUS = join(REPO, 'third-party', 'corpus', 'node_modules');

interface Entry {
  framework: string;
  package: string;
  dir?: string;
  how: string;
  expected: string[];
}

interface Score {
  label: string;
  expected: number;
  found: number;
  truePositives: number;
  missed: string[];
  wrong: string[];
}

const { packages } = JSON.parse(readFileSync(join(REPO, 'bench', 'accuracy', 'corpus.json'), 'utf8')) as {
  packages: Entry[];
};

function namedTools(dir: string): Set<string> {
  const r = spawnSync(process.execPath, [CLI, 'inventory', '--format', 'json', dir], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`inventory of ${dir} failed: ${r.stderr}`);
  const inventory = JSON.parse(r.stdout) as { tools: { name: string; dynamic: string | null }[] };
  return new Set(inventory.tools.filter((t) => !t.dynamic && t.name !== '<dynamic>').map((t) => t.name));
}

function score(entry: Entry): Score {
  const found = namedTools(join(CORPUS, entry.package, entry.dir ?? ''));
  const expected = new Set(entry.expected);
  const version = (JSON.parse(readFileSync(join(CORPUS, entry.package, 'package.json'), 'utf8')) as { version: string })
    .version;
  return {
    label: `${entry.package}@${version}${entry.dir ? ` (${entry.dir})` : ''}`,
    expected: expected.size,
    found: found.size,
    truePositives: [...found].filter((n) => expected.has(n)).length,
    missed: [...expected].filter((n) => !found.has(n)),
    wrong: [...found].filter((n) => !expected.has(n)),
  };
}

const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)}%`);
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;

const byFramework = new Map<string, Score[]>();
for (const entry of packages) {
  const list = byFramework.get(entry.framework) ?? [];
  list.push(score(entry));
  byFramework.set(entry.framework, list);
}

const header = ['', 'expected', 'found', 'recall', 'precision'];
const lines = [row(header), row(header.map(() => '---'))];
const total = { expected: 0, found: 0, tp: 0 };
for (const [framework, scores] of byFramework) {
  const expected = scores.reduce((s, x) => s + x.expected, 0);
  const found = scores.reduce((s, x) => s + x.found, 0);
  const tp = scores.reduce((s, x) => s + x.truePositives, 0);
  total.expected += expected;
  total.found += found;
  total.tp += tp;
  lines.push(row([`**${framework}** (${scores.length})`, expected, found, pct(tp, expected), pct(tp, found)]));
  for (const s of scores)
    lines.push(
      row([`  ${s.label}`, s.expected, s.found, pct(s.truePositives, s.expected), pct(s.truePositives, s.found)]),
    );
}
lines.push(row(['**all**', total.expected, total.found, pct(total.tp, total.expected), pct(total.tp, total.found)]));
console.log(lines.join('\n'));

for (const scores of byFramework.values())
  for (const s of scores) {
    if (s.missed.length) console.log(`missed in ${s.label}: ${s.missed.join(', ')}`);
    if (s.wrong.length) console.log(`not expected in ${s.label}: ${s.wrong.join(', ')}`);
  }
