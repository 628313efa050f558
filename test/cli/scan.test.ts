import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../server/src/rules';
import { runCli, tempProject } from '../helpers/cli';
import { FAKE_KEYS } from '../helpers/fake-keys';

const AGENT = `import { tool } from 'ai';
export const lookup = tool({ description: 'x', inputSchema: {} as any, execute: async () => fetch('https://orders.example/api') });
`;

describe('agent-warden scan (built binary)', () => {
  it('this repository, scanned with its own agent-warden.json, holds no secret (test keys are built at run time)', () => {
    const r = runCli(['scan', '.', '--format', 'json']);
    const findings = JSON.parse(r.stdout).findings as { ruleId: string; file: string; line: number }[];
    expect(findings.filter((f) => f.ruleId === 'hardcoded-secret').map((f) => `${f.file}:${f.line}`)).toEqual([]);
  });

  it('scans the example project: findings of every rule, exit 1 for error-level findings', () => {
    const r = runCli(['scan', 'examples/support-desk']);
    expect(r.code).toBe(1);
    for (const id of [
      'hardcoded-secret',
      'unscoped-tool',
      'missing-owner',
      'missing-revocation',
      'expired-grant',
      'dynamic-tool-registration',
      'invalid-suppression',
      'unapproved-high-risk-action',
      'undeclared-capability',
      'privilege-escalating-chain',
      'misdeclared-tool-hint',
      'unlogged-action',
      'long-lived-credential',
      'secret-in-prompt',
    ]) {
      expect(r.stdout).toContain(id);
    }
    expect(r.stdout).toMatch(/✖ \d+ problems \(6 errors, \d+ warnings, \d+ info\)/);
    // Below the count: tools by risk, findings by rule (most first), and a hint for the commonest.
    expect(r.stdout).toMatch(/^ {2}Tools by risk: 2 critical, 1 high, 5 medium\.$/m);
    expect(r.stdout).toMatch(/^ {2}By rule: unapproved-high-risk-action 2, long-lived-credential 2, /m);
    expect(r.stdout).toMatch(/^ {2}Hint \(unapproved-high-risk-action\): Add the framework's gate /m);
  });

  it('--timing prints the time per stage and per rule to stderr, and leaves the report as it was', () => {
    const plain = runCli(['scan', 'examples/support-desk', '--format', 'json']);
    const timed = runCli(['scan', 'examples/support-desk', '--format', 'json', '--timing']);
    expect(JSON.parse(timed.stdout).findings).toEqual(JSON.parse(plain.stdout).findings);
    expect(plain.stderr).not.toContain('Time (ms)');
    const rows = (title: string) => {
      const block = timed.stderr.slice(timed.stderr.indexOf(`${title} `)).split('\n\n')[0]!;
      return block
        .split('\n')
        .slice(2)
        .filter(Boolean)
        .map((l) => l.split('|')[0]!.trim());
    };
    expect(rows('Stage')).toEqual([
      'collect files',
      'stat files',
      'analyse files',
      'link',
      'owners',
      'capabilities',
      'audit records',
      'static credentials',
      'approval',
      'rules',
      'suppressions',
      'report',
    ]);
    expect(rows('Rule').sort()).toEqual(RULES.map((r) => r.meta.id).sort());
    expect(timed.stderr).toMatch(/^analyse files +\| +\d+\.\d \| +\d+\.\d%$/m);
  });

  it('stylish: files with errors come first, each file in reading order', () => {
    const r = runCli(['scan', 'examples/support-desk']);
    const files = r.stdout.split('\n').filter((l) => l.startsWith('examples/'));
    const worst = (file: string) => {
      const block = r.stdout.slice(r.stdout.indexOf(`${file}\n`)).split('\n\n')[0]!;
      return block.includes(' error ') ? 0 : block.includes(' warning ') ? 1 : 2;
    };
    expect(files.map(worst)).toEqual([...files.map(worst)].sort());
    expect(files.filter((f) => worst(f) === 0)).toEqual([...files.filter((f) => worst(f) === 0)].sort());
  });

  it('json: one object with 1-based positions, relative forward-slash paths, fingerprints', () => {
    const r = runCli(['scan', 'examples/support-desk', '--format', 'json']);
    const out = JSON.parse(r.stdout);
    expect(out.version).toMatch(/^\d+\.\d+\.\d+$/);
    const secret = out.findings.find((f: { ruleId: string }) => f.ruleId === 'hardcoded-secret');
    expect(secret).toMatchObject({
      severity: 'error',
      file: 'examples/support-desk/src/billing/tools.ts',
      line: 11,
      column: 25,
      endLine: 11,
    });
    expect(secret.fingerprint).toMatch(/^[0-9a-f]{24}$/);
    expect(Object.keys(out.findings[0]).sort()).toEqual(
      [
        'column',
        'endColumn',
        'endLine',
        'file',
        'fingerprint',
        'line',
        'message',
        'related',
        'ruleId',
        'severity',
      ].sort(),
    );
    expect(out.stats).toMatchObject({ agents: 8, tools: 12 });
  });

  it('exit 0 without error-level findings; --max-warnings turns warnings into exit 1; --quiet shows errors only', () => {
    const dir = tempProject({ 'src/agent.ts': AGENT });
    const plain = runCli(['scan', '.'], { cwd: dir });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('unscoped-tool');
    const strict = runCli(['scan', '.', '--max-warnings', '0'], { cwd: dir });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('--max-warnings 0');
    const quiet = runCli(['scan', '.', '--quiet'], { cwd: dir });
    expect(quiet.stdout).not.toContain('unscoped-tool');
  });

  it('config rule severities apply (off and error)', () => {
    const dir = tempProject({
      'src/agent.ts': AGENT,
      'agent-warden.json': '{ "rules": { "unscoped-tool": "error", "missing-owner": "off" } }',
    });
    const r = runCli(['scan', '--format', 'json'], { cwd: dir });
    const out = JSON.parse(r.stdout);
    expect(r.code).toBe(1);
    expect(out.findings.map((f: { ruleId: string; severity: string }) => `${f.ruleId}:${f.severity}`)).toEqual([
      'unscoped-tool:error',
    ]);
  });

  it('honours .gitignore, skips node_modules, and applies config ignore globs', () => {
    const dir = tempProject({
      '.gitignore': 'generated/\n',
      'generated/agent.ts': AGENT,
      'node_modules/pkg/agent.ts': AGENT,
      'vendor/agent.ts': AGENT,
      'src/agent.ts': AGENT,
      'agent-warden.json': '{ "ignore": ["vendor/**"] }',
    });
    const out = JSON.parse(runCli(['scan', '--format', 'json'], { cwd: dir }).stdout);
    expect([...new Set(out.findings.map((f: { file: string }) => f.file))]).toEqual(['src/agent.ts']);
  });

  it('explicit file arguments are scanned as given (as lint-staged passes them)', () => {
    const dir = tempProject({ 'a.ts': AGENT, 'b.ts': AGENT });
    const out = JSON.parse(runCli(['scan', 'b.ts', '--format', 'json'], { cwd: dir }).stdout);
    expect([...new Set(out.findings.map((f: { file: string }) => f.file))]).toEqual(['b.ts']);
  });

  it('a file with syntax errors still yields what can be found; the run exits normally', () => {
    const dir = tempProject({
      'src/broken.ts': `import { tool } from 'ai';\nexport const half = tool({ description: 'typing', inputSchema: {} as any, execute: async () => {\n  await fetch('https://a.example');\n  const x = ;\n`,
    });
    const r = runCli(['scan', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(
      out.findings.some(
        (f: { ruleId: string; message: string }) => f.ruleId === 'unscoped-tool' && f.message.includes("'half'"),
      ),
    ).toBe(true);
    expect(out.stats.syntaxErrors).toBe(1);
  });

  it('binary and unreadable files are skipped with a notice', () => {
    const dir = tempProject({
      'src/blob.js': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3, 0, 0]),
      'src/ok.ts': AGENT,
    });
    const r = runCli(['scan'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('src/blob.js: skipped: binary file');
    expect(r.stdout).toContain('src/ok.ts');
  });

  it('a bad config exits 2 naming file, line and key, and writes no output file', () => {
    const dir = tempProject({
      'src/agent.ts': AGENT,
      'agent-warden.json': '{\n  "rules": {\n    "unscoped-tol": "error"\n  }\n}\n',
    });
    const r = runCli(['scan', '--format', 'sarif', '--output', 'out.sarif'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/agent-warden\.json:3:\d+: rules\["unscoped-tol"\]: unknown rule id/);
    expect(existsSync(join(dir, 'out.sarif'))).toBe(false);
  });

  it('usage errors exit 2: unknown format, missing path, bad --max-warnings', () => {
    expect(runCli(['scan', '--format', 'xml']).code).toBe(2);
    expect(runCli(['scan', 'no/such/dir']).stderr).toContain('No such file or directory: no/such/dir');
    expect(runCli(['scan', 'no/such/dir']).code).toBe(2);
    expect(runCli(['scan', '--max-warnings', 'many']).code).toBe(2);
    expect(runCli(['--help']).code).toBe(0);
  });

  it('orders findings by path in code-unit order, whatever the locale (reports diff cleanly across machines)', () => {
    const dir = tempProject({ 'src/b.ts': AGENT, 'src/B2.ts': AGENT, 'src/\u00e4.ts': AGENT, 'src/a.ts': AGENT });
    const order = (env: Record<string, string>) => [
      ...new Set(
        JSON.parse(runCli(['scan', '--format', 'json'], { cwd: dir, env }).stdout).findings.map(
          (f: { file: string }) => f.file,
        ),
      ),
    ];
    // Upper case before lower, and ä after z: what a locale-aware comparison would not give.
    expect(order({ LC_ALL: 'en_US.UTF-8', LANG: 'en_US.UTF-8' })).toEqual([
      'src/B2.ts',
      'src/a.ts',
      'src/b.ts',
      'src/\u00e4.ts',
    ]);
    expect(order({ LC_ALL: 'sv_SE.UTF-8', LANG: 'sv_SE.UTF-8' })).toEqual([
      'src/B2.ts',
      'src/a.ts',
      'src/b.ts',
      'src/\u00e4.ts',
    ]);
  });

  it('--output writes the report to a file', () => {
    const dir = tempProject({ 'src/agent.ts': AGENT });
    const r = runCli(['scan', '--format', 'json', '-o', 'report.json'], { cwd: dir });
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).findings.length).toBeGreaterThan(0);
  });

  it('a planted secret never appears in full in any output format', () => {
    const keys = [
      'openai-api-key',
      'anthropic-api-key',
      'github-token',
      'stripe-secret-key',
      'aws-access-key-id',
      'jwt',
    ].map((id) => FAKE_KEYS[id]!());
    const dir = tempProject({
      'src/config.ts': `import OpenAI from 'openai';\nexport const client = new OpenAI({ apiKey: "${keys[0]}" });\nexport const prompt = \`Use ${keys[1]} for billing\`;\n`,
      '.env': `GITHUB_TOKEN=${keys[2]}\nSTRIPE_SECRET_KEY=${keys[3]}\n`,
      'mcp.json': JSON.stringify({
        mcpServers: { aws: { command: 'x', env: { AWS_ACCESS_KEY_ID: keys[4], SESSION: keys[5] } } },
      }),
    });
    const outputs = [
      runCli(['scan'], { cwd: dir }),
      runCli(['scan', '--format', 'json'], { cwd: dir }),
      runCli(['scan', '--format', 'sarif'], { cwd: dir }),
      runCli(['inventory'], { cwd: dir }),
      runCli(['scan', '--format', 'github'], { cwd: dir }),
      runCli(['scan', '--format', 'markdown'], { cwd: dir }),
      runCli(['inventory', '--format', 'cyclonedx'], { cwd: dir }),
      runCli(['inventory', '--format', 'markdown'], { cwd: dir }),
      runCli(['scan', '--update-baseline', '--baseline', 'b.json'], { cwd: dir }),
    ];
    outputs.push({ code: 0, stdout: readFileSync(join(dir, 'b.json'), 'utf8'), stderr: '' });
    const found = JSON.parse(outputs[1]!.stdout).findings.filter(
      (f: { ruleId: string }) => f.ruleId === 'hardcoded-secret',
    );
    expect(found).toHaveLength(6);
    for (const o of outputs) {
      for (const key of keys) {
        expect(o.stdout + o.stderr).not.toContain(key);
        expect(o.stdout + o.stderr).not.toContain(key.slice(0, 10));
      }
    }
  });
});

describe('agent-warden scan --fix', () => {
  it('moves hardcoded keys to process.env and reports what is left', () => {
    const key = FAKE_KEYS['openai-api-key']!();
    const dir = tempProject({
      'src/client.ts': `import OpenAI from 'openai';\nexport const client = new OpenAI({ apiKey: '${key}' });\n`,
    });
    const r = runCli(['scan', '--fix', '--format', 'json'], { cwd: dir });
    expect(r.stderr).toContain('fixed 1 problem in 1 file');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).findings).toEqual([]);
    expect(readFileSync(join(dir, 'src/client.ts'), 'utf8')).toBe(
      `import OpenAI from 'openai';\nexport const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n`,
    );
  });
});

describe('agent-warden.json extends the capability catalog', () => {
  it('own SDK calls, audit loggers and token brokers', () => {
    const dir = tempProject({
      'agent-warden.json': JSON.stringify({
        capabilities: [
          {
            module: '@acme/ledger',
            call: '#postEntry',
            capability: 'ledger:write',
            tier: 'critical',
            reason: 'books money',
          },
        ],
        auditLoggers: ['trail.record'],
        tokenBrokers: [{ module: '@acme/tokens', call: 'mintLedgerToken' }],
      }),
      'src/tools.ts': `import { tool } from 'ai';
import { Ledger } from '@acme/ledger';
import { mintLedgerToken } from '@acme/tokens';
declare const trail: { record(e: object): void };
const ledger = new Ledger(process.env.LEDGER_KEY);
/** @owner fin @scope ledger:write */
export const book = tool({ description: '', inputSchema: {} as any, execute: async () => ledger.postEntry({}) });
/** @owner fin @scope ledger:write @approval required */
export const bookAudited = tool({ description: '', inputSchema: {} as any, execute: async () => { trail.record({ op: 'book' }); await mintLedgerToken(); return new Ledger('t').postEntry({}); } });
`,
    });
    const out = JSON.parse(runCli(['scan', '--format', 'json'], { cwd: dir }).stdout);
    const rules = (name: string) =>
      out.findings
        .filter((f: { message: string }) => f.message.includes(`'${name}'`))
        .map((f: { ruleId: string }) => f.ruleId)
        .sort();
    expect(rules('book')).toEqual(['long-lived-credential', 'unapproved-high-risk-action', 'unlogged-action']);
    expect(rules('bookAudited')).toEqual([]);
    const inv = JSON.parse(runCli(['inventory'], { cwd: dir }).stdout);
    expect(inv.tools.find((t: { name: string }) => t.name === 'book').capabilities[0]).toMatchObject({
      capability: 'ledger:write',
      tier: 'critical',
      reason: 'books money',
    });
  });
});

describe('stylish colours', () => {
  it('no escape codes when stdout is not a terminal, even without NO_COLOR', () => {
    const dir = tempProject({ 'src/agent.ts': AGENT });
    const r = runCli(['scan'], { cwd: dir, env: { NO_COLOR: '' } });
    expect(r.stdout).toContain('unscoped-tool');
    expect(r.stdout).not.toContain('\u001b[');
  });
});
