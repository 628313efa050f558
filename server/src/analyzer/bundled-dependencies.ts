import { showsFrameworkShape } from './adapters';

/**
 * Code a bundler copied into a file from node_modules is a dependency, and a scan reads it as it reads node_modules:
 * for secrets (the secrets engine reads the whole text), not for facts. Published MCP servers ship as one bundle
 * that is mostly their dependencies (a 5 MB server: 4.8 MB of undici, zod, ajv and the MCP SDK around 0.14 MB of its
 * own code), and parsing those cost more than the rest of the file's facts. A copied module whose text shows a
 * framework's object in use (an adapter's `shapes`: `server.registerTool(`) is kept: a library's helper that
 * registers the tools it is given (`registerAppTool(server, "execute_dql", …)`) is how the caller's tools are found.
 *
 * Bundlers mark where each module's code starts with a comment on a line of its own:
 * - esbuild and rolldown 1: `// node_modules/zod/lib/index.mjs`, up to the next such comment;
 * - rolldown as tsdown runs it (e.g. @sentry/mcp-server): `//#region node_modules/…` up to `//#endregion`.
 * A module's code between those lines is whole statements of the bundle's top level, so the text without it still
 * parses (`parse` falls back to the whole text if it does not). A module that runs to the end of the file is kept
 * (what follows it is not marked, e.g. the bundle's `export { … }`).
 */

/** A line that may mark where a bundled module starts or ends, at the start of a line. */
const MARKER = /^\/\/(?:#region (\S+)|#endregion|[ ](\S+))[ \t]*\r?$/gm;
/** A module's path in a bundler's comment: a file with a script or JSON extension. */
const MODULE_PATH = /\.(?:[cm]?[jt]sx?|json)$/;
/** A dependency's path, wherever the bundle was built from (`node_modules/…`, `../../node_modules/.pnpm/…`). */
const DEPENDENCY_PATH = /(?:^|\/)node_modules\//;
/** A bundle names its modules in comments; a file with fewer such lines is not taken for a bundle. */
const MIN_MODULE_COMMENTS = 2;

interface Marker {
  /** Where the marker line starts, and where the line after it starts. */
  start: number;
  next: number;
  kind: 'module' | 'region' | 'endregion';
  path?: string;
}

/**
 * The text with the code of bundled dependencies replaced by spaces, line breaks kept: every position, line and
 * column of what is left is the same as in the text. The text itself when it bundles none.
 */
export function withoutBundledDependencies(text: string): string {
  if (!text.includes('node_modules/')) return text;
  const spans = dependencySpans(markersOf(text)).filter(([from, to]) => !showsFrameworkShape(text.slice(from, to)));
  if (!spans.length) return text;
  const parts: string[] = [];
  let at = 0;
  for (const [from, to] of spans) {
    parts.push(text.slice(at, from), blanked(text.slice(from, to)));
    at = to;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

function markersOf(text: string): Marker[] {
  const markers: Marker[] = [];
  for (const m of text.matchAll(MARKER)) {
    const start = m.index;
    const next = Math.min(text.length, start + m[0].length + 1);
    if (m[1] !== undefined) markers.push({ start, next, kind: 'region', path: m[1] });
    else if (m[2] === undefined) markers.push({ start, next, kind: 'endregion' });
    else if (MODULE_PATH.test(m[2])) markers.push({ start, next, kind: 'module', path: m[2] });
  }
  return markers;
}

/** The [from, to) spans of dependencies' code: between a marker naming a dependency and the marker ending it. */
function dependencySpans(markers: readonly Marker[]): [number, number][] {
  const spans: [number, number][] = [];
  const bundle = markers.filter((m) => m.kind === 'module').length >= MIN_MODULE_COMMENTS;
  let open: Marker | undefined; // a dependency's marker, its end not yet found
  for (const m of markers) {
    if (open && (open.kind === 'region' ? m.kind !== 'module' : m.kind === 'module')) {
      // A region is closed by its own `//#endregion`; one cut short by the next region's start is left alone.
      if ((open.kind === 'module' || m.kind === 'endregion') && m.start > open.next) spans.push([open.next, m.start]);
      open = undefined;
    }
    if (!open && m.path && DEPENDENCY_PATH.test(m.path) && (m.kind === 'region' || bundle)) open = m;
  }
  return spans;
}

/** Spaces for every character but line breaks (which the compiler counts lines by), so positions stay. */
function blanked(code: string): string {
  return code.replace(/[^\r\n\u2028\u2029]+/g, (run) => ' '.repeat(run.length));
}
