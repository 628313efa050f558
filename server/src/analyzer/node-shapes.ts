/**
 * Samples of every kind of syntax node agent code is made of, extracted once a run has extracted enough code to
 * see full garbage collections, and kept, with what their extraction made, for the life of the process.
 *
 * Why: V8 compiles the extraction's hot functions for the hidden classes ("maps") of the objects they see — syntax
 * nodes, the extractor's own per-file objects — and holds those maps weakly from the compiled code. Nothing the
 * analyzer keeps holds a syntax tree or an extractor, so once a file is done, every map that only its objects used
 * dies at the next full garbage collection, and with it every compiled function that checked for one ("weak
 * objects" in `node --trace-deopt`): on the agent-dense corpus, about a hundred functions thrown away and compiled
 * again at each of a scan's dozen full collections (1,262 in all; 23 with the samples kept): a quarter of its CPU
 * time (25–28 s → 18–20 s). The samples' trees and facts hold about 400 KB.
 *
 * They need not make sense, only parse: `test/analyzer/node-shapes.test.ts` checks that they hold every kind of
 * node found in the examples and fixtures.
 */
export const NODE_SHAPE_SAMPLES: readonly { file: string; text: string }[] = [
  {
    file: 'node-shapes.ts',
    text: String.raw`
import def, { named as alias, other } from 'module-a';
import * as ns from './module-b.js';
import type { T } from 'module-c';
import data from './data.json' with { type: 'json' };
export { alias, other as renamed };
export * from './module-d';
export * as namespaced from './module-h';
export default class Base<TArg extends object = {}> extends ns.Parent implements T {
  static readonly count: number = 0;
  #secret = 'x';
  private field?: string;
  protected declare typed: Record<string, unknown>;
  @decorate() method(this: Base, arg: number, ...rest: string[]): void {}
  get value(): number { return this.#secret.length; }
  set value(v) { this.field = ${'`${v}`'}; }
  constructor(public readonly id: string) { super(); }
  static { Base.count++; }
}
class Derived extends Base { override method(): void {} definite!: string; }
export interface Shape<K> { readonly key?: K; [index: string]: unknown; call(): void; new (x: number): Shape<K> }
export type Union = 'a' | ${'`b${string}`'} | { a: number }[] | [first: string, second?: number] | (() => void);
export type Keys = keyof Shape<1> | symbol | boolean;
export type Mapped<T> = { [P in keyof T as ${'`get${string & P}`'}]-?: T[P] extends Function ? never : T[P] };
type Guard = (x: unknown) => x is boolean; type Asserts = (x: unknown) => asserts x is string;
type Infer<T> = T extends Promise<infer U> ? U : this; type Ctor = new () => Guard;
type Query = typeof ns.Client | typeof import('module-g') | ns.z.Infer<Shape<1>>;
enum Color { Red = 1, Green = Red << 1 }
declare module 'augmented' { const x: number; }
namespace Space { export const inner = 1; }
abstract class Abstract { abstract run(): Promise<void>; }
export async function* generator<T>(items: T[], { a, b: [c, ...d] = [] }: { a?: number; b?: T[] } = {}) {
  for await (const item of items) yield* [item];
  for (const key in items) if (key) continue; else break;
  for (let i = 0, j = 1; i < items.length; i++, j--) { label: while (j) { do { j--; } while (j > 0); break label; } }
  try { throw new Error('x'); } catch ({ message }) { void message; } finally { debugger; }
  switch (typeof items) { case 'object': break; default: return; }
}
export const arrow = async <T,>(x: T): Promise<T | undefined> => (await Promise.resolve(x))!;
const object = {
  a: 1, 'b': 2, [Symbol.iterator]: null, c() {}, get d() { return 1; }, set d(v) {}, ...arrow, e: def?.f?.[0]?.(1), arrow,
};
const array = [1, , 'two', ...[3], { x: 1n, y: 0x1f, z: 1e3 }, /re(gex)?/gi, null, undefined, true, false];
const template = ${'`a${object.a}b${array[0] as number}c${<number>(array[1] satisfies unknown)}`'};
const tagged = String.raw${'`x${template}`'};
let assigned: number | string = 0; assigned ??= 1; assigned ||= 2; assigned += 3;
assigned = assigned > 1 ? -assigned : ~assigned;
const conditions = !(assigned instanceof Object) && 'a' in object || void 0 || delete (object as any).a;
new ns.Client({ apiKey: process.env.KEY, headers: { Authorization: ${'`Bearer ${process.env.TOKEN}`'} } }).call(...array);
export const tool = def.tool({
  name: 'x', description: 'y', parameters: ns.z.object({ q: ns.z.string() }),
  execute: async ({ q }: { q: string }) => fetch(q, { method: 'POST', body: JSON.stringify({ q }) }),
});
function overload(x: string): string;
function overload(x: any) { return arguments.length ? x : import('./lazy'); }
const required = require('module-e'), { destructured } = require('module-f');
const maths = (1 + 2 - 3) * 4 / 5 % 6 ** 7 ?? 8;
const compare = maths !== 1 && maths != 2 || maths <= 3 || maths >= 4 || maths < 5 || maths == 6 || maths === 7;
const bits = maths >>> 1 | 2 & 3 ^ 4 >> 1 << 2;
let counter = maths; counter--; ++counter; counter -= 1; counter *= 2; counter /= 3; counter **= 1; counter &&= 1;
counter >>= 2; counter |= 1; counter ^= 1; counter <<= 1; counter %= 2; counter >>>= 1; counter &= 1;;
const expressions = [function named() { return new.target; }, function () { return import.meta.url; }, class {}, ${'`plain`'}];
module.exports = { overload, required, destructured, conditions, tagged, Color, Space, Abstract, data, bits, expressions };
export default compare;
`,
  },
  {
    file: 'node-shapes.tsx',
    text: String.raw`
export const View = ({ items }: { items: string[] }) => (
  <>
    <ul className="list" {...{ id: 'x' }} data-x={1}>
      {items.map((item) => <li key={item}>{item}</li>)}
    </ul>
    <Self.Component closed />
    text &amp; more
  </>
);
`,
  },
];
