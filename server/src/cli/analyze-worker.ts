// A worker thread for `agent-warden scan --threads`: per-file analysis of a batch of files.
import type { ExtractOptions } from '../capabilities/collect-functions';
import { type AnalysisDepth, analyseFile, type FileResult, type SourceInput } from '../engine';

declare const module: { exports: unknown };

module.exports = (task: { inputs: SourceInput[]; depths: AnalysisDepth[]; options: ExtractOptions }): FileResult[] =>
  task.inputs.map((i, k) => analyseFile(i, task.options, task.depths[k]));
