// A worker thread for `agent-warden scan --threads`: per-file analysis of a batch of files.
import type { ExtractOptions } from '../capabilities/collect-functions';
import { analyseFile, type FileResult, type SourceInput } from '../engine';

declare const module: { exports: unknown };

module.exports = (task: { inputs: SourceInput[]; options: ExtractOptions }): FileResult[] => task.inputs.map((i) => analyseFile(i, task.options));
