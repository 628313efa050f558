import { describe, expect, it } from 'vitest';
import { parseJsDocBlock } from '../server/src/analyzer/annotations';

const locAt = (s: number, e: number) => ({
  file: 'f.ts',
  start: { line: 1, column: s + 1 },
  end: { line: 1, column: e + 1 },
});
const parse = (block: string) => {
  const { block: _b, ...rest } = parseJsDocBlock(block, 0, locAt);
  return rest;
};

describe('governance annotations', () => {
  it.each([
    ['one-line block with two tags', '/** @owner team-a @scope x:y */', { owner: 'team-a', scopes: ['x:y'] }],
    [
      'every tag',
      '/**\n * Refunds.\n * @owner team-payments\n * @scope payments:write orders:read\n * @approval required\n * @expires 2027-06-30\n */',
      {
        owner: 'team-payments',
        scopes: ['payments:write', 'orders:read'],
        approval: { mode: 'required', reason: undefined },
      },
    ],
    [
      'multi-line revocation',
      '/**\n * @revocation feature flag AGENT_ON;\n *   runbook https://wiki.example/kill\n */',
      { revocation: 'feature flag AGENT_ON; runbook https://wiki.example/kill' },
    ],
    [
      'a tag mentioned in prose is not a tag',
      '/**\n * Mistake: no @revocation here.\n * @owner team-a\n */',
      { owner: 'team-a' },
    ],
    [
      '@approval none with a reason',
      '/** \n * @approval none -- read-only lookups\n */',
      { approval: { mode: 'none', reason: 'read-only lookups' } },
    ],
  ])('%s', (_n, block, expected) => {
    const r = parse(block);
    delete (r as { expires?: unknown }).expires;
    expect(r).toEqual(expected);
  });

  it.each([
    ['/** @scope everything */', 'scope', /resource:action/],
    ['/** @approval maybe */', 'approval', /`required` or `none <reason>`/],
    ['/** @approval none */', 'approval', /needs a reason/],
    ['/** @expires next week */', 'expires', /YYYY-MM-DD/],
    ['/** @owner */', 'owner', /needs an owner id/],
  ])('%s is a problem, not silently ignored', (block, tag, message) => {
    const r = parse(block);
    expect(r.problems?.[0]!.tag).toBe(tag);
    expect(r.problems?.[0]!.message).toMatch(message);
  });

  it('a block read again gives its tags at its own place; the tags of a block without problems are read once', () => {
    const text = '/** @owner team-c @scope orders:read @approval none -- lookups */';
    const first = parseJsDocBlock(text, 0, locAt);
    const again = parseJsDocBlock(text, 200, locAt);
    const third = parseJsDocBlock(text, 40, locAt);
    expect(again).toEqual({ ...first, block: { start: 200, end: 200 + text.length } });
    expect(third.block).toEqual({ start: 40, end: 40 + text.length });
    // Kept once, shared by every definition the block annotates: nothing may change them for all.
    expect(third.scopes).toBe(again.scopes);
    expect(() => again.scopes!.push('x:y')).toThrow();
    expect(Object.keys(again)).toEqual(Object.keys(first));
  });

  it('a block with a problem or a date is located wherever it is read', () => {
    for (const text of ['/** @expires 2027-01-31 */', '/** @approval maybe */']) {
      const at = (offset: number) => {
        const a = parseJsDocBlock(text, offset, locAt);
        return a.expires?.loc ?? a.problems?.[0]!.loc;
      };
      expect(at(0)!.start.column).toBe(5);
      expect(at(30)!.start.column).toBe(35);
    }
  });
});
