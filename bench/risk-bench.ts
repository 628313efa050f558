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
const THIRD_PARTY = join(REPO, 'third-party', 'node_modules');
const TIERS = ['critical', 'high', 'medium', 'low', 'none'] as const;
type Tier = (typeof TIERS)[number];

interface Labelled {
  package: string;
  dir?: string;
  /** `third-party` for the packages the tests also run; the benchmark corpus otherwise. */
  root?: 'third-party';
  /** Labelled after the mechanisms were grown from the others' misses, before the analyzer was run on it. */
  heldOut?: boolean;
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

/** Agreement figures over a set of labelled tools. */
class Tally {
  total = 0;
  agree = 0;
  labelledHigh = 0;
  ratedHigh = 0;
  truePositives = 0;
  readonly foundBy = new Map<Basis, number>();
  readonly matrix = new Map<string, number>();

  add(label: Tier, { tier, basis }: Rated): boolean {
    this.total++;
    const agrees = tier === label || (label === 'low' && tier === 'none');
    if (agrees) this.agree++;
    this.matrix.set(`${label}\0${tier}`, (this.matrix.get(`${label}\0${tier}`) ?? 0) + 1);
    if (highRisk(label)) this.labelledHigh++;
    if (highRisk(tier)) this.ratedHigh++;
    if (highRisk(label) && highRisk(tier)) {
      this.truePositives++;
      if (basis) this.foundBy.set(basis, (this.foundBy.get(basis) ?? 0) + 1);
    }
    return agrees;
  }
}

const sets = { all: new Tally(), 'built against': new Tally(), 'held out': new Tally() };
const disagreements: string[] = [];
for (const p of packages) {
  const rated = ratedTiers(join(p.root === 'third-party' ? THIRD_PARTY : CORPUS, p.package, p.dir ?? ''));
  for (const [name, label] of Object.entries(p.tools)) {
    const r = rated.get(name) ?? { tier: 'none' as const };
    sets[p.heldOut ? 'held out' : 'built against'].add(label.tier, r);
    if (!sets.all.add(label.tier, r))
      disagreements.push(`${p.package} ${name}: labelled ${label.tier} (${label.why}), rated ${r.tier}`);
  }
}

const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)}%`);
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const by = (t: Tally, b: Basis) => t.foundBy.get(b) ?? 0;
console.log(
  row([
    'tools',
    'labelled',
    'high-risk labelled',
    'high-risk recall',
    'high-risk precision',
    'tier agreement',
    'high-risk found by code / annotation / name',
  ]),
);
console.log(row(['---', '---', '---', '---', '---', '---', '---']));
for (const [name, t] of Object.entries(sets))
  console.log(
    row([
      name,
      t.total,
      t.labelledHigh,
      pct(t.truePositives, t.labelledHigh),
      pct(t.truePositives, t.ratedHigh),
      pct(t.agree, t.total),
      `${by(t, 'code')} / ${by(t, 'annotation')} / ${by(t, 'declared')}`,
    ]),
  );
console.log('');
console.log(row(['labelled \\ rated', ...TIERS]));
console.log(row(['---', ...TIERS.map(() => '---')]));
for (const label of TIERS.slice(0, 4))
  console.log(row([`**${label}**`, ...TIERS.map((tier) => sets.all.matrix.get(`${label}\0${tier}`) ?? 0)]));
console.log('');
for (const d of disagreements) console.log(d);
