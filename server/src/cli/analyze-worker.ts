// A worker thread for `agent-warden scan --threads`: files to analyse, or to read, claimed one by one from a list
// every thread of the step shares (see WorkerTask), each answered as soon as it is done.
import { analyseAt, readOutcomeAt } from '../pipeline/executor';
import type { WorkerAnswer, WorkerTask } from './worker-executor';

declare const module: { exports: unknown };

module.exports = (task: WorkerTask) => {
  const length = 'reads' in task ? task.reads.length : task.jobs.length;
  for (let at: number; (at = Atomics.add(task.claims, 0, 1)) < length;) {
    const answer =
      'reads' in task ? readOutcomeAt(task.reads[at]!, task.options) : analyseAt(task.jobs[at]!, task.options);
    task.answers.postMessage([at, answer] satisfies WorkerAnswer);
  }
  task.answers.postMessage(null satisfies WorkerAnswer);
};
