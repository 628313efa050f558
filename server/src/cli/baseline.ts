import { existsSync, readFileSync } from 'node:fs';
import type { Finding } from '../analyzer/types';
import { UsageError } from '../project/collect-files';

/** Known findings, by fingerprint (rule + file + what it is about, never the line): moving code keeps them known. */
export interface Baseline {
  version: 1;
  findings: { fingerprint: string; ruleId: string; file: string; message: string }[];
}

export function readBaseline(path: string): Set<string> {
  if (!existsSync(path)) return new Set();
  try {
    const b = JSON.parse(readFileSync(path, 'utf8')) as Baseline;
    if (b.version !== 1 || !Array.isArray(b.findings)) throw new Error('not an agent-warden baseline (version 1)');
    return new Set(b.findings.map((f) => f.fingerprint));
  } catch (e) {
    throw new UsageError(`cannot read baseline ${path}: ${(e as Error).message}`);
  }
}

/** The baseline for the current findings: findings that disappeared are dropped. Messages are already masked. */
export function toBaseline(findings: Finding[]): string {
  const b: Baseline = {
    version: 1,
    findings: findings.map((f) => ({
      fingerprint: f.fingerprint,
      ruleId: f.ruleId,
      file: f.loc.file,
      message: f.message,
    })),
  };
  return `${JSON.stringify(b, null, 2)}\n`;
}
