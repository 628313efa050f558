import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './cli';

/** Every example and fixture project (a folder with a package.json), each with its own config. */
export const PROJECTS = [
  'examples/support-desk',
  ...readdirSync(join(REPO, 'test/fixtures'))
    .filter((d) => existsSync(join(REPO, 'test/fixtures', d, 'package.json')))
    .map((d) => `test/fixtures/${d}`),
];
