/**
 * A package that ships its code for both module systems holds each module twice: `dist/index.mjs` and `dist/index.js`
 * (tsup), `dist/index.js` and `dist/index.cjs` (a `"type": "module"` package), `dist/esm/…` and `dist/cjs/…` (tsc run
 * twice). A program loads one of them, so the tools it registers are registered once; analysed both, every tool and
 * every finding about it was reported twice. One build is analysed, the ESM one; the other is read for secrets only,
 * and what imports it is linked to the analysed one (`Resolver`), as it is followed to it for what it reaches.
 *
 * Two files are taken for builds of one module when their paths say so (the same folder and name, or the same path
 * but for an `esm`/`cjs` folder) and their texts agree: the same packages imported, as many relative imports, and
 * neither imports the other (an ESM wrapper that imports the CommonJS build is not a build of its own). The tests of
 * their texts may differ, as the same code compiled to `require` reads differently: the build left must not be a seed
 * or declare a subclass (see `ImportSummary`) unless the analysed one is or does too.
 */

const BUILD_FILE = /\.(mjs|js|cjs)$/;
const FORMAT_FOLDER = /\/(esm|cjs)\//g;
const EXTENSION_RANK: Record<string, number> = { mjs: 0, js: 1, cjs: 2 };

/** What two builds of one module share in their paths: undefined for a file no other build can share a module with. */
export function moduleOfBuild(file: string): string | undefined {
  if (!BUILD_FILE.test(file)) return undefined;
  return file.replace(BUILD_FILE, '').replace(FORMAT_FOLDER, '/\0/');
}

/** A file that may be one build of a module, with what the pre-filter read from its text. */
export interface Build {
  file: string;
  /** `buildSignature` of its imports. */
  signature: string;
  seed: boolean;
  subclass: boolean;
}

/** What the imports of two builds of one module agree on (not their order, nor the files relative ones name). */
export function buildSignature(specifiers: readonly string[]): string {
  const packages = [...new Set(specifiers.filter((s) => !s.startsWith('.')))].sort();
  const relative = specifiers.filter((s) => s.startsWith('.')).length;
  return `${relative} ${packages.join('\0')}`;
}

/** The ESM build first: `.mjs`, then `.js`, then `.cjs`; a file under `esm/` before one under `cjs/`. */
function rank(file: string): number {
  const folder = /\/cjs\//.test(file) ? 1 : 0;
  return folder * 3 + EXTENSION_RANK[BUILD_FILE.exec(file)![1]!]!;
}

/** Orders builds of one module, the one to analyse first. */
export function byBuildPreference(a: string, b: string): number {
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * The files that are another build of a module some other file is the analysed build of, each with that file.
 * `imports(a, b)`: whether `a` imports `b`.
 */
export function alternateBuilds(
  builds: Iterable<Build>,
  imports: (from: string, to: string) => boolean,
): Map<string, string> {
  const byModule = new Map<string, Build[]>();
  for (const build of builds) {
    const module = moduleOfBuild(build.file);
    if (module === undefined) continue;
    const same = byModule.get(module);
    if (same) same.push(build);
    else byModule.set(module, [build]);
  }
  const alternates = new Map<string, string>();
  for (const same of byModule.values()) {
    if (same.length < 2) continue;
    same.sort((a, b) => byBuildPreference(a.file, b.file));
    const [analysed, ...others] = same as [Build, ...Build[]];
    const agree = (b: Build) =>
      b.signature === analysed.signature && (!b.seed || analysed.seed) && (!b.subclass || analysed.subclass);
    if (!others.every(agree) || same.some((a) => same.some((b) => a !== b && imports(a.file, b.file)))) continue;
    for (const other of others) alternates.set(other.file, analysed.file);
  }
  return alternates;
}
