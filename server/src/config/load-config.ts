import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findNodeAtLocation, getNodeValue, type Node } from 'jsonc-parser';
import { type CompiledValidator, JsonFileError, keyPath, lineCol, parseJsonTree, schemaErrorTarget } from './json-file';
import type { Severity } from '../analyzer/types';
import { checkPolicyExpression, type PolicySubject } from '../policies/cel';
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
  /** The team's own rules over the identity graph, in CEL (checked when the config is read). */
  policies?: ConfigPolicy[];
  /** Where the config came from, if anywhere. */
  file?: string;
  /** The config's folder from the working directory (`''` when they are one), which `testPaths` globs start at. */
  base?: string;
}

export interface ConfigPolicy {
  id: string;
  for: PolicySubject;
  deny: string;
  message: string;
  severity?: Severity;
  description?: string;
}

export const DEFAULT_CONFIG: Config = { rules: {}, owners: {}, ignore: [] };

/** A bad config: always names the file, the line and column, and the key. */
export class ConfigError extends JsonFileError {}

// The schema compiled ahead of time (scripts/schema-validators.mjs): no run pays for Ajv's compiler.
const configValidator = validateGenerated as CompiledValidator;

/** Parses and validates config text (JSONC). Throws ConfigError naming file, line, column and key. */
export function parseConfig(text: string, file: string): Config {
  const parsed = parseJsonTree(text);
  if (!parsed.tree) throw new ConfigError(file, parsed.error.line, parsed.error.column, '', parsed.error.detail);
  const tree = parsed.tree;
  const value = getNodeValue(tree);
  if (!configValidator(value)) {
    const all = configValidator.errors ?? [];
    // A bad property name yields an `enum` error about the name and a `propertyNames` error: report the latter.
    // Ajv reports at least one error whenever validation fails.
    const err = all.find((e) => e.keyword === 'propertyNames') ?? all[0]!;
    const target = schemaErrorTarget(tree, err);
    const segments = target.segments;
    let node: Node | undefined = target.node;
    let key = target.key;
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
  checkPolicies(v.policies ?? [], tree, text, file);
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
    policies: v.policies,
    file,
  };
}

/** Each policy's CEL expression must check against the graph's types; ids must differ. The error is placed in it. */
function checkPolicies(policies: ConfigPolicy[], tree: Node, text: string, file: string): void {
  const seen = new Set<string>();
  policies.forEach((p, i) => {
    if (seen.has(p.id)) {
      const at = lineCol(text, findNodeAtLocation(tree, ['policies', i, 'id'])?.offset ?? 0);
      throw new ConfigError(file, at.line, at.column, `policies[${i}].id`, `'${p.id}' is the id of another policy`);
    }
    seen.add(p.id);
    const problem = checkPolicyExpression(p.deny, p.for);
    if (!problem) return;
    const literal = findNodeAtLocation(tree, ['policies', i, 'deny']);
    const offset = literal ? offsetInLiteral(text, literal.offset, problem.offset) : 0;
    const at = lineCol(text, offset);
    throw new ConfigError(file, at.line, at.column, `policies[${i}].deny`, `policy '${p.id}': ${problem.message}`);
  });
}

/** The text offset of the `index`th character of a JSON string literal's value (escapes take more than one). */
function offsetInLiteral(text: string, literalStart: number, index: number): number {
  let at = literalStart + 1;
  for (let n = 0; n < index && at < text.length && text[at] !== '"'; n++) {
    if (text[at] !== '\\') at += 1;
    else at += text[at + 1] === 'u' ? 6 : 2;
  }
  return at;
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
