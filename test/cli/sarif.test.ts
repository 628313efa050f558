import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../server/src/rules';
import { runCli, THIRD_PARTY } from '../helpers/cli';

const MULTITOOL = join(
  dirname(require.resolve('@microsoft/sarif-multitool-linux/package.json', { paths: [THIRD_PARTY] })),
  'Sarif.Multitool',
);

describe('SARIF output', () => {
  const dir = mkdtempSync(join(tmpdir(), 'agent-warden-sarif-'));
  const sarifFile = join(dir, 'example.sarif');
  runCli(['scan', 'examples/support-desk', '--format', 'sarif', '--output', sarifFile]);
  const log = JSON.parse(readFileSync(sarifFile, 'utf8'));

  it("passes Microsoft's SARIF validator (Sarif.Multitool validate) with no error-level result", () => {
    const report = join(dir, 'validation.sarif');
    const r = spawnSync(MULTITOOL, ['validate', sarifFile, '--output', report], {
      encoding: 'utf8',
      // The validator is a self-contained .NET program; invariant globalization spares it libicu.
      env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
    });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const validation = JSON.parse(readFileSync(report, 'utf8'));
    const results: { level?: string; ruleId: string; message: { text?: string } }[] = validation.runs[0].results ?? [];
    expect(
      results.filter((x) => (x.level ?? 'warning') === 'error').map((x) => `${x.ruleId}: ${x.message.text}`),
    ).toEqual([]);
  });

  it('has one rule entry per rule with descriptions, help URI and default level', () => {
    const rules = log.runs[0].tool.driver.rules;
    expect(rules.map((r: { id: string }) => r.id)).toEqual(RULES.map((r) => r.meta.id));
    for (const r of rules) {
      expect(r.shortDescription.text.length).toBeGreaterThan(10);
      expect(r.fullDescription.text.length).toBeGreaterThan(10);
      expect(r.helpUri).toMatch(/^https:\/\//);
      expect(['error', 'warning', 'note']).toContain(r.defaultConfiguration.level);
    }
  });

  it('results carry locations relative to %SRCROOT%, levels and stable fingerprints', () => {
    const results = log.runs[0].results;
    expect(results.length).toBeGreaterThan(5);
    const secret = results.find((r: { ruleId: string }) => r.ruleId === 'hardcoded-secret');
    expect(secret.level).toBe('error');
    expect(secret.locations[0].physicalLocation.artifactLocation).toEqual({
      uri: 'examples/support-desk/src/billing/tools.ts',
      uriBaseId: '%SRCROOT%',
    });
    expect(secret.partialFingerprints['agentWarden/v1']).toMatch(/^[0-9a-f]{24}$/);
    expect(secret.message.text).toMatch(/lk_9…\(31 chars\)/);
    // Columns and lines as editors count them: UTF-16 code units, and a lone carriage return breaks a line too.
    expect(log.runs[0]).toMatchObject({ columnKind: 'utf16CodeUnits', newlineSequences: ['\r\n', '\n', '\r'] });
  });
});

describe('SARIF taxonomies', () => {
  it('every rule mapping names a taxon that exists', async () => {
    const { TAXONOMIES } = await import('../../server/src/rules/taxonomies');
    for (const r of RULES) {
      for (const t of TAXONOMIES)
        for (const id of r.meta.mappings[t.key] ?? [])
          expect(Object.keys(t.taxa), `${r.meta.id} → ${t.key} ${id}`).toContain(id);
    }
  });

  it('the run carries the taxonomies and each rule relates to its taxa', () => {
    const dir = mkdtempSync(join(tmpdir(), 'agent-warden-sarif-tax-'));
    const file = join(dir, 'tax.sarif');
    runCli(['scan', 'examples/support-desk', '--format', 'sarif', '--output', file]);
    const run = JSON.parse(readFileSync(file, 'utf8')).runs[0];
    expect(run.taxonomies.map((t: { name: string }) => t.name)).toEqual([
      'OWASP Top 10 for Agentic Applications',
      'OWASP Non-Human Identities Top 10',
      'OWASP Top 10 for LLM Applications',
      'CSA MAESTRO',
      'NIST AI Risk Management Framework',
      'CWE',
    ]);
    const secret = run.tool.driver.rules.find((r: { id: string }) => r.id === 'hardcoded-secret');
    expect(secret.relationships).toContainEqual({
      target: { id: 'NHI2', toolComponent: { name: 'OWASP Non-Human Identities Top 10' } },
      kinds: ['relevant'],
    });
    expect(secret.relationships).toContainEqual({
      target: { id: 'CWE-798', toolComponent: { name: 'CWE' } },
      kinds: ['relevant'],
    });
  });
});
