import { describe, expect, it } from 'vitest';
import { inventoryToJson } from '../../server/src/reporters/json';
import { analyzeFiles } from './analyze';

export interface ExpectedInventory {
  /** Tool names as the model sees them, in file/position order. */
  tools: string[];
  /** Agent name → its tool names (and delegates, when given). */
  agents?: Record<string, { tools?: string[]; delegates?: string[] }>;
  /** Tools that are dynamic (cannot be fully listed). */
  dynamic?: number;
}

export interface AdapterCase {
  name: string;
  files: Record<string, string> | string;
  expected: ExpectedInventory;
}

export function inventoryOf(files: Record<string, string> | string) {
  const map = typeof files === 'string' ? { 'src/agent.ts': files } : files;
  return inventoryToJson(analyzeFiles(map).graph);
}

/** Table of source → expected inventory, one test per case. */
export function adapterTable(title: string, cases: AdapterCase[]): void {
  describe(title, () => {
    for (const c of cases) {
      it(c.name, () => {
        const inv = inventoryOf(c.files);
        expect(inv.tools.filter((t) => !t.dynamic).map((t) => t.name)).toEqual(c.expected.tools);
        if (c.expected.agents) {
          const actual = Object.fromEntries(
            inv.agents.map((a) => [
              a.name,
              { tools: a.tools, ...(c.expected.agents![a.name]?.delegates ? { delegates: a.delegates } : {}) },
            ]),
          );
          const expected = Object.fromEntries(
            Object.entries(c.expected.agents).map(([k, v]) => [
              k,
              { tools: v.tools ?? [], ...(v.delegates ? { delegates: v.delegates } : {}) },
            ]),
          );
          expect(actual).toEqual(expected);
        }
        expect(
          inv.tools.filter((t) => t.dynamic).length +
            inv.dynamicRegistrations.filter(
              (d) => !inv.tools.some((t) => t.dynamic && t.file === d.file && t.line === d.line),
            ).length,
        ).toBe(c.expected.dynamic ?? 0);
      });
    }
  });
}
