import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCli, tempProject } from '../helpers/cli';
import { PROJECTS } from '../helpers/projects';

const schema = (name: string) => JSON.parse(readFileSync(join(REPO, 'schemas', name), 'utf8'));

function validator(name: string): ValidateFunction {
  // Strict: a keyword the schema misspells is an error here, not a silently ignored constraint.
  return new Ajv({ strict: true, allErrors: true }).compile(schema(name));
}

function expectValid(validate: ValidateFunction, output: unknown): void {
  const ok = validate(output);
  expect(validate.errors?.slice(0, 5) ?? [], JSON.stringify(validate.errors?.slice(0, 5), null, 1)).toEqual([]);
  expect(ok).toBe(true);
}

function json(args: string[], cwd?: string): Record<string, unknown> {
  const r = runCli(args, { cwd });
  expect(r.code, r.stderr).toBeLessThan(2);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe('scan --format json', () => {
  let validate: ValidateFunction;
  beforeAll(() => {
    validate = validator('scan-result.v1.schema.json');
  });

  it('names its schema and validates against it, for every example and fixture', () => {
    const rules = new Set<string>();
    for (const project of PROJECTS) {
      const out = json(['scan', '.', '--format', 'json'], join(REPO, project));
      expect(out.$schema).toBe(schema('scan-result.v1.schema.json').$id);
      expect(out.schemaVersion).toMatch(/^1\.\d+$/);
      expectValid(validate, out);
      for (const f of out.findings as { ruleId: string }[]) rules.add(f.ruleId);
    }
    expect(rules.size).toBeGreaterThanOrEqual(12);
  });

  it('validates with the optional counts and notices: cache, worker threads, baseline, a binary file', () => {
    const dir = tempProject({
      'src/agent.ts': readFileSync(join(REPO, 'examples/support-desk/src/billing/billing-agent.ts'), 'utf8'),
      'src/blob.js': Buffer.from([0, 1, 2, 3, 0, 255, 254]),
    });
    runCli(['init', '--baseline'], { cwd: dir });
    expect(runCli(['scan', '.', '--cache'], { cwd: dir }).code).toBeLessThan(2);
    const out = json(['scan', '.', '--format', 'json', '--cache', '--threads', '2'], dir);
    expectValid(validate, out);
    const stats = out.stats as { fromCache?: number; baselined?: number };
    expect(stats.fromCache).toBeGreaterThan(0);
    expect(stats.baselined).toBeGreaterThan(0);
    expect((out.notices as unknown[]).length).toBeGreaterThan(0);
  });

  it('a field the schema does not describe fails validation (the schema is closed)', () => {
    const out = json(['scan', 'examples/support-desk', '--format', 'json']);
    const finding = (out.findings as Record<string, unknown>[])[0]!;
    finding.confidence = 0.9;
    expect(validate(out)).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({
      keyword: 'additionalProperties',
      params: { additionalProperty: 'confidence' },
    });
  });
});

describe('inventory --format json', () => {
  let validate: ValidateFunction;
  beforeAll(() => {
    validate = validator('inventory.v1.schema.json');
  });

  it('names its schema and validates against it, for every example and fixture', () => {
    const outs = PROJECTS.map((project) => json(['inventory', '.', '--format', 'json'], join(REPO, project)));
    for (const out of outs) {
      expect(out.$schema).toBe(schema('inventory.v1.schema.json').$id);
      expectValid(validate, out);
    }
    // Every branch of the schema is exercised: hints, dynamic registrations, credentials, delegation, frameworks.
    const tools = outs.flatMap((o) => o.tools as { hints: unknown; delegatesTo: unknown; framework: string }[]);
    expect(tools.some((t) => t.hints !== null)).toBe(true);
    expect(tools.some((t) => t.delegatesTo !== null)).toBe(true);
    expect(new Set(tools.map((t) => t.framework)).size).toBeGreaterThanOrEqual(8);
    expect(outs.flatMap((o) => o.dynamicRegistrations as unknown[]).length).toBeGreaterThan(0);
    expect(outs.flatMap((o) => o.credentials as unknown[]).length).toBeGreaterThan(0);
  });

  it('is written to a file with --output exactly as printed', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'agent-warden-inventory-')), 'inventory.json');
    runCli(['inventory', 'examples/support-desk', '--format', 'json', '--output', file]);
    expectValid(validate, JSON.parse(readFileSync(file, 'utf8')));
  });
});
