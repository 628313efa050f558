import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../server/src/analyzer/extract';
import type { Sym } from '../../server/src/analyzer/types';

/**
 * What a call's arguments are, as each function sees them: a module's constant is the same from every function, and
 * is worked out once; a parameter is a placeholder only in its own function (each caller fills it in), and unknown in
 * a nested one that merely sees it. Whichever function reaches a shared expression first must not decide it for the
 * others.
 */
function fetchArgs(text: string): Record<string, Sym[]> {
  const facts = extractFacts('src/tools.ts', text);
  const out: Record<string, Sym[]> = {};
  for (const fn of facts.functions) for (const hit of fn.hits) out[fn.name] = hit.args;
  return out;
}

const NESTED_FIRST = `
export function download(req) {
  const target = req.url;
  function retry() {
    return fetch(target);
  }
  retry();
  return fetch(target);
}
`;

const OUTER_FIRST = `
export function download(req) {
  const target = req.url;
  const first = fetch(target);
  function retry() {
    return fetch(target);
  }
  return first ?? retry();
}
`;

/** `options` is worked out in `download` from `target`, already known there: it reads the parameter too. */
const THROUGH_A_KNOWN_NAME = `
export function download(req) {
  const target = req.url;
  const options = { url: target };
  fetch(target);
  const first = fetch(options);
  function retry() {
    return fetch(options);
  }
  return first ?? retry();
}
`;

const CONSTANT = `
const BASE = 'https://api.example.com/' + 'v1/reports';
export function daily() {
  return fetch(BASE);
}
export function weekly() {
  return fetch(BASE);
}
`;

describe('argument symbols, per function', () => {
  it.each([
    ['the nested function reaches it first', NESTED_FIRST],
    ['the function reaches it first', OUTER_FIRST],
  ])("a parameter's member is the parameter in its function and unknown in a nested one (%s)", (_, text) => {
    const args = fetchArgs(text);
    expect(args.download).toEqual([{ t: 'param', i: 0, path: ['url'] }]);
    expect(args.retry).toEqual([{ t: 'unknown' }]);
  });

  it('an expression that reads the parameter through a name already worked out reads it too', () => {
    const facts = extractFacts('src/tools.ts', THROUGH_A_KNOWN_NAME);
    const args = (name: string) => facts.functions.find((f) => f.name === name)!.hits.map((h) => h.args[0]);
    expect(args('download')).toEqual([
      { t: 'param', i: 0, path: ['url'] },
      { t: 'obj', props: { url: { t: 'param', i: 0, path: ['url'] } } },
    ]);
    expect(args('retry')).toEqual([{ t: 'obj', props: { url: { t: 'unknown' } } }]);
  });

  it("a module's constant is the same text from every function", () => {
    const url = { t: 'str', v: 'https://api.example.com/v1/reports', exact: true };
    expect(fetchArgs(CONSTANT)).toEqual({ daily: [url], weekly: [url] });
  });
});
