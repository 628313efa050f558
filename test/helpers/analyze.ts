import { LOCKFILE, parseLockfile } from '../../server/src/authority/lockfile';
import { OwnerResolver } from '../../server/src/analyzer/owners';
import type { Finding } from '../../server/src/analyzer/types';
import { type Config, DEFAULT_CONFIG } from '../../server/src/config/load-config';
import type { AnalysisResult } from '../../server/src/analyzer/types';
import type { SourceInput } from '../../server/src/engine';
import { analyze } from '../../server/src/pipeline/pipeline';

/** Fixed "today" for rule tests, so date-based rules do not drift. */
export const TODAY = '2026-06-15';

/** Analyses in-memory files; `files` maps path → text. */
export function analyzeFiles(files: Record<string, string>, config: Partial<Config> = {}): AnalysisResult {
  const inputs: SourceInput[] = Object.entries(files).map(([file, text]) => ({ file, text }));
  const cfg = { ...DEFAULT_CONFIG, ...config };
  // An `agent-warden.lock.json` among the files is the workspace's authority lockfile, as beside a config.
  const lockfileText = files[LOCKFILE];
  return analyze(inputs, {
    config: cfg,
    today: TODAY,
    lockfile:
      lockfileText === undefined ? undefined : { file: LOCKFILE, authority: parseLockfile(lockfileText, LOCKFILE) },
    owners: new OwnerResolver({ cwd: '/virtual', configOwners: cfg.owners, configDir: '/virtual' }),
  });
}

export function analyzeCode(code: string, file = 'src/agent.ts', config: Partial<Config> = {}): AnalysisResult {
  return analyzeFiles({ [file]: code }, config);
}

/** `{ruleId, message, line, column}` of findings, for table assertions. */
export function summarize(findings: Finding[], ruleId?: string) {
  return findings
    .filter((f) => !ruleId || f.ruleId === ruleId)
    .map((f) => ({ ruleId: f.ruleId, message: f.message, line: f.loc.start.line, column: f.loc.start.column }));
}
