// A worker thread for `agent-warden scan --threads`: a batch of files to analyse, or to read.
import { analyseAt, readOutcomeAt } from '../pipeline/executor';
import type { WorkerTask } from './worker-executor';

declare const module: { exports: unknown };

module.exports = (task: WorkerTask) =>
  'reads' in task
    ? task.reads.map((job) => readOutcomeAt(job, task.options))
    : task.jobs.map((job) => analyseAt(job, task.options));
