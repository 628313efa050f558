import { describe, expect, it } from 'vitest';
import { declaredCapabilities } from '../../server/src/capabilities/declared';

// What a tool's name and description claim. The answers are kept by name and description (the language server asks
// on every keystroke), so the cases ask in an order where a cache keyed by less would answer wrongly: the same name
// with another description, the same description with another name, and each question twice.
const cases: { name: string; description?: string; claims: string[] }[] = [
  { name: 'navigate', description: 'Opens a web page in the browser', claims: ['browser:read'] },
  { name: 'navigate', description: 'Moves between the sections of a report', claims: [] },
  { name: 'navigate', claims: [] },
  { name: 'navigate_page', claims: ['browser:read'] },
  { name: 'click', description: 'Clicks a button on the page', claims: ['browser:act'] },
  { name: 'summarise', description: 'Clicks a button on the page', claims: [] },
  { name: 'evaluate', description: 'Runs a script in the web page', claims: ['browser:script'] },
  { name: 'evaluate', description: 'Scores an answer against the rubric', claims: [] },
];

describe('declaredCapabilities', () => {
  for (const round of [1, 2])
    it.each(cases)(`round ${round}: $name, "$description" → $claims`, ({ name, description, claims }) => {
      expect(declaredCapabilities(name, description).map((c) => c.capability)).toEqual(claims);
    });
});
