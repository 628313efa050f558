import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type Command, Option } from 'commander';
import type { RiskTier } from '../analyzer/types';
import { isTestPathOf } from '../engine';
import { type AuthorityChange, compareAuthority, grantsMore, tierRank } from '../authority/compare';
import { formatLockfile, LOCKFILE } from '../authority/lockfile';
import { type Authority, authorityOf } from '../authority/model';
import { UsageError } from '../project/collect-files';
import { openWorkspace, type Workspace } from '../project/workspace';
import {
  agentCorePolicies,
  agentGatewayPolicies,
  cedarPolicies,
  cedarSchema,
  claudePermissions,
  gatedTools,
  openAiAgentsToolFilter,
  toolHiveConfig,
} from '../reporters/runtime-policies';
import { changesJson, changesMarkdown, changesSarif, changesText, type Sides } from '../reporters/authority-changes';
import { analyseWorkspace, type CommonOptions, emit, printNotices } from './analysis';
import { atRevision } from './revision';

const EXIT = { ok: 0, changed: 1 } as const;

type ChangesFormat = 'text' | 'markdown' | 'json' | 'sarif';
const FORMATS: Record<ChangesFormat, (c: AuthorityChange[], sides: Sides, cwd: string) => string> = {
  text: changesText,
  markdown: changesMarkdown,
  json: changesJson,
  sarif: (c, _, cwd) => changesSarif(c, cwd),
};

interface LockOptions extends CommonOptions {
  check?: boolean;
  format: ChangesFormat;
}

interface DiffOptions extends CommonOptions {
  base: string;
  head?: string;
  format: ChangesFormat;
  failOn: RiskTier | 'any' | 'never';
}

/** What the code grants, and the workspace its analysis opened (whose lockfile is already read). */
async function authorityAt(
  paths: string[],
  opts: CommonOptions,
  cwd: string,
): Promise<{ authority: Authority; ws: Workspace }> {
  const { result, ws } = await analyseWorkspace(paths, { ...opts, ignoreLockfile: true }, cwd);
  printNotices(result.notices);
  // Test code is not what runs in production: its agents hold no authority to record.
  return { authority: authorityOf(result.graph, isTestPathOf(ws.config)), ws };
}

export function addLockCommand(program: Command, cwd: string, setExit: (code: number) => void): void {
  program
    .command('lock')
    .description(
      `Record each agent's authority (owner, tools, capabilities, risk, approval, credentials, delegation) in ${LOCKFILE} beside the config; with --check, fail when the code grants something else.`,
    )
    .argument('[paths...]', 'files or directories to scan', [])
    .option('--check', `exit 1, saying what changed, when the code's authority differs from ${LOCKFILE}; write nothing`)
    .addOption(
      new Option('-f, --format <format>', 'how --check reports changes').choices(Object.keys(FORMATS)).default('text'),
    )
    .option('-c, --config <file>', 'config file (default: nearest agent-warden.json)')
    .action(async (paths: string[], opts: LockOptions) => setExit(await lock(paths, opts, cwd)));
}

/** `agent-warden lock`: writes the lockfile (only when it changes); `--check` compares and writes nothing. */
async function lock(paths: string[], opts: LockOptions, cwd: string): Promise<number> {
  const { authority, ws } = await authorityAt(paths, opts, cwd);
  const file = ws.lockfile?.path ?? join(ws.configDir, LOCKFILE);
  const shown = relative(cwd, file) || LOCKFILE;
  const error = ws.lockfile?.error;
  // Checking needs the lockfile as recorded; writing replaces one that cannot be read (a merge conflict in it).
  if (error && opts.check) throw error;
  if (error) process.stderr.write(`agent-warden: ${error.message}: writing it again from the code.\n`);
  const recorded = ws.lockfile?.recorded?.authority;
  if (opts.check) {
    if (!recorded) {
      process.stderr.write(`agent-warden: no ${shown} to check against: \`agent-warden lock\` writes it.\n`);
      return EXIT.changed;
    }
    const changes = compareAuthority(recorded, authority);
    emit(FORMATS[opts.format](changes, { before: shown, after: 'the code' }, cwd), undefined, cwd);
    if (changes.length)
      process.stderr.write(
        `agent-warden: the code's authority differs from ${shown}; if that is intended, run \`agent-warden lock\` and commit it.\n`,
      );
    return changes.length ? EXIT.changed : EXIT.ok;
  }
  const next = formatLockfile(authority);
  const agents = Object.keys(authority.agents).length;
  const tools = Object.values(authority.agents).reduce((n, a) => n + Object.keys(a.tools).length, 0);
  if (recorded && next === ws.lockfile?.text) {
    process.stderr.write(`agent-warden: ${shown} is up to date (${agents} agents, ${tools} tools).\n`);
    return EXIT.ok;
  }
  const changes = recorded ? compareAuthority(recorded, authority).length : 0;
  emit(next, file, cwd);
  process.stderr.write(
    `agent-warden: wrote ${shown}: ${agents} agents, ${tools} tools${recorded ? `, ${changes} changes` : ''}.\n`,
  );
  return EXIT.ok;
}

export function addDiffCommand(program: Command, cwd: string, setExit: (code: number) => void): void {
  program
    .command('diff')
    .description(
      'Compare the authority agents are granted at a git revision with the working tree (or --head): added, removed, broadened, narrowed. Exits 1 when anything grants more (see --fail-on).',
    )
    .argument('[paths...]', 'files or directories to scan', [])
    .requiredOption('--base <ref>', 'the revision to compare with, e.g. origin/main')
    .option('--head <ref>', 'compare with this revision instead of the working tree')
    .addOption(new Option('-f, --format <format>', 'output format').choices(Object.keys(FORMATS)).default('text'))
    .addOption(
      new Option(
        '--fail-on <risk>',
        'exit 1 when a change grants more to a tool or agent of at least this risk (any: every such change)',
      )
        .choices(['any', 'low', 'medium', 'high', 'critical', 'never'])
        .default('any'),
    )
    .option('-c, --config <file>', 'config file (default: nearest agent-warden.json)')
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .action(async (paths: string[], opts: DiffOptions) => setExit(await diff(paths, opts, cwd)));
}

/** The authority at a revision: none where the scanned folder did not exist yet. */
async function authorityAtRevision(ref: string, paths: string[], opts: CommonOptions, cwd: string) {
  return atRevision(cwd, ref, async (dir): Promise<Authority> =>
    existsSync(dir) ? (await authorityAt(paths, opts, dir)).authority : { agents: {}, tools: {} },
  );
}

/** `agent-warden diff --base <ref>`: what a change does to agents' authority, for review and CI. */
async function diff(paths: string[], opts: DiffOptions, cwd: string): Promise<number> {
  // Each revision with its own config, as a review of that revision would read it.
  const analysis = { config: opts.config };
  const before = await authorityAtRevision(opts.base, paths, analysis, cwd);
  const after = opts.head
    ? await authorityAtRevision(opts.head, paths, analysis, cwd)
    : (await authorityAt(paths, analysis, cwd)).authority;
  const changes = compareAuthority(before, after);
  const sides = { before: opts.base, after: opts.head ?? 'the working tree' };
  emit(FORMATS[opts.format](changes, sides, cwd), opts.output, cwd);
  const fails = (c: AuthorityChange) =>
    grantsMore(c) && opts.failOn !== 'never' && (opts.failOn === 'any' || tierRank(c.risk) >= tierRank(opts.failOn));
  return changes.some(fails) ? EXIT.changed : EXIT.ok;
}

type PolicyFormat = 'cedar' | 'cedar-schema' | 'agentcore' | 'toolhive' | 'agentgateway' | 'claude' | 'openai-agents';
const POLICY_FORMATS: Record<PolicyFormat, (a: Authority, opts: PolicyOptions) => string> = {
  cedar: (a, o) => cedarPolicies(a, o.agent),
  'cedar-schema': (a, o) => cedarSchema(a, o.agent),
  agentcore: (a, o) => {
    if (!o.gateway)
      throw new UsageError('--format agentcore needs --gateway <arn>: the AgentCore gateway the policies apply to');
    return agentCorePolicies(a, o.gateway, o.agent);
  },
  toolhive: (a, o) => toolHiveConfig(a, oneAgent(a, o.agent, 'ToolHive authorizes one MCP server')),
  agentgateway: (a, o) => agentGatewayPolicies(a, o.agent),
  claude: (a, o) =>
    claudePermissions(a, oneAgent(a, o.agent, 'Claude Code permissions are for one MCP server'), o.server),
  'openai-agents': (a, o) =>
    openAiAgentsToolFilter(a, oneAgent(a, o.agent, 'An OpenAI Agents tool filter is for one MCP server')),
};

/** The one agent a format writes for: `--agent`, or the only one there is. */
function oneAgent(a: Authority, agent: string | undefined, why: string): string {
  if (agent) return agent;
  const ids = Object.keys(a.agents);
  if (ids.length === 1) return ids[0]!;
  throw new UsageError(`${why}: name it with --agent <id> (agents: ${ids.join(', ') || 'none'})`);
}

interface PolicyOptions extends CommonOptions {
  format: PolicyFormat;
  from?: 'lockfile' | 'code';
  agent?: string;
  gateway?: string;
  server?: string;
}

export function addPolicyCommand(program: Command, cwd: string, setExit: (code: number) => void): void {
  program
    .command('policy')
    .description(
      `Write least-privilege runtime policies: each agent may call the tools ${LOCKFILE} records for it (or the code gives it, --from code), those behind an approval gate only once approved, and nothing else.`,
    )
    .argument('[paths...]', 'files or directories to scan (with --from code)', [])
    .addOption(
      new Option('-f, --format <format>', 'policy language').choices(Object.keys(POLICY_FORMATS)).default('cedar'),
    )
    .addOption(
      new Option(
        '--from <source>',
        `the authority to enforce (default: ${LOCKFILE} when there is one, else the code)`,
      ).choices(['lockfile', 'code']),
    )
    .option('--agent <id>', 'only this agent (its id in the lockfile, e.g. ai-sdk:answerBillingQuestion)')
    .option('--gateway <arn>', 'with --format agentcore: the AgentCore gateway the policies apply to')
    .option('--server <name>', "with --format claude: the MCP server's name in Claude Code's config (default: its own)")
    .option('-c, --config <file>', 'config file (default: nearest agent-warden.json)')
    .option('-o, --output <file>', 'write the policy to a file instead of stdout')
    .action(async (paths: string[], opts: PolicyOptions) => setExit(await policy(paths, opts, cwd)));
}

/** A gateway without an approval step denies the tools behind one: said, so that nobody wonders why. */
function warnGated(authority: Authority, opts: PolicyOptions): void {
  const one = opts.format === 'toolhive' || opts.format === 'openai-agents';
  const ids = one ? [oneAgent(authority, opts.agent, '')] : opts.agent ? [opts.agent] : Object.keys(authority.agents);
  const gated = ids.flatMap((id) => gatedTools(authority, id).map((t) => `${id}/${t}`));
  if (gated.length)
    process.stderr.write(
      `agent-warden: not permitted, as nothing here can see a human's approval: ${gated.join(', ')}.\n`,
    );
}

/** `agent-warden policy`: the lockfile's (or the code's) authority as policies a runtime enforces. */
async function policy(paths: string[], opts: PolicyOptions, cwd: string): Promise<number> {
  const ws = openWorkspace(cwd, paths, opts.config);
  const shown = relative(cwd, ws.lockfile?.path ?? join(ws.configDir, LOCKFILE)) || LOCKFILE;
  const fromLockfile = opts.from === 'lockfile' || (opts.from === undefined && !!ws.lockfile);
  if (fromLockfile && !ws.lockfile)
    throw new UsageError(`no ${shown} to write policies from: \`agent-warden lock\` writes it (or use --from code)`);
  if (fromLockfile && ws.lockfile?.error) throw ws.lockfile.error;
  const authority = fromLockfile ? ws.lockfile!.recorded!.authority : (await authorityAt(paths, opts, cwd)).authority;
  if (opts.agent && !authority.agents[opts.agent])
    throw new UsageError(
      `no agent '${opts.agent}' in ${fromLockfile ? shown : 'the code'} (agents: ${Object.keys(authority.agents).join(', ') || 'none'})`,
    );
  emit(POLICY_FORMATS[opts.format](authority, opts), opts.output, cwd);
  process.stderr.write(`agent-warden: policies from ${fromLockfile ? shown : 'the code'}.\n`);
  if (['agentcore', 'agentgateway', 'toolhive', 'openai-agents'].includes(opts.format)) warnGated(authority, opts);
  if (opts.format === 'claude' || opts.format === 'openai-agents')
    process.stderr.write(
      "agent-warden: these lists are enforced in the agent's own process, not at a boundary it cannot skip.\n",
    );
  return EXIT.ok;
}
