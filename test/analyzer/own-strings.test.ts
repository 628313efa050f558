import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { importedSpecifiers } from '../../server/src/analyzer/extract';
import { ownString } from '../../server/src/analyzer/own-strings';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapAfterGc = () => {
  /y/.exec('y'); // V8 keeps the last string a regular expression matched in (RegExp.input)
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

describe('strings kept from a file outlive its text without holding it', () => {
  it('a module specifier cut from a text is equal to it, and lets the text go', () => {
    const read = () => {
      // 40 MB of text, then a specifier long enough for V8 to cut it as a view into the text.
      const text = `import { x } from '@scope/a-long-package-name/sub/path';\n${'// filler\n'.repeat(4e6)}`;
      const specifiers = importedSpecifiers(text);
      const withText = heapAfterGc();
      expect(text.length).toBeGreaterThan(40e6);
      return { specifiers, withText };
    };
    const { specifiers, withText } = read();
    expect(withText - heapAfterGc()).toBeGreaterThan(30e6);
    expect(specifiers).toEqual(['@scope/a-long-package-name/sub/path']);
  });

  it('a copy is the same string, once for equal strings', () => {
    const text = 'name: "lookup_customer_by_email", name: "lookup_customer_by_email"';
    const a = ownString(text.slice(7, 31));
    const b = ownString(text.slice(41, 65));
    expect(a).toBe('lookup_customer_by_email');
    expect(b).toBe(a);
    expect(ownString('short')).toBe('short');
  });
});
