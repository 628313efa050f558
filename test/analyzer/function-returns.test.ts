import { expect, it } from 'vitest';
import { analyseFile } from '../../server/src/engine';
import type { FileFacts, Val } from '../../server/src/analyzer/types';

/** What each function of the file makes, by name, with each tool told by the line it is defined on. */
function madeByName(facts: FileFacts): Record<string, unknown> {
  const lines = new Map(facts.tools.map((t) => [t.id, `tool on line ${t.loc.start.line}`]));
  const named = (v: Val): unknown => (v.k === 'tool' ? lines.get(v.id) : v.k === 'alt' ? v.options.map(named) : v.k);
  return Object.fromEntries(facts.functions.filter((f) => f.makes).map((f) => [f.name, named(f.makes!)]));
}

it('a function makes what its own returns make, in their order, not what functions inside it return', () => {
  const text = `import { tool } from 'ai';
import { z } from 'zod';
const input = z.object({});
export function makeTools(kind: string) {
  const later = () => {
    return tool({ description: 'returned by an arrow inside', inputSchema: input, execute: async () => 'x' });
  };
  class Holder {
    get() { return tool({ description: 'returned by a method inside', inputSchema: input, execute: async () => 'y' }); }
  }
  for (const k of [kind]) {
    if (k === 'a') return tool({ description: 'first', inputSchema: input, execute: async () => 'a' });
  }
  return tool({ description: 'second', inputSchema: input, execute: async () => 'b' });
}
export const makeOne = () => tool({ description: 'an arrow’s body', inputSchema: input, execute: async () => 'c' });
export function makeLater() { return later(); function later() { return tool({ description: 'hoisted', inputSchema: input, execute: async () => 'd' }); } }
`;
  const { facts } = analyseFile({ file: 'src/factories.ts', text });
  expect(madeByName(facts!)).toEqual({
    makeTools: ['tool on line 12', 'tool on line 14'],
    makeOne: 'tool on line 16',
    makeLater: 'tool on line 17',
  });
});
