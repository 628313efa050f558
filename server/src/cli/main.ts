import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { AnalysisResult, Finding } from '../analyzer/types';
import { JsonFileError } from '../config/json-file';
import { CONFIG_FILE, ConfigError } from '../config/load-config';
import { applyEdits, fixesForFinding, knownOwners } from '../fixes/fixes';
import { UsageError } from '../project/collect-files';
import { decodeText, encodeText } from '../project/text-encoding';
import { openWorkspace } from '../project/workspace';
import { inventoryMarkdown, inventoryMermaid, toCycloneDx } from '../reporters/inventory-exports';
import { formatGithub } from '../reporters/github';
import { formatJson, inventoryToJson } from '../reporters/json';
import { formatMarkdown } from '../reporters/markdown';
import { formatSarif } from '../reporters/sarif';
import { formatStylish } from '../reporters/stylish';
import { timed, Timings } from '../timings';
import { ANALYZER_VERSION } from '../version';
import { type CommonOptions, emit, printNotices, runAnalysis } from './analysis';
import { addDiffCommand, addLockCommand, addPolicyCommand } from './authority';
import { readBaseline, toBaseline } from './baseline';
import { BASELINE_FILE, initialConfig, surveyProject } from './init';
import { CACHE_FILE } from './result-cache';
import { formatTimings } from './timing-report';

/** Exit codes, as ESLint and gitleaks users expect them. */
export const EXIT = { ok: 0, findings: 1, error: 2 } as const;

interface ScanOptions extends CommonOptions {
  baseline?: string;
  updateBaseline?: boolean;
  format: 'stylish' | 'json' | 'sarif' | 'github' | 'markdown';
  fix?: boolean;
  maxWarnings?: number;
  quiet?: boolean;
  color?: boolean;
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number ≥ 0.');
  return n;
}

function parseShard(value: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(value);
  if (!m || +m[2]! < 1 || +m[1]! < 1 || +m[1]! > +m[2]!)
    throw new InvalidArgumentError('takes i/n with 1 ≤ i ≤ n, e.g. 2/4.');
  return { index: +m[1]!, count: +m[2]! };
}

/** Applies every safe fix to the files on disk (each file written whole, via a temp file). */
function applySafeFixes(result: AnalysisResult, cwd: string): { problems: number; files: number } {
  const byFile = new Map<string, Finding[]>();
  for (const f of result.findings) byFile.set(f.loc.file, [...(byFile.get(f.loc.file) ?? []), f]);
  const owners = knownOwners(result.graph, {});
  let problems = 0;
  let files = 0;
  for (const [file, findings] of byFile) {
    const abs = resolve(cwd, file);
    // Read as the scan read it: positions count from after a byte order mark, and the file keeps its encoding.
    const read = decodeText(readFileSync(abs));
    if ('skipped' in read) continue;
    const { text, encoding } = read;
    const ctx = { file, text, graph: result.graph, knownOwners: owners, today: new Date().toISOString().slice(0, 10) };
    const safe = findings.flatMap((f) => fixesForFinding(f, ctx).filter((x) => x.safe));
    if (!safe.length) continue;
    const next = applyEdits(
      text,
      safe.flatMap((x) => x.edits),
    );
    if (next === text) continue;
    emit(encodeText(next, encoding), abs, cwd);
    problems += safe.length;
    files++;
  }
  return { problems, files };
}

export function buildProgram(cwd: string, setExit: (code: number) => void): Command {
  const program = new Command('agent-warden')
    .description(
      'Governs AI agents as non-human identities: owners, scopes, approval gates and hardcoded secrets, from source.',
    )
    .version(ANALYZER_VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError('(run with --help for usage)');
  addScanCommand(program).action(async (paths: string[], opts: ScanOptions) => setExit(await scan(paths, opts, cwd)));
  addInitCommand(program).action(async (opts: InitOptions) => setExit(await init(opts, cwd)));
  addLockCommand(program, cwd, setExit);
  addDiffCommand(program, cwd, setExit);
  addPolicyCommand(program, cwd, setExit);
  addInventoryCommand(program).action(async (paths: string[], opts: InventoryOptions) => {
    const result = await runAnalysis(paths, opts, cwd);
    printNotices(result.notices);
    emit(INVENTORY_FORMATS[opts.format](result.graph), opts.output, cwd);
    setExit(EXIT.ok);
  });
  return program;
}

function addScanCommand(program: Command): Command {
  return program
    .command('scan')
    .description('Scan files and directories (default: .) and report findings.')
    .argument('[paths...]', 'files or directories to scan', [])
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(Object.keys(SCAN_FORMATS)).default('stylish'),
    )
    .option('-c, --config <file>', 'config file (default: nearest agent-warden.json)')
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings', parseCount)
    .option('--quiet', 'report errors only')
    .option('--no-color', 'no colours in stylish output')
    .option('--fix', 'apply the safe fixes (e.g. move a hardcoded key to process.env), then report what is left')
    .option('--staged', 'report on the files staged for commit, judged on their staged content (for pre-commit hooks)')
    .option('--changed-since <ref>', 'report on files changed since a git ref (committed or not), e.g. origin/main')
    .option('--shard <i/n>', 'report on shard i of n (files split by a stable hash), for CI matrices', parseShard)
    .option('--cache', `reuse per-file results of unchanged files (${CACHE_FILE} beside the config)`)
    .addOption(
      new Option(
        '--cache-strategy <strategy>',
        'how --cache tells a file is unchanged: by size and modification time, or by reading and hashing it',
      )
        .choices(['metadata', 'content'])
        .default('metadata'),
    )
    .option('--threads <n>', 'analyse files on n threads: the main one and n-1 worker threads', parseCount)
    .option('--timing', 'print the time spent per stage and per rule to stderr')
    .option('--baseline <file>', 'ignore findings recorded in this baseline file (default: the config\'s "baseline")')
    .option(
      '--update-baseline',
      'write every current finding to the baseline file (dropping ones that are gone), then report none',
    );
}

interface InitOptions {
  baseline?: boolean;
  force?: boolean;
}

function addInitCommand(program: Command): Command {
  return program
    .command('init')
    .description(
      'Write agent-warden.json for the project in this folder: the frameworks found, owners from CODEOWNERS, ' +
        'test code left out, every rule explained.',
    )
    .option('--baseline', `record today's findings in ${BASELINE_FILE}, so that only new ones are reported`)
    .option('--force', `replace an existing ${CONFIG_FILE}`);
}

/** `agent-warden init`: a config to adopt Agent Warden on an existing repository, and optionally a baseline. */
async function init(opts: InitOptions, cwd: string): Promise<number> {
  const file = join(cwd, CONFIG_FILE);
  if (existsSync(file) && !opts.force) throw new UsageError(`${CONFIG_FILE} already exists here (--force replaces it)`);
  const result = await runAnalysis(['.'], {}, cwd);
  printNotices(result.notices);
  const survey = surveyProject(result, openWorkspace(cwd, ['.']).owners);
  writeFileSync(file, initialConfig(survey, !!opts.baseline));
  const found = survey.frameworks.map((f) => f.framework).join(', ') || 'no agent framework yet';
  const owners = Object.keys(survey.owners).length;
  process.stderr.write(
    `agent-warden: wrote ${CONFIG_FILE} (${found}; ${plural(owners, 'folder')} owned through CODEOWNERS).\n`,
  );
  if (opts.baseline) {
    writeFileSync(join(cwd, BASELINE_FILE), toBaseline(result.findings));
    process.stderr.write(
      `agent-warden: recorded ${plural(result.findings.length, 'finding')} in ${BASELINE_FILE}: only new ones will be reported.\n`,
    );
  } else if (result.findings.length)
    process.stderr.write(
      `agent-warden: ${plural(result.findings.length, 'finding')} today; \`agent-warden init --baseline --force\` records them so that only new ones are reported.\n`,
    );
  return EXIT.ok;
}

function addInventoryCommand(program: Command): Command {
  return program
    .command('inventory')
    .description('Print the agent identity graph: agents, tools, delegation and credentials.')
    .argument('[paths...]', 'files or directories to scan', [])
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(Object.keys(INVENTORY_FORMATS)).default('json'),
    )
    .option('-c, --config <file>', 'config file (default: nearest agent-warden.json)')
    .option('-o, --output <file>', 'write to a file instead of stdout');
}

type ScanFormat = ScanOptions['format'];
const SCAN_FORMATS: Record<ScanFormat, (r: AnalysisResult, o: { cwd: string; color: boolean }) => string> = {
  stylish: (r, o) => formatStylish(r, { color: o.color }),
  json: (r) => formatJson(r),
  sarif: (r, o) => formatSarif(r, o.cwd),
  github: (r) => formatGithub(r),
  markdown: (r) => formatMarkdown(r),
};

interface InventoryOptions extends CommonOptions {
  format: 'json' | 'cyclonedx' | 'cyclonedx-1.7' | 'markdown' | 'mermaid';
}
const INVENTORY_FORMATS: Record<InventoryOptions['format'], (g: AnalysisResult['graph']) => string> = {
  json: (g) => `${JSON.stringify(inventoryToJson(g), null, 2)}\n`,
  cyclonedx: (g) => `${JSON.stringify(toCycloneDx(g, '1.6'), null, 2)}\n`,
  'cyclonedx-1.7': (g) => `${JSON.stringify(toCycloneDx(g, '1.7'), null, 2)}\n`,
  markdown: (g) => inventoryMarkdown(g),
  mermaid: (g) => inventoryMermaid(g),
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `agent-warden scan`: analyse, fix if asked, apply the baseline, report; the exit code. */
async function scan(paths: string[], opts: ScanOptions, cwd: string): Promise<number> {
  const timings = opts.timing ? new Timings() : undefined;
  let result = await runAnalysis(paths, opts, cwd, timings);
  if (opts.fix) {
    const fixed = applySafeFixes(result, cwd);
    if (fixed.problems) {
      process.stderr.write(
        `agent-warden: fixed ${plural(fixed.problems, 'problem')} in ${plural(fixed.files, 'file')}.\n`,
      );
      result = await runAnalysis(paths, opts, cwd);
    }
  }
  printNotices(result.notices);
  applyBaseline(result, paths, opts, cwd);
  const warnings = result.findings.filter((f) => f.severity === 'warning').length;
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  if (opts.quiet) result.findings = result.findings.filter((f) => f.severity === 'error');
  const color = opts.color !== false && !opts.output && !!process.stdout.isTTY && !process.env.NO_COLOR;
  timed(timings, 'report', () => emit(SCAN_FORMATS[opts.format](result, { cwd, color }), opts.output, cwd));
  if (timings) process.stderr.write(formatTimings(timings));
  const tooManyWarnings = opts.maxWarnings !== undefined && warnings > opts.maxWarnings;
  if (opts.staged && (errors > 0 || tooManyWarnings)) {
    process.stderr.write(
      `agent-warden: commit blocked by ${plural(errors, 'error')}${tooManyWarnings ? ` and ${warnings} warnings` : ''} in staged files.\n` +
        '  Fix them (revoke and rotate any key first), annotate the agent or tool (@owner, @scope, @approval required),\n' +
        '  or suppress with a reason: // agent-warden-ignore-next-line <rule> -- <why>\n',
    );
  }
  if (tooManyWarnings)
    process.stderr.write(`agent-warden: ${warnings} warnings is over --max-warnings ${opts.maxWarnings}.\n`);
  return errors > 0 || tooManyWarnings ? EXIT.findings : EXIT.ok;
}

/** `--update-baseline` writes today's findings and reports none; a baseline file hides the findings it records. */
function applyBaseline(result: AnalysisResult, paths: string[], opts: ScanOptions, cwd: string): void {
  let baselineFile = opts.baseline;
  if (!baselineFile) {
    const ws = openWorkspace(cwd, paths, opts.config);
    if (ws.config.baseline) baselineFile = resolve(ws.configDir, ws.config.baseline);
  }
  if (opts.updateBaseline) {
    if (!baselineFile)
      throw new UsageError('--update-baseline needs --baseline <file> (or "baseline" in agent-warden.json)');
    emit(toBaseline(result.findings), baselineFile, cwd);
    process.stderr.write(`agent-warden: wrote ${plural(result.findings.length, 'finding')} to ${baselineFile}.\n`);
    result.findings = [];
  } else if (baselineFile) {
    const known = readBaseline(resolve(cwd, baselineFile));
    const before = result.findings.length;
    result.findings = result.findings.filter((f) => !known.has(f.fingerprint));
    result.stats.baselined = before - result.findings.length;
  }
}

export async function main(argv: string[], cwd = process.cwd()): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(cwd, (c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return e.exitCode === 0 ? EXIT.ok : EXIT.error;
    }
    if (e instanceof JsonFileError) {
      const shown = relative(cwd, e.file);
      const file = shown && !shown.startsWith('..') ? shown : e.file;
      const what = e instanceof ConfigError ? 'config' : 'lockfile';
      process.stderr.write(
        `agent-warden: invalid ${what}: ${file}:${e.line}:${e.column}: ${e.key ? `${e.key}: ` : ''}${e.detail}\n`,
      );
      return EXIT.error;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`agent-warden: ${e.message}\n`);
      return EXIT.error;
    }
    process.stderr.write(`agent-warden: internal error: ${(e as Error).stack ?? e}\n`);
    return EXIT.error;
  }
}
