import { posix } from 'node:path';
import { byBuildPreference, moduleOfBuild } from './alternate-builds';
import { member } from './source-context';
import type { FileFacts, ObjProp, Val } from './types';

const MAX_DEPTH = 30;
const TS_FOR_JS: Record<string, string[]> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** `compilerOptions.baseUrl` and `paths` of a tsconfig/jsconfig, with the directory it sits in. */
export interface PathMapping {
  dir: string;
  baseUrl?: string;
  paths: Record<string, string[]>;
}

/** The files a specifier may resolve to: only ever asked whether it holds one. */
type FileSet = Pick<ReadonlySet<string>, 'has'>;

/** Resolves an import specifier to a scanned file (relative, or through tsconfig `paths`); undefined otherwise. */
export function resolveModulePath(
  fromFile: string,
  spec: string,
  files: FileSet,
  mappings: readonly PathMapping[] = [],
): string | undefined {
  if (!spec.startsWith('.')) return resolveMapped(fromFile, spec, files, mappings);
  return resolveBase(posix.normalize(posix.join(posix.dirname(fromFile), spec)), files);
}

/**
 * `resolveModulePath` over one set of files and aliases, each answer kept: where a specifier leads depends on the
 * importing file's folder only, so files side by side share their answers (a link, and an import graph, ask for the
 * same ones many times).
 */
export function cachedModuleResolution(
  files: FileSet,
  mappings: readonly PathMapping[],
): (fromFile: string, spec: string) => string | undefined {
  const answers = new Map<string, string | undefined>();
  return (fromFile, spec) => {
    const key = `${fromFile.slice(0, fromFile.lastIndexOf('/') + 1)}\0${spec}`;
    if (answers.has(key)) return answers.get(key);
    const target = resolveModulePath(fromFile, spec, files, mappings);
    answers.set(key, target);
    return target;
  };
}

function resolveMapped(
  fromFile: string,
  spec: string,
  files: FileSet,
  mappings: readonly PathMapping[],
): string | undefined {
  for (const m of applicableMappings(fromFile, spec, mappings)) {
    const root = posix.join(m.dir, m.baseUrl ?? '.');
    for (const [pattern, targets] of Object.entries(m.paths)) {
      const star = pattern.indexOf('*');
      const prefix = star < 0 ? pattern : pattern.slice(0, star);
      const suffix = star < 0 ? '' : pattern.slice(star + 1);
      if (
        star < 0
          ? spec !== pattern
          : !(spec.startsWith(prefix) && spec.endsWith(suffix) && spec.length >= prefix.length + suffix.length)
      )
        continue;
      const captured = star < 0 ? '' : spec.slice(prefix.length, spec.length - suffix.length);
      for (const t of targets) {
        const hit = resolveBase(posix.normalize(posix.join(root, t.replace('*', captured))), files);
        if (hit) return hit;
      }
    }
    if (m.baseUrl) {
      const hit = resolveBase(posix.normalize(posix.join(root, spec)), files);
      if (hit) return hit;
    }
  }
  return undefined;
}

/** The mappings above a folder; those that only map named packages, by package. `at` orders them, nearest first. */
interface Applicable {
  generic: { at: number; m: PathMapping }[];
  byPackage: Map<string, { at: number; m: PathMapping }[]>;
}

interface MappingIndex {
  /** The mappings of each tsconfig folder (`.`: the root's and the workspace packages'), with their order keys. */
  byDir: Map<string, { at: number; m: PathMapping }[]>;
  /** Per importing folder (`a/b/`, or `` at the root). */
  applicable: Map<string, Applicable>;
}

const indexes = new WeakMap<readonly PathMapping[], MappingIndex>();

/**
 * The mappings that may resolve `spec` from a file, nearest tsconfig first (the nearest decides). A monorepo has a
 * mapping per workspace package, each matching only its package's name: those are looked up by the package `spec`
 * names instead of tried one by one. A folder shares its parent's answer unless a tsconfig sits in it.
 */
function applicableMappings(fromFile: string, spec: string, mappings: readonly PathMapping[]): PathMapping[] {
  let index = indexes.get(mappings);
  if (!index) indexes.set(mappings, (index = indexOf(mappings)));
  const found = applicableIn(fromFile.slice(0, fromFile.lastIndexOf('/') + 1), index);
  const named = found.byPackage.get(packageOf(spec));
  if (!named) return found.generic.map((e) => e.m);
  return [...found.generic, ...named].sort((a, b) => a.at - b.at).map((e) => e.m);
}

function indexOf(mappings: readonly PathMapping[]): MappingIndex {
  const byDir = new Map<string, { at: number; m: PathMapping }[]>();
  mappings.forEach((m, i) => {
    // Deeper folders first, then the order given.
    const entry = { at: (1e5 - (m.dir === '.' ? 0 : m.dir.length)) * 1e6 + i, m };
    const list = byDir.get(m.dir);
    if (list) list.push(entry);
    else byDir.set(m.dir, [entry]);
  });
  return { byDir, applicable: new Map() };
}

function applicableIn(dir: string, index: MappingIndex): Applicable {
  const cached = index.applicable.get(dir);
  if (cached) return cached;
  const parent = dir === '' ? undefined : dir.slice(0, dir.lastIndexOf('/', dir.length - 2) + 1);
  const base: Applicable = parent === undefined ? { generic: [], byPackage: new Map() } : applicableIn(parent, index);
  const own = index.byDir.get(dir === '' ? '.' : dir.slice(0, -1));
  const found = own ? withMappings(base, own) : base;
  index.applicable.set(dir, found);
  return found;
}

function withMappings(base: Applicable, own: { at: number; m: PathMapping }[]): Applicable {
  const out: Applicable = { generic: [...base.generic], byPackage: new Map(base.byPackage) };
  for (const entry of own) {
    const packages = entry.m.baseUrl ? undefined : Object.keys(entry.m.paths).map(patternPackage);
    if (!packages?.length || packages.some((p) => p === undefined)) out.generic.push(entry);
    else for (const p of new Set(packages as string[])) out.byPackage.set(p, [...(out.byPackage.get(p) ?? []), entry]);
  }
  return out;
}

/** The package a specifier names: `a` of `a/b`, `@s/a` of `@s/a/b`. */
function packageOf(spec: string): string {
  const slash = spec.indexOf('/');
  if (!spec.startsWith('@') || slash < 0) return slash < 0 ? spec : spec.slice(0, slash);
  const second = spec.indexOf('/', slash + 1);
  return second < 0 ? spec : spec.slice(0, second);
}

/** The one package every specifier a `paths` pattern matches is of (`name`, `name/*`); none for `@/*` or `*`. */
function patternPackage(pattern: string): string | undefined {
  const star = pattern.indexOf('*');
  if (star < 0) return packageOf(pattern);
  const literal = pattern.slice(0, star);
  const pkg = packageOf(literal);
  return pkg && literal.length > pkg.length && literal[pkg.length] === '/' && !pkg.endsWith('/') ? pkg : undefined;
}

/** The file itself, its TypeScript source for a `.js` specifier, then with each extension, then its folder's index. */
function resolveBase(base: string, files: FileSet): string | undefined {
  if (files.has(base)) return base;
  const ext = posix.extname(base);
  for (const e of TS_FOR_JS[ext] ?? []) {
    const c = base.slice(0, -ext.length) + e;
    if (files.has(c)) return c;
  }
  for (const e of EXTENSIONS) if (files.has(base + e)) return base + e;
  for (const e of EXTENSIONS) if (files.has(`${base}/index${e}`)) return `${base}/index${e}`;
  return undefined;
}

/**
 * `cachedModuleResolution` over the files with facts, where an import of a module's other build, which was not
 * analysed (alternate-builds.ts), resolves to the build that was: the same module, loaded another way.
 */
function resolutionToBuilds(
  files: ReadonlySet<string>,
  mappings: readonly PathMapping[],
): (fromFile: string, spec: string) => string | undefined {
  const resolveFile = cachedModuleResolution(files, mappings);
  const analysed = new Map<string, string>();
  for (const file of files) {
    const module = moduleOfBuild(file);
    const other = module === undefined ? undefined : analysed.get(module);
    if (module !== undefined && (other === undefined || byBuildPreference(file, other) < 0)) analysed.set(module, file);
  }
  if (!analysed.size) return resolveFile;
  const moduleOf = (file: string) => analysed.get(moduleOfBuild(file) ?? '');
  const resolveBuild = cachedModuleResolution({ has: (file) => moduleOf(file) !== undefined }, mappings);
  return (fromFile, spec) => {
    const file = resolveFile(fromFile, spec);
    if (file !== undefined) return file;
    const build = resolveBuild(fromFile, spec);
    return build === undefined ? undefined : moduleOf(build);
  };
}

const FILE_PREFIX = 'file:';
export const fileModule = (file: string) => FILE_PREFIX + file;
export const moduleFile = (module: string) =>
  module.startsWith(FILE_PREFIX) ? module.slice(FILE_PREFIX.length) : undefined;

/**
 * Cross-file resolution of symbolic values: follows imports into the exports of other scanned files
 * (through re-exports and `export *`), and simplifies member access, `Object.values` and friends.
 */
export class Resolver {
  private readonly files: ReadonlySet<string>;
  private readonly canonical = new Map<string, FileFacts>();
  private readonly resolveModule: (fromFile: string, spec: string) => string | undefined;

  constructor(
    facts: readonly FileFacts[],
    private readonly mappings: readonly PathMapping[] = [],
  ) {
    this.files = new Set(facts.map((f) => f.file));
    for (const f of facts) this.canonical.set(f.file, f);
    this.resolveModule = resolutionToBuilds(this.files, mappings);
  }

  facts(file: string): FileFacts | undefined {
    return this.canonical.get(file);
  }

  /** Rewrites relative import specifiers inside a value to `file:` modules, once, relative to `fromFile`. */
  canonicalise(val: Val, fromFile: string): Val {
    const c = (v: Val): Val => {
      switch (v.k) {
        case 'import': {
          if (v.module.startsWith('file:') || (!v.module.startsWith('.') && !this.mappings.length)) return v;
          const target = this.resolveModule(fromFile, v.module);
          return target ? { ...v, module: fileModule(target) } : v;
        }
        case 'arr':
          return { ...v, items: v.items.map(c) };
        case 'obj':
          return { ...v, props: v.props.map((p): ObjProp => ({ ...p, val: c(p.val) })) };
        case 'member':
          return { ...v, of: c(v.of) };
        case 'subset':
          return { ...v, of: c(v.of) };
        case 'values':
          return { ...v, of: c(v.of) };
        case 'element':
          return { ...v, of: c(v.of) };
        case 'alt':
          return { ...v, options: v.options.map(c) };
        case 'handoff':
          return { ...v, agent: c(v.agent) };
        case 'dynamic':
          return v.call ? { ...v, call: c(v.call) } : v;
        default:
          return v;
      }
    };
    return c(val);
  }

  /** Resolves the outer layer of a value (not its array items or object props). */
  resolve(val: Val, depth = 0): Val {
    if (depth > MAX_DEPTH) return { k: 'dynamic', why: 'reference chain too long', loc: locOf(val) };
    switch (val.k) {
      case 'import':
        return this.resolveImport(val, depth);
      case 'member': {
        const of = this.resolve(val.of, depth + 1);
        const m = member(of, val.prop);
        return m.k === 'member' && m.of === of ? m : this.resolve(m, depth + 1);
      }
      case 'element': {
        const of = this.resolve(val.of, depth + 1);
        if (of.k === 'arr' && of.items.length) return this.resolve({ k: 'alt', options: of.items }, depth + 1);
        return { k: 'dynamic', why: 'a loop over a list computed at run time', loc: val.loc };
      }
      case 'values': {
        const of = this.resolve(val.of, depth + 1);
        if (of.k === 'obj') return { k: 'arr', items: of.props.map((p) => p.val), loc: of.loc };
        return { k: 'dynamic', why: '`Object.values()` of a value computed at run time', loc: locOf(val) };
      }
      case 'dynamic':
        return val.call ? this.resolveCall(val, val.call, depth) : val;
      default:
        return val;
    }
  }

  private resolveImport(val: Extract<Val, { k: 'import' }>, depth: number): Val {
    const file = moduleFile(val.module);
    if (!file) return val;
    if (val.path.length === 0) return this.namespaceOf(file);
    let cur = this.exportOf(file, val.path[0]!, depth + 1, new Set());
    for (const p of val.path.slice(1)) cur = this.resolve(member(this.resolve(cur, depth + 1), p), depth + 1);
    return this.resolve(cur, depth + 1);
  }

  private exportOf(file: string, name: string, depth: number, seen: Set<string>): Val {
    const key = `${file}\0${name}`;
    const facts = this.canonical.get(file);
    if (!facts || seen.has(key) || depth > MAX_DEPTH)
      return { k: 'dynamic', why: `\`${name}\` could not be followed into ${file}`, loc: fileLoc(file) };
    seen.add(key);
    const direct = facts.exports[name];
    if (direct) return this.canonicalise(direct, file);
    for (const re of facts.reExports) {
      const target = this.resolveModule(file, re.module);
      if (re.names) {
        const hit = re.names.find(([exported]) => exported === name);
        if (hit)
          return target
            ? this.exportOf(target, hit[1], depth + 1, seen)
            : { k: 'import', module: re.module, path: [hit[1]] };
      } else if (target) {
        const v = this.exportOf(target, name, depth + 1, seen);
        if (v.k !== 'dynamic') return v;
      }
    }
    return { k: 'dynamic', why: `\`${name}\` is not exported by ${file}`, loc: fileLoc(file) };
  }

  private readonly products = new Map<string, Map<string, Val>>();

  /** A call of a function of another file: what that function makes, or the call's own (dynamic) value. */
  private resolveCall(val: Val, call: Val, depth: number): Val {
    const fn = this.resolve(call, depth + 1);
    if (fn.k !== 'fn') return val;
    const file = fn.id.slice(0, fn.id.lastIndexOf('#'));
    let made = this.products.get(file);
    if (!made) {
      made = new Map();
      for (const f of this.facts(file)?.functions ?? []) if (f.makes) made.set(f.id, f.makes);
      this.products.set(file, made);
    }
    const product = made.get(fn.id);
    return product ? this.resolve(this.canonicalise(product, file), depth + 1) : val;
  }

  private readonly namespaces = new Map<string, Val>();

  /** `import * as ns from './x'`: an object of the module's exports (re-exported names included). */
  private namespaceOf(file: string): Val {
    const cached = this.namespaces.get(file);
    if (cached) return cached;
    const facts = this.canonical.get(file);
    const loc = fileLoc(file);
    const names = new Set(Object.keys(facts?.exports ?? {}));
    for (const re of facts?.reExports ?? []) for (const [exported] of re.names ?? []) names.add(exported);
    const ns: Val = {
      k: 'obj',
      props: [...names]
        .filter((n) => n !== 'default')
        .map((n) => ({ key: n, val: this.exportOf(file, n, 0, new Set()), loc })),
      loc,
    };
    this.namespaces.set(file, ns);
    return ns;
  }
}

function fileLoc(file: string) {
  return { file, start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
}

export function locOf(val: Val) {
  if ('loc' in val && val.loc) return val.loc;
  return { file: '', start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
}
