import { deserialize, serialize } from 'node:v8';
import { definesIdentities, makesTools } from '../analyzer/relevance';
import type { FileResult } from '../engine';

/**
 * A file's facts kept as bytes until something reads them. A language server keeps every file's facts for linking,
 * while an edit links only its file's import neighbourhood: objects made as the index's results arrive all survive
 * into the old generation, and copying them made most of the collections an edit waited for meanwhile (indexing
 * the agent-dense corpus: 156 scavenges of the server's thread, 1.55 s, against 124 and 0.95 s with facts packed).
 */

/** What the pipeline decides from a file's facts without reading them (see relevance.ts). */
export interface FactTraits {
  /** The file defines something the linker starts from (`definesIdentities`). */
  defines: boolean;
  /** The file has a function that returns a tool (`makesTools`). */
  makesTools: boolean;
}

/** A result whose facts travel as bytes: made in the thread that extracted them, unpacked where they are read. */
export interface PackedResult {
  result: FileResult;
  facts: ArrayBuffer;
  traits: FactTraits;
}

/**
 * Results whose facts are still bytes; and the traits of every result asked about (told with a packed one, found once
 * for another: a result's facts do not change once it is made, and one assigned new facts loses its entry).
 */
const packedBytes = new WeakMap<FileResult, ArrayBuffer>();
const knownTraits = new WeakMap<FileResult, FactTraits>();

/**
 * What the pipeline asks of a result's facts, answered without unpacking packed ones, and found once per result (the
 * pre-filter asks of every stored result each time what must be parsed changes; `makesTools` reads every function).
 */
export function traitsOf(result: FileResult): FactTraits {
  let traits = knownTraits.get(result);
  if (!traits) {
    traits = { defines: definesIdentities(result.facts), makesTools: makesTools(result.facts) };
    knownTraits.set(result, traits);
  }
  return traits;
}

/** A result with facts as one serialised buffer of its own (moved, not copied, to another thread). */
export function packFacts(result: FileResult): PackedResult | undefined {
  if (!result.facts) return undefined;
  const bytes = serialize(result.facts);
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return {
    result: { ...result, facts: undefined },
    facts: whole ? (bytes.buffer as ArrayBuffer) : new Uint8Array(bytes).buffer,
    traits: traitsOf(result),
  };
}

/** The result, its `facts` unpacked the first time they are read (a result assigned new facts keeps those). */
export function unpackedOnRead({ result, facts, traits }: PackedResult): FileResult {
  packedBytes.set(result, facts);
  knownTraits.set(result, traits);
  Object.defineProperty(result, 'facts', {
    enumerable: true,
    configurable: true,
    get: () => unpackInPlace(result),
    set(value: FileResult['facts']) {
      packedBytes.delete(result);
      knownTraits.delete(result);
      Object.defineProperty(result, 'facts', { value, writable: true, enumerable: true, configurable: true });
    },
  });
  return result;
}

function unpackInPlace(result: FileResult): FileResult['facts'] {
  const bytes = packedBytes.get(result);
  packedBytes.delete(result);
  const value = bytes ? (deserialize(Buffer.from(bytes)) as FileResult['facts']) : undefined;
  Object.defineProperty(result, 'facts', { value, writable: true, enumerable: true, configurable: true });
  return value;
}

/** Unpacks a result's facts now, if they are still bytes. */
export function unpack(result: FileResult): void {
  if (packedBytes.has(result)) unpackInPlace(result);
}

/** Whether a result's facts are still bytes (nothing has read them). */
export function isPacked(result: FileResult): boolean {
  return packedBytes.has(result);
}

/**
 * The heap a result's facts take once unpacked, per byte packed: 2.68 on the agent-dense corpus, 2.81 on the published
 * packages of `third-party/corpus` (every file's facts unpacked at once, after a full collection).
 */
export const UNPACKED_BYTES_PER_PACKED_BYTE = 3;

/** How many bytes a result's packed facts are (0 once unpacked). */
export function packedSize(result: FileResult): number {
  return packedBytes.get(result)?.byteLength ?? 0;
}

/** Whether a result has facts, without unpacking them. */
export function hasFacts(result: FileResult): boolean {
  return packedBytes.has(result) || result.facts !== undefined;
}

/** A copy of the result without its facts, made without unpacking them. */
export function withoutFacts(result: FileResult): FileResult {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(result)) if (key !== 'facts') copy[key] = result[key as keyof FileResult];
  return copy as unknown as FileResult;
}
