import { describe, expect, it } from 'vitest';
import { analyseFile } from '../../server/src/engine';
import { adapterTable } from '../helpers/inventory';

/** A search that halves its range, calling itself on one half: shaped after a published MCP server's fuzzy search. */
const halvingSearch = `import { distance } from 'fastest-levenshtein';
export function search(text, query, start = 0, end = null, parent = Infinity) {
  if (end === null) end = text.length;
  if (end - start <= 2 * query.length) return refine(text, query, start, end);
  const mid = start + Math.floor((end - start) / 2);
  const left = distance(text.substring(start, mid + query.length), query);
  const right = distance(text.substring(mid - query.length, end), query);
  if (parent <= Math.min(left, right)) return refine(text, query, start, end);
  if (left < right) return search(text, query, start, mid + query.length, left);
  else return search(text, query, mid - query.length, end, right);
}
function refine(text, query, start, end) {
  return { start, end, value: text.substring(start, end), distance: distance(text.substring(start, end), query) };
}
export const best = search('a long text', 'text');
`;

describe('recursive functions of the file', () => {
  it('a function that returns calls of itself on two paths is followed once, not once per path and level', () => {
    // Following each recursive return again branched twice per level, down to the depth limit: over 5 s.
    const r = analyseFile({ file: 'src/fuzzy.js', text: halvingSearch }, { timeBudgetMs: 2_000 }, 'facts');
    expect(r.notice).toBeUndefined();
    expect(r.facts).toBeDefined();
  });
});

adapterTable('what a recursive factory makes', [
  {
    name: 'the agent a factory returns after calling itself is one agent',
    files: `import { Agent } from '@openai/agents';
function makeAgent(retries: number): Agent {
  if (retries > 0 && Math.random() < 0.5) return makeAgent(retries - 1);
  return new Agent({ name: 'triage', instructions: 'Route the request.' });
}
export const triage = makeAgent(3);`,
    expected: { tools: [], agents: { triage: { tools: [] } } },
  },
]);
