import type { ErrorObject } from 'ajv';
import { findNodeAtLocation, type Node, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';

/** A JSON file Agent Warden reads that is not as it should be: always with file, line, column and key. */
export class JsonFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly key: string,
    readonly detail: string,
  ) {
    super(`${file}:${line}:${column}: ${key ? `${key}: ` : ''}${detail}`);
  }
}

export type CompiledValidator = { (value: unknown): boolean; errors?: ErrorObject[] | null };

export function lineCol(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** `agents["ai-sdk:billing"].tools`: a key path as a person writes it. */
export function keyPath(segments: (string | number)[]): string {
  return segments
    .map((s, i) =>
      typeof s === 'number'
        ? `[${s}]`
        : /^[A-Za-z_$][\w$]*$/.test(s)
          ? `${i ? '.' : ''}${s}`
          : `[${JSON.stringify(s)}]`,
    )
    .join('');
}

/** The syntax tree of JSON text (comments and trailing commas allowed), or the first syntax error's position. */
export function parseJsonTree(
  text: string,
): { tree: Node; error?: undefined } | { tree?: undefined; error: { line: number; column: number; detail: string } } {
  if (!text.trim()) return { error: { line: 1, column: 1, detail: 'the file is empty' } };
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (!errors.length && tree) return { tree };
  const e = errors[0];
  return {
    error: {
      ...lineCol(text, e?.offset ?? 0),
      detail: e ? `invalid JSON: ${printParseErrorCode(e.error)}` : 'the file is empty',
    },
  };
}

/** Where a schema error points: the node of the offending value, its key path, and the segments. */
export function schemaErrorTarget(tree: Node, err: ErrorObject): { node?: Node; key: string; segments: string[] } {
  const segments = err.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  return { node: findNodeAtLocation(tree, segments), key: keyPath(segments), segments };
}
