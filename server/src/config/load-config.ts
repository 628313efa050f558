import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorObject } from 'ajv';
import {
  findNodeAtLocation,
  getNodeValue,
  type Node,
  type ParseError,
  parseTree,
  printParseErrorCode,
} from 'jsonc-parser';
import type { Severity } from '../analyzer/types';
import schema from './agent-warden.schema.json';
import { validate as validateGenerated } from './validate-config.generated';

export const CONFIG_FILE = 'agent-warden.json';

export type RuleSetting = Severity | 'off';

export interface CallPattern {
  module: string;
  call: string;
}

export interface Config {
  rules: Record<string, RuleSetting>;
  owners: Record<string, string>;
  ignore: string[];
  capabilities?: (CallPattern & {
    capability: string;
    tier: 'critical' | 'high' | 'medium' | 'low';
    reason?: string;
  })[];
  auditLoggers?: string[];
  tokenBrokers?: CallPattern[];
  /** Baseline file of known findings, relative to the config file. */
  baseline?: string;
  /** Globs of test code; hardcoded secrets there are warnings. `[]` treats no path as test code. */
  testPaths?: string[];
  /** From which risk tier each governance requirement applies; unset ones keep their defaults. */
  governance?: Partial<Record<'owner' | 'scope' | 'revocation' | 'audit', 'critical' | 'high' | 'medium' | 'low'>>;
  /** Where the config came from, if anywhere. */
  file?: string;
  /** The config's folder from the working directory (`''` when they are one), which `testPaths` globs start at. */
  base?: string;
}

export const DEFAULT_CONFIG: Config = { rules: {}, owners: {}, ignore: [] };

/** A bad config: always names the file, the line and column, and the key. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly key: string,
    readonly detail: string,
  ) {
    super(`${file}:${line}:${column}: ${key ? `${key}: ` : ''}${detail}`);
  }
}

// The schema compiled ahead of time (scripts/config-validator.mjs): no run pays for Ajv's compiler.
const configValidator = validateGenerated as { (value: unknown): boolean; errors?: ErrorObject[] | null };

function lineCol(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function keyPath(segments: (string | number)[]): string {
  return segments
    .map((s, i) =>
      typeof s === 'number'
        ? `[${s}]`
        : /^[A-Za-z_$][\w$]*$/.test(s)
          ? `${i ? '.' : ''}${s}`
          : `[${JSON.stringify(s)}]`,
    )
    .join('');
}

/** Parses and validates config text (JSONC). Throws ConfigError naming file, line, column and key. */
export function parseConfig(text: string, file: string): Config {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length || !tree) {
    const e = errors[0];
    const { line, column } = lineCol(text, e?.offset ?? 0);
    throw new ConfigError(
      file,
      line,
      column,
      '',
      e ? `invalid JSON: ${printParseErrorCode(e.error)}` : 'the file is empty',
    );
  }
  const value = getNodeValue(tree);
  if (!configValidator(value)) {
    const all = configValidator.errors ?? [];
    // A bad property name yields an `enum` error about the name and a `propertyNames` error: report the latter.
    // Ajv reports at least one error whenever validation fails.
    const err = all.find((e) => e.keyword === 'propertyNames') ?? all[0]!;
    const segments = err.instancePath
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    let node: Node | undefined = findNodeAtLocation(tree, segments);
    let key = keyPath(segments);
    let detail = err.message ?? 'is not valid';
    if (err.keyword === 'additionalProperties') {
      const extra = (err.params as { additionalProperty: string }).additionalProperty;
      node = findNodeAtLocation(tree, [...segments, extra])?.parent ?? node;
      key = keyPath([...segments, extra]);
      detail = `unknown setting (allowed: ${Object.keys(schema.properties)
        .filter((k) => k !== '$schema')
        .join(', ')})`;
    } else if (err.keyword === 'propertyNames') {
      const bad = (err.params as { propertyName: string }).propertyName;
      node = findNodeAtLocation(tree, [...segments, bad])?.parent ?? node;
      key = keyPath([...segments, bad]);
      detail = `unknown rule id (known: ${schema.properties.rules.propertyNames.enum.join(', ')})`;
    } else if (err.keyword === 'enum') {
      detail = `must be one of ${(err.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    }
    const { line, column } = lineCol(text, node?.offset ?? 0);
    throw new ConfigError(file, line, column, key, detail);
  }
  const v = value as Partial<Config>;
  return {
    rules: v.rules ?? {},
    owners: v.owners ?? {},
    ignore: v.ignore ?? [],
    capabilities: v.capabilities,
    auditLoggers: v.auditLoggers,
    tokenBrokers: v.tokenBrokers,
    baseline: v.baseline,
    testPaths: v.testPaths,
    governance: v.governance,
    file,
  };
}

/** Loads `--config <file>` or `agent-warden.json` in `root`; the defaults when there is none. */
export function loadConfig(root: string, explicit?: string): Config {
  const file = explicit ?? join(root, CONFIG_FILE);
  if (!existsSync(file)) {
    if (explicit) throw new ConfigError(explicit, 0, 0, '', 'config file not found');
    return DEFAULT_CONFIG;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(file, 0, 0, '', `cannot read: ${(e as Error).message}`);
  }
  return parseConfig(text.replace(/^\uFEFF/, ''), file);
}
