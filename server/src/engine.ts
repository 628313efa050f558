import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import picomatch from 'picomatch';
import {
  extractFacts,
  importedSpecifiers,
  type IncrementalTree,
  isInsideLiteral,
  isSourceFile,
  parse,
  SECRET_PIECES,
} from './analyzer/extract';
import { ADAPTERS } from './analyzer/adapters';
import { lineStarts, locationIn } from './analyzer/locations';
import { BudgetExceeded } from './analyzer/source-context';
import { buildGraph } from './enrich';
import type { PathMapping } from './analyzer/resolve';
import { parse as parseJsonc } from 'jsonc-parser';
import { OwnerResolver } from './analyzer/owners';
import type {
  AgentGraph,
  AnalysisResult,
  DeclaredVersions,
  FileFacts,
  Finding,
  FindingFix,
  Notice,
  Severity,
  Suppression,
} from './analyzer/types';
import { type ExtractOptions } from './capabilities/collect-functions';
import { userCatalog } from './capabilities/catalog';
import { type Config, DEFAULT_CONFIG } from './config/load-config';
import { RULES, RULES_BY_ID } from './rules';
import { policyRuleId, policyRules } from './rules/config-policies';
import { DEFAULT_GOVERNANCE } from './rules/governance';
import type { RecordedAuthority } from './authority/model';
import { invalidSuppression } from './rules/invalid-suppression';
import {
  type InvalidSuppression,
  renderMessage,
  type Report,
  type Rule,
  type RuleContext,
  type SecretFinding,
} from './rules/rule';
import { scanSecrets } from './secrets/scan-secrets';
import { parseSuppressions } from './analyzer/suppressions';
import { declaresSubclass, isAgentSeed } from './analyzer/relevance';
import { compareStrings } from './analyzer/order';
import { timed, type Timings } from './timings';

/**
 * Test, eval, fixture and mock code by default (`testPaths` in the config): governance rules leave it out, and keys
 * there, usually fixtures, are reported one level lower.
 */
export const DEFAULT_TEST_PATHS = [
  '**/test/**',
  '**/tests/**',
  '**/__tests__/**',
  '**/*.test.*',
  '**/*.spec.*',
  '**/e2e/**',
  '**/eval/**',
  '**/evals/**',
  '**/fixtures/**',
  '**/__fixtures__/**',
  '**/mocks/**',
  '**/__mocks__/**',
];

export interface SourceInput {
  /** Path relative to the working directory, forward slashes: how findings name the file. */
  file: string;
  text: string;
  /** The module specifiers the text mentions, when the caller has already found them (the pre-filter has). */
  specifiers?: readonly string[];
  /** Whether the file is a pre-filter seed (relevance.ts `isAgentSeed`), when the caller already knows. */
  seed?: boolean;
  /** Whether it declares a subclass (relevance.ts `declaresSubclass`), when the caller already knows. */
  subclass?: boolean;
  /**
   * What the secrets search found in this same text, when the caller has searched it already (a file read for secrets
   * only, then reached by agent code): it is not searched again.
   */
  secrets?: readonly SecretFinding[];
}

export interface AnalysisOptions {
  config?: Config;
  owners?: OwnerResolver;
  /** YYYY-MM-DD; defaults to today (UTC). */
  today?: string;
  /** Where the time goes, by stage and by rule (`--timing`). */
  timings?: Timings;
  /** The authority the lockfile records, which code may not quietly go beyond. */
  lockfile?: RecordedAuthority;
}

/** Files the secrets engine reads besides source: configs, env files, prompts. */
const TEXT_EXTENSIONS = [
  '.json',
  '.jsonc',
  '.json5',
  '.yaml',
  '.yml',
  '.toml',
  '.ini',
  '.properties',
  '.md',
  '.mdx',
  '.txt',
  '.prompt',
  '.env',
];
const SKIPPED_NAMES = new Set([
  'agent-warden.lock.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'pnpm-lock.yaml',
  'yarn.lock',
  'bun.lock',
]);

/** Whether the analyzer reads a file at all (source for facts; any of these for secrets). */
export function isAnalysable(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (SKIPPED_NAMES.has(base)) return false;
  return isSourceFile(path) || base.startsWith('.env') || TEXT_EXTENSIONS.some((e) => base.endsWith(e));
}

function budgetNotice(e: BudgetExceeded): string {
  return e.budget === 'steps'
    ? `skipped after ${e.limit.toLocaleString('en-US')} evaluation steps, the per-file budget; only secrets were checked`
    : `skipped after ${(e.limit / 1000).toFixed(1)} s, the per-file time budget; only secrets were checked`;
}

export function fingerprintOf(ruleId: string, file: string, subject: string, occurrence: number): string {
  return createHash('sha256').update(`${ruleId}\0${file}\0${subject}\0${occurrence}`).digest('hex').slice(0, 24);
}

/** Everything learned from one file on its own: cacheable by content hash. */
export interface FileResult {
  file: string;
  /** tsconfig/jsconfig `baseUrl` and `paths`, when this file is one. */
  pathMapping?: PathMapping;
  facts?: FileFacts;
  /** For source files: whether facts were extracted or only the text was read (no agent code reaches the file). */
  depth?: AnalysisDepth;
  /** For source files: the module specifiers it mentions (what the pre-filter follows). */
  specifiers?: string[];
  /** For source files: whether the pre-filter parses it first (it takes an entry point of an agent SDK). */
  seed?: boolean;
  /** For source files: whether it declares a class extending another (which may extend a tool class). */
  subclass?: boolean;
  secrets: SecretFinding[];
  suppressions: Suppression[];
  notice?: string;
  /** For a package.json: the versions of the packages it declares (a framework gate may be newer than them). */
  declared?: DeclaredVersions;
}

/** What the config adds to per-file extraction (its own catalog entries, audit loggers). */
export function extractOptions(config: Config, mappings: readonly PathMapping[] = []): ExtractOptions {
  const localPrefixes = aliasPrefixes(mappings);
  return {
    catalog: userCatalog(config),
    auditLoggers: config.auditLoggers,
    ...(localPrefixes.length ? { localPrefixes } : {}),
  };
}

/** `paths` aliases (`@lib/*` → `@lib/`): calls into them are calls into the project, kept for linking. */
function aliasPrefixes(mappings: readonly PathMapping[]): string[] {
  const out = new Set<string>();
  for (const m of mappings)
    for (const pattern of Object.keys(m.paths)) {
      const star = pattern.indexOf('*');
      const prefix = star < 0 ? pattern : pattern.slice(0, star);
      if (prefix) out.add(prefix);
    }
  return [...out].sort();
}

/** Files whose text shapes how every other file resolves: tsconfig/jsconfig `paths`, workspace packages' names. */
export function shapesResolution(file: string): boolean {
  return /(^|\/)(tsconfig[\w.-]*|jsconfig|package)\.json$/.test(file);
}

/** The `baseUrl`/`paths` mappings of the tsconfig/jsconfig files, and the workspace packages, among the inputs. */
export function pathMappingsOf(inputs: readonly SourceInput[]): PathMapping[] {
  return inputs.flatMap((i) => pathMappingOf(i) ?? []);
}

/**
 * Each manifest's mapping, by file, for as long as its text stays the same: a batch asks it of every manifest three
 * times (for the extraction options, for the pre-filter's aliases, and in the manifest's own result), each time with
 * the text read again. Shared by whoever asks: not to be changed.
 */
const mappingByFile = new Map<string, { text: string; mapping: PathMapping | undefined }>();
const MAX_KEPT_MAPPINGS = 4096;

function pathMappingOf(input: SourceInput): PathMapping | undefined {
  if (!shapesResolution(input.file)) return undefined;
  const kept = mappingByFile.get(input.file);
  if (kept?.text === input.text) return kept.mapping;
  const mapping = tsconfigPaths(input) ?? workspacePackage(input);
  if (mappingByFile.size >= MAX_KEPT_MAPPINGS) mappingByFile.clear();
  mappingByFile.set(input.file, { text: input.text, mapping });
  return mapping;
}

/**
 * How much of a file to analyse: `facts` parses it and extracts everything; `secrets` reads only its text
 * (secrets, suppressions, import specifiers) — for source files no agent code reaches (see relevance.ts).
 */
export type AnalysisDepth = 'facts' | 'secrets';

/**
 * Facts, secrets and suppressions of one file; never throws (a file that cannot be analysed gets a notice).
 * `tree`: an open buffer's last syntax tree, re-parsed incrementally (the language server passes one).
 */
export function analyseFile(
  input: SourceInput,
  options: ExtractOptions = {},
  depth: AnalysisDepth = 'facts',
  tree?: IncrementalTree,
): FileResult {
  let facts: FileFacts | undefined;
  let notice: string | undefined;
  // Line starts only when a location must be given (most files have no secret and no suppression comment).
  let starts: number[] | undefined;
  const locAt = (s: number, e: number) => locationIn(input.file, (starts ??= lineStarts(input.text)), s, e);
  const source = isSourceFile(input.file);
  const specifiers = source ? (input.specifiers ?? importedSpecifiers(input.text)) : undefined;
  // A key split across concatenated literals needs the parser to be found exactly: such files get facts.
  if (source && (depth === 'facts' || hasSplitSecretCandidate(input.text))) {
    try {
      facts = extractFacts(input.file, input.text, options, specifiers, tree);
    } catch (e) {
      notice =
        e instanceof BudgetExceeded
          ? budgetNotice(e)
          : e instanceof RangeError && /call stack/i.test(e.message)
            ? 'nested too deeply to parse; only secrets were checked'
            : `could not be analysed (${(e as Error).message}); only secrets were checked`;
    }
  }
  const secrets: SecretFinding[] = input.secrets
    ? [...input.secrets]
    : scanSecrets(input.text).map((m) => ({ ...m, loc: locAt(m.start, m.end) }));
  for (const s of facts?.splitSecrets ?? []) secrets.push({ ...s, start: 0, end: 0 });
  // Facts keep string values (names, arguments, exported constants): a secret among them is masked, so no
  // copy of it outlives this function — not in the cache, not in the language server's memory dumps.
  if (facts && secrets.length) {
    const pairs: [string, string][] = secrets
      .filter((s) => s.end > s.start)
      .map((s) => [input.text.slice(s.start, s.end), s.masked]);
    for (const piece of SECRET_PIECES.get(facts) ?? []) pairs.push([piece, '<redacted>']);
    facts = redact(facts, pairs);
  }
  return {
    file: input.file,
    facts,
    // A file whose extraction failed was analysed as deeply as it can be: asking again would fail again.
    depth: source ? (facts || notice !== undefined ? 'facts' : 'secrets') : undefined,
    specifiers: specifiers && [...specifiers],
    seed: specifiers && (input.seed ?? isAgentSeed(input.text, specifiers)),
    subclass: specifiers && (input.subclass ?? declaresSubclass(input.text)),
    secrets,
    suppressions:
      facts?.suppressions ?? parseSuppressions(input.file, input.text, locAt, source ? inLiteralOf(input) : undefined),
    notice,
    pathMapping: pathMappingOf(input),
    declared: declaredVersions(input),
  };
}

/** A directive inside a string is not one: parsed lazily, only for a file whose text has a directive. */
function inLiteralOf(input: SourceInput): (offset: number) => boolean {
  let sf: ReturnType<typeof parse> | undefined;
  return (offset) => isInsideLiteral((sf ??= parse(input.file, input.text)), offset);
}

/** A quoted literal on one line (escapes allowed), length-bounded so the scan stays linear. */
const LITERAL = String.raw`(?:'(?:[^'\\\n]|\\.){0,400}'|"(?:[^"\\\n]|\\.){0,400}")`;
const CONCATENATION = new RegExp(String.raw`${LITERAL}(?:\s*\+\s*${LITERAL})+`, 'g');
const JOINT = /['"]\s*\+\s*['"]/g;

/** Literals joined with `+` whose joined text the secrets engine flags (a cheap superset of what extraction finds). */
function hasSplitSecretCandidate(text: string): boolean {
  // Most files join no literals: the joint alone is found faster than a literal before it is tried at every quote.
  JOINT.lastIndex = 0;
  if (!JOINT.test(text)) return false;
  CONCATENATION.lastIndex = 0;
  for (let m = CONCATENATION.exec(text); m; m = CONCATENATION.exec(text)) {
    const joined = m[0].replace(JOINT, '');
    if (scanSecrets(joined).length) return true;
  }
  return false;
}

function redact<T>(value: T, pairs: [string, string][]): T {
  let json = JSON.stringify(value);
  for (const [secret, masked] of pairs) {
    const escaped = JSON.stringify(secret).slice(1, -1);
    json = json.split(escaped).join(JSON.stringify(masked).slice(1, -1));
  }
  return JSON.parse(json) as T;
}

/** `compilerOptions.paths`/`baseUrl` of a tsconfig.json or jsconfig.json (JSONC); `extends` is not followed. */
function tsconfigPaths(input: SourceInput): PathMapping | undefined {
  const base = input.file.slice(input.file.lastIndexOf('/') + 1);
  if (!/^(tsconfig[\w.-]*|jsconfig)\.json$/.test(base)) return undefined;
  const json = parseJsonc(input.text, [], { allowTrailingComma: true }) as
    { compilerOptions?: { baseUrl?: unknown; paths?: unknown } } | undefined;
  const co = json?.compilerOptions;
  if (!co || (typeof co.baseUrl !== 'string' && (typeof co.paths !== 'object' || !co.paths))) return undefined;
  const dir = input.file.includes('/') ? input.file.slice(0, input.file.lastIndexOf('/')) : '.';
  const paths = Object.fromEntries(
    Object.entries((co.paths ?? {}) as Record<string, unknown>)
      .filter(([, v]) => Array.isArray(v))
      .map(([k, v]) => [k, (v as unknown[]).filter((x): x is string => typeof x === 'string')]),
  );
  return { dir, baseUrl: typeof co.baseUrl === 'string' ? co.baseUrl : undefined, paths };
}

/** Where a package's code is, besides what its manifest names: built output maps back to its sources. */
const BUILT_DIR = /^(\.\/)?(dist|build|lib|out)\//;

/**
 * A package of the scanned workspace (npm, pnpm or yarn workspaces: a `package.json` with a name, below the root):
 * its name resolves to its sources as a path does, so that `import { registerTools } from '@acme/tools'` links to
 * `packages/tools/src/index.ts`. The manifest's entry points (`exports`, `module`, `main`, `types`) are tried as
 * written and with their build folder read as `src/`, then `src/index` and `index`.
 */
function workspacePackage(input: SourceInput): PathMapping | undefined {
  if (!/(^|\/)package\.json$/.test(input.file) || !input.file.includes('/')) return undefined;
  let manifest: Record<string, unknown> | undefined;
  try {
    manifest = JSON.parse(input.text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const name = manifest?.name;
  if (typeof name !== 'string' || !name) return undefined;
  const dir = input.file.slice(0, input.file.lastIndexOf('/'));
  const written = [manifest.exports, manifest.module, manifest.main, manifest.types, manifest.source].flatMap(entries);
  const entry = [...written.flatMap((e) => [e, e.replace(BUILT_DIR, 'src/')]), 'src/index', 'index'];
  const sources = (e: string) => posix.join(dir, e.replace(/\.d\.ts$|\.[cm]?js$/, ''));
  return {
    dir: '.',
    paths: {
      [name]: [...new Set(entry.map(sources))],
      [`${name}/*`]: [posix.join(dir, 'src/*'), posix.join(dir, '*')],
    },
  };
}

/** The dependency versions a package.json declares, for the files in its folder and below. */
function declaredVersions(input: SourceInput): DeclaredVersions | undefined {
  if (!/(^|\/)package\.json$/.test(input.file)) return undefined;
  let manifest: Record<string, unknown> | undefined;
  try {
    manifest = JSON.parse(input.text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const versions: Record<string, string> = {};
  for (const field of ['peerDependencies', 'devDependencies', 'dependencies', 'optionalDependencies']) {
    const deps = manifest?.[field];
    if (!deps || typeof deps !== 'object') continue;
    for (const [name, range] of Object.entries(deps as Record<string, unknown>))
      if (typeof range === 'string') versions[name] = range;
  }
  if (!Object.keys(versions).length) return undefined;
  return { dir: input.file.includes('/') ? input.file.slice(0, input.file.lastIndexOf('/')) : '.', versions };
}

/** The paths a manifest's entry field names: a string, or the strings in an `exports` map (`"."` first). */
function entries(field: unknown): string[] {
  if (typeof field === 'string') return [field];
  if (!field || typeof field !== 'object') return [];
  const map = field as Record<string, unknown>;
  const main = '.' in map ? map['.'] : map;
  if (typeof main === 'string') return [main];
  if (!main || typeof main !== 'object') return [];
  return Object.values(main as Record<string, unknown>).flatMap(entries);
}

/**
 * A package that depends on an agent framework, in whose folder no agent and no tool was found: said, never silent.
 * Either it has none yet, or it registers them in a way the analyzer does not follow; a user has to know which.
 */
function blindSpots(declared: DeclaredVersions[], graph: AgentGraph): Notice[] {
  const out: Notice[] = [];
  let defining: Set<string> | undefined;
  for (const d of declared) {
    const frameworks = agentFrameworksOf(d);
    if (!frameworks.length) continue;
    defining ??= foldersDefining(graph);
    if (defining.has(d.dir)) continue;
    out.push({
      file: d.dir === '.' ? 'package.json' : `${d.dir}/package.json`,
      kind: 'blind-spot',
      message:
        `depends on ${frameworks.slice(0, 3).join(', ')}${frameworks.length > 3 ? ', …' : ''} but no agent or tool ` +
        'was found in its code: if it defines some, the analyzer does not see how it registers them',
    });
  }
  return out;
}

/**
 * The agent frameworks a manifest depends on, found once per manifest's result: an edit's link reads every manifest
 * (each says where its package's name leads), hundreds in a large monorepo.
 */
const agentFrameworks = new WeakMap<DeclaredVersions, string[]>();
function agentFrameworksOf(d: DeclaredVersions): string[] {
  let found = agentFrameworks.get(d);
  if (!found) agentFrameworks.set(d, (found = Object.keys(d.versions).filter(isAgentFramework)));
  return found;
}

/**
 * Every folder holding an agent or tool definition, at any depth ('.' for all): each package's folder is looked up
 * once, rather than every definition tested against every package.
 */
function foldersDefining(graph: AgentGraph): Set<string> {
  const folders = new Set<string>(graph.agents.length || graph.tools.length ? ['.'] : []);
  for (const { loc } of [...graph.agents, ...graph.tools]) {
    for (let at = loc.file.lastIndexOf('/'); at > 0; at = loc.file.lastIndexOf('/', at - 1)) {
      const folder = loc.file.slice(0, at);
      if (folders.has(folder)) break; // and every folder above it
      folders.add(folder);
    }
  }
  return folders;
}

/** Whether a file (named from the working directory) is test code by the config's `testPaths` (or the defaults). */
export function isTestPathOf(config: Config): (file: string) => boolean {
  return testPathMatcher(config.testPaths ?? DEFAULT_TEST_PATHS, config.base);
}

/**
 * Compiled test-path matchers, by the config's folder and its globs: the language server links on every keystroke,
 * and compiling the globs again took 0.2–0.6 ms each time (picomatch, warm). A config edited many times over a long
 * session leaves a few stale entries, so the map is emptied once it holds more than a handful.
 */
const testPathMatchers = new Map<string, (file: string) => boolean>();

/** Whether a file (named from the working directory) is test code, by globs written from the config's folder. */
function testPathMatcher(globs: readonly string[], base = ''): (file: string) => boolean {
  const key = `${base}\0${globs.join('\0')}`;
  let matcher = testPathMatchers.get(key);
  if (!matcher) {
    if (testPathMatchers.size >= 16) testPathMatchers.clear();
    testPathMatchers.set(key, (matcher = compileTestPaths(globs, base)));
  }
  return matcher;
}

function compileTestPaths(globs: readonly string[], base: string): (file: string) => boolean {
  if (!globs.length) return () => false;
  const match = picomatch([...globs], { dot: true });
  if (!base) return match;
  return (file) => {
    const rel = posix.relative(base, file);
    return match(rel.startsWith('../') ? file : rel);
  };
}

/** What a report needs to say of a configured policy's rule (SARIF's rule descriptors): the rule's own metadata. */
function policyMetas(config: Config): NonNullable<AnalysisResult['policies']> {
  return policyRules(config).map(({ meta }) => ({
    id: meta.id,
    summary: meta.summary,
    severity: meta.defaultSeverity,
    description: meta.why,
  }));
}

/** Model APIs without agents of their own: a plain chat app needs no notice. */
const MODEL_APIS = new Set<string>(['openai']);

/**
 * Whether a dependency is an agent framework, remembered by name: the editor links on every keystroke, and a
 * monorepo's package manifests name the same few hundred packages, each tested against every adapter.
 */
const frameworkDependency = new Map<string, boolean>();
function isAgentFramework(name: string): boolean {
  let is = frameworkDependency.get(name);
  if (is === undefined) {
    is = ADAPTERS.some((a) => !MODEL_APIS.has(a.framework) && a.modules.test(name));
    frameworkDependency.set(name, is);
  }
  return is;
}

/** Links per-file results and runs the rules (the language server and the cache reuse per-file results). */
export function analyzeResults(results: FileResult[], opts: AnalysisOptions = {}): AnalysisResult {
  const config = opts.config ?? DEFAULT_CONFIG;
  const facts = results.flatMap((r) => (r.facts ? [r.facts] : []));
  const secrets = new Map(results.filter((r) => r.secrets.length).map((r) => [r.file, r.secrets]));
  const notices: Notice[] = results.filter((r) => r.notice).map((r) => ({ file: r.file, message: r.notice! }));
  const mappings = results.flatMap((r) => (r.pathMapping ? [r.pathMapping] : []));
  const declared = results.flatMap((r) => (r.declared ? [r.declared] : []));
  const graph = buildGraph(
    facts,
    opts.owners ?? new OwnerResolver({ cwd: process.cwd(), configOwners: config.owners }),
    userCatalog(config),
    mappings,
    declared,
    opts.timings,
  );
  notices.push(...blindSpots(declared, graph));
  for (const [, found] of secrets) {
    for (const s of found)
      graph.credentials.push({
        name: `${s.ruleId} ${s.masked}`,
        source: 'literal',
        lifetime: 'hardcoded',
        locations: [s.loc],
        tools: [],
      });
  }
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  const testGlobs = config.testPaths ?? DEFAULT_TEST_PATHS;
  const isTestPath = testPathMatcher(testGlobs, config.base);
  const { active, invalid } = checkSuppressions(results, today, config);
  const raw = timed(opts.timings, 'rules', () =>
    withoutRepeatsOfOneDefinition(
      runRules(config, opts.timings, {
        graph,
        facts: new Map(facts.map((f) => [f.file, f])),
        secrets,
        invalidSuppressions: invalid,
        today,
        isTestPath,
        governance: { ...DEFAULT_GOVERNANCE, ...config.governance },
        lockfile: opts.lockfile,
      }),
    ),
  );
  const { kept, suppressed } = timed(opts.timings, 'suppressions', () => applySuppressions(raw, active));
  return {
    graph,
    findings: toFindings(kept),
    facts,
    notices,
    ...(config.policies?.length ? { policies: policyMetas(config) } : {}),
    stats: {
      files: results.length,
      sourceFiles: results.filter((r) => r.depth).length,
      agents: graph.agents.length,
      tools: graph.tools.length,
      syntaxErrors: facts.reduce((n, f) => n + (f.syntaxErrors > 0 ? 1 : 0), 0),
      testFiles: results.filter((r) => r.depth && isTestPath(r.file)).length,
      suppressed,
    },
  };
}

/**
 * A definition the model is given under several names (`{ getWeather }` for one agent, `{ weather: getWeather }` for
 * another; a wrapper registering under each name its callers pass) is one definition: what a rule says of it at its
 * place is said once, of its first name. Its other names keep the findings the first does not have.
 */
function withoutRepeatsOfOneDefinition(raw: RawFinding[]): RawFinding[] {
  const baseOf = (id: string) => {
    const tilde = id.indexOf('~', id.indexOf('#'));
    return tilde < 0 ? id : id.slice(0, tilde);
  };
  const at = (r: RawFinding, entity: string) =>
    `${r.ruleId}\0${r.messageId}\0${entity}\0${r.loc.file}\0${r.loc.start.line}\0${r.loc.start.column}`;
  const said = new Set(
    raw.flatMap((r) => (r.entityId && baseOf(r.entityId) === r.entityId ? [at(r, r.entityId)] : [])),
  );
  return raw.filter((r) => !r.entityId || baseOf(r.entityId) === r.entityId || !said.has(at(r, baseOf(r.entityId))));
}

/** A rule's report with its rule, severity, rendered message and fixes: a finding before suppression. */
type RawFinding = Omit<Finding, 'fingerprint' | 'related' | 'subject'> & Pick<Report, 'related' | 'subject'>;

/** Every rule that is not switched off, over the graph and facts. */
function runRules(config: Config, timings: Timings | undefined, base: Omit<RuleContext, 'report'>): RawFinding[] {
  const raw: RawFinding[] = [];
  for (const rule of [...RULES, ...policyRules(config)]) {
    const setting = config.rules[rule.meta.id] ?? rule.meta.defaultSeverity;
    if (setting === 'off') continue;
    // A configured severity replaces the default; a rule's own graded severity (e.g. "expires soon") is kept
    // otherwise.
    const severityOf = (r: Report) => (config.rules[rule.meta.id] ? setting : (r.severity ?? setting));
    // Test, eval and fixture code is not what runs in production: only rules that say so report there.
    const applies = (r: Report) => rule.meta.inTestCode || !base.isTestPath(r.loc.file);
    const check = () =>
      rule.check({
        ...base,
        report: (r) => {
          if (applies(r)) raw.push(rawFinding(rule, r, severityOf(r) as Severity));
        },
      });
    if (timings) timings.rule(rule.meta.id, check);
    else check();
  }
  return raw;
}

function rawFinding(rule: Rule, r: Report, severity: Severity): RawFinding {
  const { messages } = rule.meta;
  const fixes = [
    ...(r.fix ? [{ spec: r.fix, safe: true }] : []),
    ...(r.suggest ?? []).map((spec) => ({ spec, safe: false })),
  ];
  return {
    ruleId: rule.meta.id,
    messageId: r.messageId,
    severity,
    message: renderMessage(messages[r.messageId] ?? r.messageId, r.data),
    loc: r.loc,
    related: r.related,
    subject: r.subject,
    entityId: r.entityId,
    anchor: r.anchor,
    data: r.data && Object.fromEntries(Object.entries(r.data).map(([k, v]) => [k, String(v)])),
    fixes: fixes.map(({ spec, safe }): FindingFix => ({
      title: renderMessage(messages[spec.messageId] ?? spec.messageId, spec.data),
      safe,
      preferred: spec.preferred,
      action: spec.action,
    })),
  };
}

/** Findings in a stable order, each with a fingerprint that survives edits elsewhere in the file. */
function toFindings(kept: RawFinding[]): Finding[] {
  const occurrences = new Map<string, number>();
  return kept
    .sort(
      (a, b) =>
        compareStrings(a.loc.file, b.loc.file) ||
        a.loc.start.line - b.loc.start.line ||
        a.loc.start.column - b.loc.start.column ||
        compareStrings(a.ruleId, b.ruleId),
    )
    .map((r) => {
      const key = `${r.ruleId}\0${r.loc.file}\0${r.subject}`;
      const n = occurrences.get(key) ?? 0;
      occurrences.set(key, n + 1);
      return {
        ruleId: r.ruleId,
        messageId: r.messageId,
        severity: r.severity,
        message: r.message,
        loc: r.loc,
        related: r.related ?? [],
        fingerprint: fingerprintOf(r.ruleId, r.loc.file, r.subject, n),
        subject: r.subject,
        entityId: r.entityId,
        anchor: r.anchor,
        data: r.data,
        fixes: r.fixes,
      };
    });
}

/** Suppression comments that apply, per file, and those that do not (no reason, expired, an unknown rule). */
function checkSuppressions(results: FileResult[], today: string, config: Config) {
  const policies = new Set((config.policies ?? []).map(policyRuleId));
  const known = (id: string) => RULES_BY_ID.has(id) || policies.has(id);
  const invalid: InvalidSuppression[] = [];
  const active = new Map<string, Suppression[]>();
  for (const f of results) {
    const ok: Suppression[] = [];
    for (const s of f.suppressions) {
      const problems = [...s.problems];
      for (const r of s.rules) if (!known(r)) problems.push(`\`${r}\` is not a rule id.`);
      if (s.until && s.until < today)
        problems.push(`it expired on ${s.until}; review the finding again and renew or remove the suppression.`);
      if (problems.length) invalid.push({ suppression: s, problems });
      else ok.push(s);
    }
    if (ok.length) active.set(f.file, ok);
  }
  return { active, invalid };
}

/** Drops the findings a suppression comment covers; a broken suppression's own report is never dropped. */
function applySuppressions(raw: RawFinding[], active: Map<string, Suppression[]>) {
  let suppressed = 0;
  const kept = raw.filter((r) => {
    if (r.ruleId === invalidSuppression.meta.id) return true;
    const list = active.get(r.loc.file);
    const hit = list?.some(
      (s) =>
        (s.rules.length === 0 || s.rules.includes(r.ruleId)) &&
        (s.kind === 'file' || s.targetLine === r.loc.start.line || s.targetLine === r.anchor?.start.line),
    );
    if (hit) suppressed++;
    return !hit;
  });
  return { kept, suppressed };
}
