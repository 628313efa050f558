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
});
