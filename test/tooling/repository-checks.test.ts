import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli';

/**
 * The repository passes its own checks: the type-check, the linter with the layer check, the format check. They run
 * among the tests rather than before them, so that a test run's two workers share them with the rest.
 */
describe('this repository', () => {
  it.each([
    ['is type-checked without an error', 'typecheck'],
    ['passes the linter and the layer check', 'lint'],
    ['is formatted', 'format:check'],
  ])('%s (npm run %s)', { timeout: 300_000 }, (_what, script) => {
    const r = spawnSync('npm', ['run', '-s', script], { cwd: REPO, encoding: 'utf8', timeout: 300_000 });
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
  });
});
