import type { Severity } from '../analyzer/types';
import type { AnalysisResult } from '../analyzer/types';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

// GitHub workflow commands: data escapes %, CR and LF; properties also escape : and ,.
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `::error file=…,line=…::message` lines: GitHub Actions turns them into pull-request annotations. */
export function formatGithub(result: AnalysisResult): string {
  const lines = result.findings.map((f) => {
    const props = [
      `file=${escapeProperty(f.loc.file)}`,
      `line=${f.loc.start.line}`,
      `endLine=${f.loc.end.line}`,
      `col=${f.loc.start.column}`,
      `endColumn=${f.loc.end.column}`,
      `title=${escapeProperty(`agent-warden ${f.ruleId}`)}`,
    ];
    return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(f.message)}`;
  });
  return lines.length ? `${lines.join('\n')}\n` : '';
}
