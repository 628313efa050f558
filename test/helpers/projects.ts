import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { AnalysisResult } from '../../server/src/analyzer/types';
import { runAnalysis } from '../../server/src/cli/analysis';
import type { SourceInput } from '../../server/src/engine';
import { REPO } from './cli';

/** Every example and fixture project (a folder with a package.json), each with its own config. */
export const PROJECTS = [
  'examples/support-desk',
  ...readdirSync(join(REPO, 'test/fixtures'))
    .filter((d) => existsSync(join(REPO, 'test/fixtures', d, 'package.json')))
    .map((d) => `test/fixtures/${d}`),
];

const analyses = new Map<string, Promise<AnalysisResult>>();

/**
 * One analysis of a project (as `agent-warden scan` runs it in its folder), shared by the tests of a file that only
 * read it: each export is checked against the same graph without analysing the project again.
 */
export function analysisOf(project: string): Promise<AnalysisResult> {
  let analysis = analyses.get(project);
  if (!analysis) analyses.set(project, (analysis = runAnalysis(['.'], {}, join(REPO, project))));
  return analysis;
}

/** Every file of a folder as the analysis's inputs, named by their paths inside it, in order. */
export function inputsOf(dir: string): SourceInput[] {
  const out: SourceInput[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push({ file: relative(dir, p).split('\\').join('/'), text: readFileSync(p, 'utf8') });
    }
  };
  walk(dir);
  return out.sort((a, b) => a.file.localeCompare(b.file));
}
