/**
 * `npm run bench:risk`: how the analyzer's risk tiers agree with tiers labelled by hand from real tools' handler
 * code (bench/risk/labels.json: the rules, then each tool's tier and why). Prints high-risk recall and precision
 * (high-risk: high or critical, what needs a human gate), tier agreement, a confusion matrix, and each tool the
 * analyzer rates otherwise. `none` is a tool the analyzer finds no capability in (or does not name): for a tool
 * labelled low, that is agreement.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const REPO = process.cwd();
const CLI = join(REPO, 'dist', 'cli.js');
const CORPUS = join(REPO, 'third-party', 'corpus', 'node_modules');
const TIERS = ['critical', 'high', 'medium', 'low', 'none'] as const;
type Tier = (typeof TIERS)[number];

interface Labelled {
  package: string;
  dir?: string;
  tools: Record<string, { tier: Tier; why: string }>;
}

const { packages } = JSON.parse(readFileSync(join(REPO, 'bench', 'risk', 'labels.json'), 'utf8')) as {
  packages: Labelled[];
};

type Basis = 'code' | 'annotation' | 'declared';
interface Rated {
  tier: Tier;
  /** What the tier rests on: code when any capability of that tier is seen in code. */
  basis?: Basis;
}

/** The analyzer's tier for each tool it names in a package (a name registered twice: its highest). */
function ratedTiers(dir: string): Map<string, Rated> {
  const r = spawnSync(process.execPath, [CLI, 'inventory', '--format', 'json', dir], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`inventory of ${dir} failed: ${r.stderr}`);
  const inventory = JSON.parse(r.stdout) as {
    tools: { name: string; risk: Tier | null; capabilities: { tier: Tier; basis: Basis }[] }[];
  };
  const out = new Map<string, Rated>();
  for (const t of inventory.tools) {
    const tier = t.risk ?? 'none';
    const bases = t.capabilities.filter((c) => c.tier === tier).map((c) => c.basis);
    const basis = (['code', 'annotation', 'declared'] as const).find((b) => bases.includes(b));
    const before = out.get(t.name);
    if (!before || TIERS.indexOf(tier) < TIERS.indexOf(before.tier)) out.set(t.name, { tier, basis });
  }
  return out;
}

const highRisk = (t: Tier) => t === 'critical' || t === 'high';
const matrix = new Map<string, number>();
const disagreements: string[] = [];
const foundBy = new Map<Basis, number>();
let agree = 0;
let total = 0;
let truePositives = 0;
let labelledHigh = 0;
let ratedHigh = 0;
for (const p of packages) {
  const rated = ratedTiers(join(CORPUS, p.package, p.dir ?? ''));
  for (const [name, label] of Object.entries(p.tools)) {
    const { tier, basis } = rated.get(name) ?? { tier: 'none' as const };
    total++;
    if (tier === label.tier || (label.tier === 'low' && tier === 'none')) agree++;
    else disagreements.push(`${p.package} ${name}: labelled ${label.tier} (${label.why}), rated ${tier}`);
    matrix.set(`${label.tier}\0${tier}`, (matrix.get(`${label.tier}\0${tier}`) ?? 0) + 1);
    if (highRisk(label.tier)) labelledHigh++;
    if (highRisk(tier)) ratedHigh++;
    if (highRisk(label.tier) && highRisk(tier)) {
      truePositives++;
      if (basis) foundBy.set(basis, (foundBy.get(basis) ?? 0) + 1);
    }
  }
}

const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)}%`);
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
console.log(row(['tools labelled', 'high-risk labelled', 'high-risk recall', 'high-risk precision', 'tier agreement']));
console.log(row(['---', '---', '---', '---', '---']));
console.log(
  row([total, labelledHigh, pct(truePositives, labelledHigh), pct(truePositives, ratedHigh), pct(agree, total)]),
);
console.log('');
console.log(
  `High-risk tools found, by what the rating rests on: code ${foundBy.get('code') ?? 0}, MCP annotations ` +
    `${foundBy.get('annotation') ?? 0}, the tool's name or description ${foundBy.get('declared') ?? 0}.`,
);
console.log('');
console.log(row(['labelled \\ rated', ...TIERS]));
console.log(row(['---', ...TIERS.map(() => '---')]));
for (const label of TIERS.slice(0, 4))
  console.log(row([`**${label}**`, ...TIERS.map((tier) => matrix.get(`${label}\0${tier}`) ?? 0)]));
console.log('');
for (const d of disagreements) console.log(d);
