import { describe, expect, it } from 'vitest';
import { analyseFile, type SourceInput } from '../../server/src/engine';
import { Prefilter } from '../../server/src/pipeline/prefilter';

/**
 * A batch that serves an unchanged tsconfig from its stored result does not read it: the pre-filter is given its
 * aliases, so the files agent code reaches through them are still parsed.
 */
describe('pre-filter with the aliases of files not read', () => {
  const inputs: SourceInput[] = [
    {
      file: 'src/agent.ts',
      text: `import { tool } from 'ai';\nimport { query } from '@/lib/db';\nexport const lookup = tool({ description: 'Look up', execute: async () => query() });\n`,
    },
    { file: 'src/lib/db.ts', text: `export const query = () => 1;\n` },
  ];
  const depthOfDb = (prefilter: Prefilter) =>
    prefilter.depths([analyseFile(prefilter.withSpecifiers(inputs[0]!), {}, 'facts')])('src/lib/db.ts');

  it.each([
    ['without them, the aliased import is not followed', [], 'secrets'],
    ['with them, it is', [{ dir: '.', paths: { '@/*': ['./src/*'] } }], 'facts'],
  ])('%s', (_, known, depth) => {
    expect(depthOfDb(new Prefilter(inputs, known))).toBe(depth);
  });
});
