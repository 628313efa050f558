import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import schema from '../server/src/config/agent-warden.schema.json';
import { ConfigError, parseConfig } from '../server/src/config/load-config';
import { RULES } from '../server/src/rules';

function errorOf(text: string): ConfigError {
  try {
    parseConfig(text, 'agent-warden.json');
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('config', () => {
  it('accepts comments and trailing commas (JSONC)', () => {
    const c = parseConfig(
      `{\n  // owners by folder\n  "owners": { "src/billing/**": "team-billing", },\n  "rules": { "unscoped-tool": "error" },\n}`,
      'agent-warden.json',
    );
    expect(c.owners).toEqual({ 'src/billing/**': 'team-billing' });
    expect(c.rules).toEqual({ 'unscoped-tool': 'error' });
  });

  it.each([
    ['invalid JSON', '{\n  "rules": {\n    "unscoped-tool": "error"\n  \n', { line: 5, key: '' }, /invalid JSON/],
    [
      'unknown rule id',
      '{\n  "rules": {\n    "unscoped-tol": "error"\n  }\n}',
      { line: 3, key: 'rules["unscoped-tol"]' },
      /unknown rule id/,
    ],
    [
      'bad severity',
      '{\n  "rules": {\n    "unscoped-tool": "fatal"\n  }\n}',
      { line: 3, key: 'rules["unscoped-tool"]' },
      /must be one of "off", "info", "warning", "error"/,
    ],
    ['unknown top-level key', '{\n  "owner": {}\n}', { line: 2, key: 'owner' }, /unknown setting/],
    ['wrong type', '{\n  "ignore": "dist/**"\n}', { line: 2, key: 'ignore' }, /must be array/],
  ])('%s: names file, line and key', (_name, text, where, detail) => {
    const e = errorOf(text);
    expect(e.file).toBe('agent-warden.json');
    expect(e.line).toBe(where.line);
    expect(e.key).toBe(where.key);
    expect(e.detail).toMatch(detail);
    expect(e.message).toMatch(new RegExp(`^agent-warden\\.json:${where.line}:\\d+: `));
  });

  it('the schema lists exactly the rules that exist', () => {
    expect([...schema.properties.rules.propertyNames.enum].sort()).toEqual(RULES.map((r) => r.meta.id).sort());
  });
});

describe('the config schema', () => {
  it('is a valid JSON Schema (the CLI compiles it without checking, for start-up time)', () => {
    const ajv = new Ajv({ strict: false });
    expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
  });

  it.each(['agent-warden.schema.json', 'lockfile.v1.schema.json'])(
    '%s is compiled as it is now (run node scripts/schema-validators.mjs after editing it)',
    async (name) => {
      const { VALIDATORS, validatorSource } = await import('../scripts/schema-validators.mjs');
      const v = VALIDATORS.find((x) => x.schema.endsWith(`/${name}`))!;
      expect(readFileSync(v.generated, 'utf8')).toBe(validatorSource(v.schema));
    },
  );
});
