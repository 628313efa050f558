import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Finding } from '../analyzer/types';
import { applyEdits, fixesForFinding, knownOwners } from '../fixes/fixes';
import { dirname, join, relative, resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ConfigError } from '../config/load-config';
import { ANALYZER_VERSION, type AnalysisResult, analyze, type Notice } from '../engine';
import { formatGithub } from '../reporters/github';
import { formatJson, inventoryToJson } from '../reporters/json';
import { formatMarkdown } from '../reporters/markdown';
import { formatSarif } from '../reporters/sarif';
import { formatStylish } from '../reporters/stylish';
import { readBaseline, toBaseline } from './baseline';
import { collectFiles, readSources, UsageError } from './collect-files';
import { openWorkspace } from './workspace';

/** Exit codes, as ESLint and gitleaks users expect them. */
export const EXIT = { ok: 0, findings: 1, error: 2 } as const;

interface CommonOptions {
  config?: string;
  output?: string;
}

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

async function runAnalysis(paths: string[], opts: CommonOptions, cwd: string): Promise<AnalysisResult> {
  const ws = openWorkspace(cwd, paths, opts.config);
  const files = await collectFiles(paths, cwd, ws.config.ignore, ws.configDir);
  const notices: Notice[] = [];
  const inputs = await readSources(files, cwd, notices);
  const result = analyze(inputs, { config: ws.config, owners: ws.owners });
  result.notices.unshift(...notices);
  result.stats.files = files.length;
  return result;
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
    const text = readFileSync(abs, 'utf8');
    const ctx = { file, text, graph: result.graph, knownOwners: owners, today: new Date().toISOString().slice(0, 10) };
    const safe = findings.flatMap((f) => fixesForFinding(f, ctx).filter((x) => x.safe));
    if (!safe.length) continue;
    const next = applyEdits(text, safe.flatMap((x) => x.edits));
    if (next === text) continue;
    emit(next, abs, cwd);
    problems += safe.length;
    files++;
  }
  return { problems, files };
}

/** Writes all of the output or none of it: a temp file renamed into place. */
function emit(text: string, output: string | undefined, cwd: string): void {
  if (!output) {
    process.stdout.write(text);
    return;
  }
  const target = resolve(cwd, output);
  const tmp = join(dirname(target), `.${Date.now()}-${process.pid}.agent-warden.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, target);
}

function printNotices(notices: Notice[]): void {
  for (const n of notices) process.stderr.write(`agent-warden: ${n.file}: ${n.message}\n`);
}

export function buildProgram(cwd: string, setExit: (code: number) => void): Command {
  // The workspace (config) of a run, opened once.
  let opened: ReturnType<typeof openWorkspace> | undefined;
  const ws = (paths: string[], opts: CommonOptions) => (opened ??= openWorkspace(cwd, paths, opts.config));
  const program = new Command('agent-warden')
    .description('Governs AI agents as non-human identities: owners, scopes, approval gates and hardcoded secrets, from source.')
    .version(ANALYZER_VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('scan')
    .description('Scan files and directories (default: .) and report findings.')
    .argument('[paths...]', 'files or directories to scan', [])
    .addOption(new Option('-f, --format <format>', 'output format').choices(['stylish', 'json', 'sarif', 'github', 'markdown']).default('stylish'))
    .option('-c, --config <file>', 'config file (default: nearest agent-warden.json)')
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings', parseCount)
    .option('--quiet', 'report errors only')
    .option('--no-color', 'no colours in stylish output')
    .option('--fix', 'apply the safe fixes (e.g. move a hardcoded key to process.env), then report what is left')
    .option('--baseline <file>', 'ignore findings recorded in this baseline file (default: the config\'s "baseline")')
    .option('--update-baseline', 'write every current finding to the baseline file (dropping ones that are gone), then report none')
    .action(async (paths: string[], opts: ScanOptions) => {
      let result = await runAnalysis(paths, opts, cwd);
      if (opts.fix) {
        const fixed = applySafeFixes(result, cwd);
        if (fixed.problems) {
          process.stderr.write(`agent-warden: fixed ${fixed.problems} problem${fixed.problems === 1 ? '' : 's'} in ${fixed.files} file${fixed.files === 1 ? '' : 's'}.\n`);
          result = await runAnalysis(paths, opts, cwd);
        }
      }
      printNotices(result.notices);
      const baselineFile = opts.baseline ?? (ws(paths, opts).config.baseline ? resolve(ws(paths, opts).configDir, ws(paths, opts).config.baseline!) : undefined);
      if (opts.updateBaseline) {
        if (!baselineFile) throw new UsageError('--update-baseline needs --baseline <file> (or "baseline" in agent-warden.json)');
        emit(toBaseline(result.findings), baselineFile, cwd);
        process.stderr.write(`agent-warden: wrote ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'} to ${baselineFile}.\n`);
        result.findings = [];
      } else if (baselineFile) {
        const known = readBaseline(resolve(cwd, baselineFile));
        const before = result.findings.length;
        result.findings = result.findings.filter((f) => !known.has(f.fingerprint));
        result.stats.baselined = before - result.findings.length;
      }
      const warnings = result.findings.filter((f) => f.severity === 'warning').length;
      const errors = result.findings.filter((f) => f.severity === 'error').length;
      if (opts.quiet) result.findings = result.findings.filter((f) => f.severity === 'error');
      const color = opts.color !== false && !opts.output && !!process.stdout.isTTY && !process.env.NO_COLOR;
      const text =
        opts.format === 'json'
          ? formatJson(result)
          : opts.format === 'sarif'
            ? formatSarif(result, cwd)
            : opts.format === 'github'
              ? formatGithub(result)
              : opts.format === 'markdown'
                ? formatMarkdown(result)
                : formatStylish(result, { color });
      emit(text, opts.output, cwd);
      const tooManyWarnings = opts.maxWarnings !== undefined && warnings > opts.maxWarnings;
      if (tooManyWarnings) process.stderr.write(`agent-warden: ${warnings} warnings is over --max-warnings ${opts.maxWarnings}.\n`);
      setExit(errors > 0 || tooManyWarnings ? EXIT.findings : EXIT.ok);
    });

  program
    .command('inventory')
    .description('Print the agent identity graph: agents, tools, delegation and credentials.')
    .argument('[paths...]', 'files or directories to scan', [])
    .addOption(new Option('-f, --format <format>', 'output format').choices(['json']).default('json'))
    .option('-c, --config <file>', 'config file (default: nearest agent-warden.json)')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action(async (paths: string[], opts: CommonOptions) => {
      const result = await runAnalysis(paths, opts, cwd);
      printNotices(result.notices);
      emit(`${JSON.stringify(inventoryToJson(result.graph), null, 2)}\n`, opts.output, cwd);
      setExit(EXIT.ok);
    });

  return program;
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
    if (e instanceof ConfigError) {
      const shown = relative(cwd, e.file);
      const file = shown && !shown.startsWith('..') ? shown : e.file;
      process.stderr.write(`agent-warden: invalid config: ${file}:${e.line}:${e.column}: ${e.key ? `${e.key}: ` : ''}${e.detail}\n`);
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
