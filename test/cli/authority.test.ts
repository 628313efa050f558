import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { REPO, runCli, THIRD_PARTY } from '../helpers/cli';
import { gitOk } from '../helpers/git';

/** The change of the worked example: a payment tool given to the billing agent, with no approval gate. */
const CHARGE_CARD = `
/** Charges the customer's saved card. */
export const chargeCard = tool({
  description: 'Charge the saved card of the customer in this conversation',
  inputSchema: z.object({ customerId: z.string(), amountCents: z.number().int().positive() }),
  execute: async ({ customerId, amountCents }) => {
    const intent = await stripe.paymentIntents.create({ customer: customerId, amount: amountCents, currency: 'usd', confirm: true });
    return { id: intent.id, status: intent.status };
  },
});
`;

function addChargeCard(dir: string): void {
  const tools = join(dir, 'src/billing/tools.ts');
  writeFileSync(tools, readFileSync(tools, 'utf8') + CHARGE_CARD);
  const agent = join(dir, 'src/billing/billing-agent.ts');
  writeFileSync(
    agent,
    readFileSync(agent, 'utf8')
      .replace('import { lookupInvoice, refundCharge }', 'import { chargeCard, lookupInvoice, refundCharge }')
      .replace('tools: { lookupInvoice, refundCharge }', 'tools: { lookupInvoice, refundCharge, chargeCard }'),
  );
}

/** A copy of the example project in a git repository of its own, one commit. */
function exampleRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'agent-warden-authority-'));
  cpSync(join(REPO, 'examples/support-desk'), dir, { recursive: true });
  // The example's config points at the repository's schema by a relative path: not needed here.
  gitOk(dir, 'init', '-q', '-b', 'main');
  gitOk(dir, 'add', '-A');
  gitOk(dir, 'commit', '-q', '-m', 'init');
  return dir;
}

describe('agent-warden lock', () => {
  let dir: string;
  const lockfile = () => join(dir, 'agent-warden.lock.json');
  beforeAll(() => {
    dir = exampleRepo();
  });

  it("the example's committed lockfile is current; written again from scratch, it is the same bytes", () => {
    expect(runCli(['lock', '--check'], { cwd: dir }).code).toBe(0);
    const committed = readFileSync(lockfile(), 'utf8');
    rmSync(lockfile());
    const first = runCli(['lock'], { cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain('wrote agent-warden.lock.json: 8 agents, 13 tools.');
    expect(readFileSync(lockfile(), 'utf8')).toBe(committed);
  });

  it('leaves the lockfile alone while nothing changes', () => {
    const written = readFileSync(lockfile(), 'utf8');
    const mtime = statSync(lockfile()).mtimeMs;
    const again = runCli(['lock'], { cwd: dir });
    expect(again.stderr).toContain('agent-warden.lock.json is up to date');
    expect(readFileSync(lockfile(), 'utf8')).toBe(written);
    expect(statSync(lockfile()).mtimeMs).toBe(mtime);
    expect(runCli(['lock', '--check'], { cwd: dir }).code).toBe(0);
  });

  it('--check fails on a payment tool added without approval, says how, and writes nothing', () => {
    const recorded = readFileSync(lockfile(), 'utf8');
    addChargeCard(dir);
    const r = runCli(['lock', '--check'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Added:');
    expect(r.stdout).toContain(
      "Agent 'ai-sdk:answerBillingQuestion' gains tool 'chargeCard' (critical risk: payments:write, no approval).  src/billing/tools.ts:39",
    );
    expect(r.stderr).toContain("the code's authority differs from agent-warden.lock.json");
    expect(readFileSync(lockfile(), 'utf8')).toBe(recorded);
    const md = runCli(['lock', '--check', '--format', 'markdown'], { cwd: dir });
    expect(md.stdout).toContain('**1 change grants more authority** from agent-warden.lock.json to the code.');
    const json = JSON.parse(runCli(['lock', '--check', '--format', 'json'], { cwd: dir }).stdout);
    expect(json.changes).toEqual([
      expect.objectContaining({ kind: 'added', agent: 'ai-sdk:answerBillingQuestion', tool: 'chargeCard' }),
    ]);
  });

  it('scan reports it at the code, as a warning with the fix that records it', () => {
    const r = runCli(['scan', '--format', 'json'], { cwd: dir });
    const found = JSON.parse(r.stdout).findings.filter(
      (f: { ruleId: string }) => f.ruleId === 'authority-beyond-lockfile',
    );
    expect(found).toEqual([expect.objectContaining({ severity: 'warning', file: 'src/billing/tools.ts', line: 39 })]);
  });

  it('a lockfile that cannot be read: --check and scan say where; lock writes it again', () => {
    writeFileSync(lockfile(), '{\n  "lockfileVersion": 2,\n  "agents": {},\n  "tools": {}\n}\n');
    const check = runCli(['lock', '--check'], { cwd: dir });
    expect(check.code).toBe(2);
    expect(check.stderr).toContain(
      'agent-warden: invalid lockfile: agent-warden.lock.json:2:22: lockfileVersion: version 2 is not one this Agent Warden reads',
    );
    const scan = runCli(['scan'], { cwd: dir });
    expect(scan.stderr).toContain('agent-warden: agent-warden.lock.json: 2:22: lockfileVersion: version 2');
    expect(scan.code).toBe(1); // the example's own errors, as without a lockfile
    const lock = runCli(['lock'], { cwd: dir });
    expect(lock.code).toBe(0);
    expect(lock.stderr).toContain('writing it again from the code');
    expect(runCli(['lock', '--check'], { cwd: dir }).code).toBe(0);
  });

  it('--check without a lockfile says how to write one', () => {
    const empty = mkdtempSync(join(tmpdir(), 'agent-warden-nolock-'));
    const r = runCli(['lock', '--check'], { cwd: empty });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no agent-warden.lock.json to check against: `agent-warden lock` writes it.');
  });
});

describe('agent-warden diff --base', () => {
  let dir: string;
  beforeAll(() => {
    dir = exampleRepo();
    addChargeCard(dir);
    const tools = join(dir, 'src/billing/tools.ts');
    writeFileSync(tools, readFileSync(tools, 'utf8').replace('  needsApproval: true,\n', ''));
  });

  it('prints the authority change of the working tree as Markdown for a pull request, and fails', () => {
    const status = gitOk(dir, 'status', '--porcelain');
    const r = runCli(['diff', '--base', 'main', '--format', 'markdown'], { cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toBe(
      [
        '## Agent authority',
        '',
        '**2 changes grant more authority** from main to the working tree. Review them as you would a new permission.',
        '',
        '### Added (1)',
        '',
        '| change | risk | where |',
        '|---|---|---|',
        "| Agent 'ai-sdk:answerBillingQuestion' gains tool 'chargeCard' (critical risk: payments:write, no approval). | critical | `src/billing/tools.ts:38` |",
        '',
        '### Broadened (1)',
        '',
        '| change | risk | where |',
        '|---|---|---|',
        "| Tool 'refundCharge' of 'ai-sdk:answerBillingQuestion' is now approved @approval (was: the framework's gate). | critical | `src/billing/tools.ts:18` |",
        '',
      ].join('\n'),
    );
    // Reading the base revision touched neither the working tree nor the index.
    expect(gitOk(dir, 'status', '--porcelain')).toBe(status);
  });

  it("writes SARIF that Microsoft's validator accepts: one result per change granting more, at its code", () => {
    // Outside the repository (the report must not be part of what is compared), in a folder of its own.
    const outDir = mkdtempSync(join(tmpdir(), 'agent-warden-sarif-'));
    onTestFinished(() => rmSync(outDir, { recursive: true, force: true }));
    const out = join(outDir, 'diff.sarif');
    const r = runCli(['diff', '--base', 'main', '--format', 'sarif', '--output', out], { cwd: dir });
    expect(r.code).toBe(1);
    const log = JSON.parse(readFileSync(out, 'utf8'));
    expect(
      log.runs[0].results.map(
        (x: {
          ruleId: string;
          level: string;
          locations: { physicalLocation: { region: { startLine: number } } }[];
        }) => [x.ruleId, x.level, x.locations[0]!.physicalLocation.region.startLine],
      ),
    ).toEqual([
      ['authority-added', 'error', 38],
      ['authority-broadened', 'error', 18],
    ]);
    const multitool = join(
      dirname(require.resolve('@microsoft/sarif-multitool-linux/package.json', { paths: [THIRD_PARTY] })),
      'Sarif.Multitool',
    );
    const v = spawnSync(multitool, ['validate', out, '--output', `${out}.validation`], {
      encoding: 'utf8',
      env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
    });
    expect(v.status, v.stdout + v.stderr).toBe(0);
    const problems = JSON.parse(readFileSync(`${out}.validation`, 'utf8')).runs[0].results ?? [];
    expect(problems.filter((p: { level?: string }) => (p.level ?? 'warning') === 'error')).toEqual([]);
  });

  it('--fail-on: only changes to tools of at least that risk fail', () => {
    expect(runCli(['diff', '--base', 'main', '--fail-on', 'critical'], { cwd: dir }).code).toBe(1);
    expect(runCli(['diff', '--base', 'main', '--fail-on', 'never'], { cwd: dir }).code).toBe(0);
  });

  it('compares two revisions with --head, and a folder of the repository on its own', () => {
    gitOk(dir, 'add', '-A');
    gitOk(dir, 'commit', '-q', '-m', 'charge cards');
    const json = JSON.parse(
      runCli(['diff', '--base', 'main~1', '--head', 'main', '--format', 'json'], { cwd: dir }).stdout,
    );
    expect(json).toMatchObject({ before: 'main~1', after: 'main', grantsMore: true });
    expect(json.changes.map((c: { kind: string; tool: string }) => `${c.kind} ${c.tool}`)).toEqual([
      'added chargeCard',
      'broadened refundCharge',
    ]);
    const sub = runCli(['diff', '--base', 'main~1', '--format', 'json'], { cwd: join(dir, 'src/crm') });
    expect(JSON.parse(sub.stdout).changes).toEqual([]);
    expect(sub.code).toBe(0);
  });

  it('says so when the base revision is not there', () => {
    const r = runCli(['diff', '--base', 'origin/nowhere'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no commit 'origin/nowhere' in this repository");
  });
});
