// A worker thread for `agent-warden scan --threads`: a batch of files to analyse, or to read.
import type { ExtractOptions } from '../capabilities/collect-functions';
import { analyseAt, type FileJob, type ReadJob, readOutcomeAt } from '../pipeline/executor';

declare const module: { exports: unknown };

export type WorkerTask = { options: ExtractOptions } & ({ jobs: FileJob[] } | { reads: ReadJob[] });

module.exports = (task: WorkerTask) =>
  'reads' in task
    ? task.reads.map((job) => readOutcomeAt(job, task.options))
    : task.jobs.map((job) => analyseAt(job, task.options));
