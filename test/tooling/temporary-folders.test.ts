import { tmpdir } from 'node:os';
import { basename } from 'node:path';
import { expect, it } from 'vitest';
import { tempProject } from '../helpers/cli';

it('a test’s temporary folders are made under the run’s own folder, which the run removes', () => {
  expect(basename(tmpdir())).toMatch(/^agent-warden-tests-/);
  expect(tempProject({ 'a.ts': '' }).startsWith(tmpdir() + '/')).toBe(true);
});
