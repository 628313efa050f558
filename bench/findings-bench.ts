/**
 * `npm run bench:findings`: whether the findings a new user gets are worth acting on. Each application of
 * bench/findings/apps.json (published on the npm registry, pinned in third-party/corpus) is copied out of the
 * repository, so that no config of ours applies, and scanned with the defaults. Every finding is looked up in
 * bench/findings/judgments.json, where each one was judged by hand — worth fixing, noise or wrong — with the reason.
 *
 * Prints per application and per rule: findings, the three verdicts, and precision (worth fixing / judged). Fails
 * (exit 1) when a finding has no judgment yet, or when a finding judged worth fixing is no longer reported: the
 * analyzer may only get quieter by dropping noise.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REPO = process.cwd();
const CLI = join(REPO, 'dist', 'cli.js');
const CORPUS = join(REPO, 'third-party', 'corpus', 'node_modules');
const DATA = join(REPO, 'bench', 'findings');

interface App {
  name: string;
  package: string;
  version: string;
  what: string;
}
type Verdict = 'worth-fixing' | 'noise' | 'wrong';
interface Judgment {
  key: string;
  verdict: Verdict;
  why: string;
  /** `baseline`: reported by the analyzer the judgments started from; else the day it was first reported. */
  since: string;
  /** A finding judged worth fixing that is now reported under another key (an agent renamed): that key. */
  now?: string;
}
interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  file: string;
  line: number;
}

const { apps } = JSON.parse(readFileSync(join(DATA, 'apps.json'), 'utf8')) as { apps: App[] };
const judged = JSON.parse(readFileSync(join(DATA, 'judgments.json'), 'utf8')).apps as Record<string, Judgment[]>;

/**
 * What a finding is about, stable while the pinned code does not change: rule, file, line, and the name the
 * message gives (the first quoted one; for a secret, its kind and masked value). Repeats get `#2`, `#3`…
 */
function keysOf(findings: readonly JsonFinding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const secret = f.ruleId === 'hardcoded-secret' ? /\(([\w-]+, [^)]*\))\)/.exec(f.message) : null;
    const name = secret ? secret[1]! : (/'([^']+)'/.exec(f.message)?.[1] ?? '');
    const key = `${f.ruleId} ${f.file}:${f.line} ${name}`.trim();
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n === 1 ? key : `${key} #${n}`;
  });
}

/** The app scanned as its user would: a copy outside this repository, with no config, default settings. */
function scan(app: App): { findings: JsonFinding[]; agents: number; tools: number; notices: number; tests: number } {
  const source = join(CORPUS, app.package);
  const installed = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')) as { version: string };
  if (installed.version !== app.version)
    throw new Error(`${app.package} is ${installed.version} in third-party/corpus, judged at ${app.version}`);
  const dir = mkdtempSync(join(tmpdir(), 'aw-findings-'));
  try {
    cpSync(source, join(dir, app.name), { recursive: true });
    const r = spawnSync(process.execPath, [CLI, 'scan', '--format', 'json'], {
      cwd: join(dir, app.name),
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    if (r.status !== 0 && r.status !== 1) throw new Error(`scan of ${app.name} failed: ${r.stderr}`);
    const out = JSON.parse(r.stdout) as {
      findings: JsonFinding[];
      notices: unknown[];
      stats: { agents: number; tools: number; testFiles: number };
    };
    const { agents, tools, testFiles } = out.stats;
    return { findings: out.findings, agents, tools, notices: out.notices.length, tests: testFiles };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

class Tally {
  findings = 0;
  readonly verdicts: Record<Verdict | 'unjudged', number> = { 'worth-fixing': 0, noise: 0, wrong: 0, unjudged: 0 };
  add(v: Verdict | 'unjudged'): void {
    this.findings++;
    this.verdicts[v]++;
  }
  get precision(): string {
    const judgedCount = this.findings - this.verdicts.unjudged;
    return judgedCount ? `${((100 * this.verdicts['worth-fixing']) / judgedCount).toFixed(0)}%` : '—';
  }
}

const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const byApp = new Map<string, Tally>();
const byRule = new Map<string, Tally>();
const total = new Tally();
const unjudged: string[] = [];
const lost: string[] = [];
const wrongSecrets: string[] = [];
const appRows: string[] = [];
for (const app of apps) {
  const result = scan(app);
  const judgments = new Map((judged[app.name] ?? []).map((j) => [j.key, j]));
  const keys = keysOf(result.findings);
  const tally = new Tally();
  result.findings.forEach((f, i) => {
    const j = judgments.get(keys[i]!);
    const verdict = j?.verdict ?? 'unjudged';
    if (!j) unjudged.push(`${app.name}: ${keys[i]} — ${f.severity}: ${f.message}`);
    if (f.ruleId === 'hardcoded-secret' && verdict === 'wrong') wrongSecrets.push(`${app.name}: ${keys[i]}`);
    for (const t of [tally, total, byRule.get(f.ruleId) ?? byRule.set(f.ruleId, new Tally()).get(f.ruleId)!])
      t.add(verdict);
  });
  const reported = new Set(keys);
  for (const j of judgments.values())
    if (j.verdict === 'worth-fixing' && !reported.has(j.now ?? j.key))
      lost.push(`${app.name}: ${j.now ?? j.key} (${j.why})`);
  byApp.set(app.name, tally);
  const v = tally.verdicts;
  appRows.push(
    row([
      `${app.name} ${app.version}`,
      `${result.agents} / ${result.tools}`,
      result.tests,
      result.notices,
      tally.findings,
      v['worth-fixing'],
      v.noise,
      v.wrong,
      tally.precision,
    ]),
  );
}

console.log(
  row([
    'application',
    'agents / tools',
    'test files left out',
    'notices',
    'findings',
    'worth fixing',
    'noise',
    'wrong',
    'precision',
  ]),
);
console.log(row(Array(9).fill('---')));
for (const r of appRows) console.log(r);
const t = total.verdicts;
console.log(
  row(['**all**', '', '', '', total.findings, t['worth-fixing'], t.noise, t.wrong, `**${total.precision}**`]),
);
console.log('');
console.log(row(['rule', 'findings', 'worth fixing', 'noise', 'wrong', 'precision']));
console.log(row(Array(6).fill('---')));
for (const [rule, r] of [...byRule].sort(([a], [b]) => a.localeCompare(b)))
  console.log(row([rule, r.findings, r.verdicts['worth-fixing'], r.verdicts.noise, r.verdicts.wrong, r.precision]));

// What the judgments started from: every finding the analyzer reported then, as judged.
const base = new Tally();
for (const list of Object.values(judged)) for (const j of list) if (j.since === 'baseline') base.add(j.verdict);
const b = base.verdicts;
console.log('');
console.log(
  `Before (the analyzer the judgments started from): ${base.findings} findings, ${b['worth-fixing']} worth fixing, ` +
    `${b.noise} noise, ${b.wrong} wrong: precision ${base.precision}.`,
);
console.log(`Wrong secrets: ${wrongSecrets.length}.${wrongSecrets.map((w) => `\n  ${w}`).join('')}`);
if (unjudged.length) console.log(`\nNot judged yet (${unjudged.length}):\n  ${unjudged.join('\n  ')}`);
if (lost.length) console.log(`\nJudged worth fixing and no longer reported (${lost.length}):\n  ${lost.join('\n  ')}`);
if (unjudged.length || lost.length) process.exitCode = 1;
