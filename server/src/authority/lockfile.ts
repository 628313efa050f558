import { findNodeAtLocation, getNodeValue } from 'jsonc-parser';
import { type CompiledValidator, JsonFileError, lineCol, parseJsonTree, schemaErrorTarget } from '../config/json-file';
import type { AgentAuthority, Authority, CredentialAuthority, StandaloneToolAuthority, ToolAuthority } from './model';
import { validate as validateGenerated } from './validate-lockfile.generated';

/** The authority lockfile, committed beside agent-warden.json. */
export const LOCKFILE = 'agent-warden.lock.json';
export const LOCKFILE_VERSION = 1;
const LOCKFILE_SCHEMA =
  'https://raw.githubusercontent.com/agent-warden/agent-warden/main/schemas/lockfile.v1.schema.json';

/** A lockfile that cannot be read: file, line, column and key, as for the config. */
export class LockfileError extends JsonFileError {}

// Compiled ahead of time from schemas/lockfile.v1.schema.json (scripts/schema-validators.mjs).
const lockfileValidator = validateGenerated as CompiledValidator;

const credentialJson = (c: CredentialAuthority) => ({
  name: c.name,
  lifetime: c.lifetime,
  ...(c.ttlSeconds !== undefined ? { ttlSeconds: c.ttlSeconds } : {}),
});

/** A tool's fields in a fixed order, without the in-memory locations. */
function toolJson(t: ToolAuthority) {
  return {
    risk: t.risk,
    capabilities: t.capabilities,
    approval: t.approval,
    scopes: t.scopes,
    credentials: t.credentials.map(credentialJson),
    delegatesTo: t.delegatesTo,
  };
}

const mapValues = <V, W>(record: Record<string, V>, f: (v: V) => W): Record<string, W> =>
  Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((k) => [k, f(record[k]!)]),
  );

function agentJson(a: AgentAuthority) {
  return {
    name: a.name,
    framework: a.framework,
    owner: a.owner,
    risk: a.risk,
    complete: a.complete,
    delegates: a.delegates,
    tools: mapValues(a.tools, toolJson),
  };
}

const standaloneJson = (t: StandaloneToolAuthority) => ({
  name: t.name,
  framework: t.framework,
  owner: t.owner,
  ...toolJson(t),
});

/**
 * The lockfile's text: keys sorted, fields in a fixed order, no locations, no dates, no versions of the tool, so
 * the same authority always writes the same bytes and a git diff of the file reads as the authority diff.
 */
export function formatLockfile(authority: Authority): string {
  const json = {
    $schema: LOCKFILE_SCHEMA,
    lockfileVersion: LOCKFILE_VERSION,
    agents: mapValues(authority.agents, agentJson),
    tools: mapValues(authority.tools, standaloneJson),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** Reads lockfile text; throws LockfileError naming file, line, column and key. */
export function parseLockfile(text: string, file: string): Authority {
  const body = text.replace(/^\uFEFF/, '');
  const parsed = parseJsonTree(body);
  if (!parsed.tree) throw new LockfileError(file, parsed.error.line, parsed.error.column, '', parsed.error.detail);
  const value: unknown = getNodeValue(parsed.tree);
  if (!lockfileValidator(value)) {
    // Ajv reports at least one error whenever validation fails.
    const err = lockfileValidator.errors![0]!;
    const target = schemaErrorTarget(parsed.tree, err);
    let detail = err.message ?? 'is not valid';
    if (err.keyword === 'additionalProperties') {
      const extra = (err.params as { additionalProperty: string }).additionalProperty;
      target.node = findNodeAtLocation(parsed.tree, [...target.segments, extra])?.parent ?? target.node;
      detail = `unknown field '${extra}'`;
    } else if (err.keyword === 'enum')
      detail = `must be one of ${(err.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    else if (target.key === 'lockfileVersion')
      detail = `version ${JSON.stringify((value as { lockfileVersion?: unknown }).lockfileVersion)} is not one this Agent Warden reads (it reads ${LOCKFILE_VERSION}); run \`agent-warden lock\` to write it again`;
    const { line, column } = lineCol(body, target.node?.offset ?? 0);
    throw new LockfileError(file, line, column, target.key, detail);
  }
  const v = value as Authority;
  return { agents: v.agents, tools: v.tools };
}
