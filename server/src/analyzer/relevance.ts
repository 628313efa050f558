import type { FrameworkAdapter } from './adapter';
import { adaptersFor, showsFrameworkShape } from './adapters';
import { isSourceFile } from './extract';
import { IDENT, type ModuleBinding, moduleBindings } from './framework-imports';
import { alternateBuilds, type Build, buildSignature, moduleOfBuild } from './alternate-builds';
import { cachedModuleResolution, type PathMapping } from './resolve';
import { normaliseModule } from './source-context';
import type { FileFacts } from './types';

type EntryNames = Exclude<FrameworkAdapter['entryPoints'], 'any'>;

/**
 * The pre-filter that keeps parsing proportional to agent code, not to the repository. In two steps:
 *
 * 1. Seeds, by text: tools and agents are only ever registered in files that import an agent SDK (adapters
 *    see nothing else) and take from it a name some adapter knows (`tool`, `createTool`, `new Agent`…) —
 *    see `isAgentSeed`. Those files are parsed first.
 * 2. Reach, by facts: the linker only ever starts from what a seed defines — its tools, agents and tool
 *    lists — and follows imports from there: tool helpers, clients, barrels. So the files parsed besides
 *    the seeds are those reached through imports from a seed that defines something. A seed that only
 *    calls a model, or imports an SDK for its types or helpers, does not pull in everything it imports.
 *
 * Every other source file is read by the secrets engine only. Specifiers are found in the text
 * (`importedSpecifiers`); resolution is the linker's own, so the two agree.
 */
export function isAgentSeed(text: string, specifiers: readonly string[]): boolean {
  const adapters = adaptersFor(specifiers);
  if (!adapters.length) return showsFrameworkShape(text);
  // Adapters that also recognise calls by their shape (`server.tool(…)` on a parameter) need no name.
  if (adapters.some((a) => a.entryPoints === 'any') || showsFrameworkShape(text)) return true;
  const bindings = moduleBindings(text, (m) => adapters.some((a) => a.modules.test(m)), normaliseModule);
  return bindings.some((b) =>
    adapters.some(
      (a) => a.modules.test(b.module) && a.entryPoints !== 'any' && takesEntryPoint(a.entryPoints, b, text),
    ),
  );
}

/** Whether a binding can lead to something the adapter records: a known export, or an unknown use. */
function takesEntryPoint(entry: EntryNames, b: ModuleBinding, text: string): boolean {
  if (b.kind === 'unknown') return true;
  if (b.kind === 'named' && entry.names.includes(b.imported)) return true;
  const local = b.local.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (
    entry.members?.length &&
    new RegExp(`(?<![\\w$.])${local}(?:\\??\\.[\\w$]+)?\\??\\.(?:${entry.members.join('|')})\\b`).test(text)
  )
    return true;
  if (b.kind !== 'whole') return false;
  // A whole-module binding: the names read off it (`ai.tool`); used any other way (passed on, destructured) it could be
  // anything.
  const uses = [...text.matchAll(new RegExp(`(?<![\\w$.])${local}(?![\\w$])(\\s*\\??\\.\\s*(${IDENT}))?`, 'g'))];
  const bare = uses.filter((m) => !m[1]).length;
  return bare > 1 || uses.some((m) => m[2] && entry.names.includes(m[2]));
}

/** Whether a file's facts define something the linker starts from (a class that may be a tool is not, yet). */
export function definesIdentities(facts: FileFacts | undefined): boolean {
  return !!facts && (facts.tools.some((t) => !t.extendsClass) || facts.agents.length > 0 || facts.toolLists.length > 0);
}

/** Whether a file's facts have a function of the top level that returns a tool (a factory other files may call). */
export function makesTools(facts: FileFacts | undefined): boolean {
  return !!facts && facts.functions.some((f) => f.makes?.k === 'tool' || f.makes?.k === 'alt');
}

const SUBCLASS = /\bclass(?:\s+[\w$]+)?(?:\s*<[^{]*?>)?\s+extends\s+[\w$]/;

/**
 * Whether a file declares a class extending another (`class SendMessage extends GmailBaseTool`): such a file
 * that imports a file defining tools may define more of them, which its imports alone do not show.
 */
export function declaresSubclass(text: string): boolean {
  return SUBCLASS.test(text);
}

export interface ImportSummary {
  file: string;
  specifiers: readonly string[];
  /** `isAgentSeed` of the file's text, decided where the text was read. */
  seed: boolean;
  /** `declaresSubclass` of the file's text. */
  subclass?: boolean;
}

/** Which scanned file imports which, resolved once; answers reachability both ways. */
export class ImportGraph {
  private readonly out = new Map<string, string[]>();
  private readonly in = new Map<string, string[]>();
  private readonly seedSet = new Set<string>();
  private readonly subclassSet = new Set<string>();
  /** Each file that may be one build of a module shipped twice, with what its text shows (alternate-builds.ts). */
  private readonly builds = new Map<string, Build>();
  /** The builds left to the analysed one, each with that one, found when first asked after the builds changed. */
  private alternates?: Map<string, string>;

  private readonly sources: ReadonlySet<string>;
  private readonly resolve: (fromFile: string, spec: string) => string | undefined;

  /** Files whose imports are still to be added, from `nextUnadded` on (see `completeInSlices`). */
  private unadded: readonly ImportSummary[] = [];
  private nextUnadded = 0;

  /** `deferred`: the files' imports are added later, a slice at a time (see `completeInSlices`). */
  constructor(
    files: readonly ImportSummary[],
    private readonly mappings: readonly PathMapping[] = [],
    deferred = false,
  ) {
    this.sources = new Set(files.filter((f) => isSourceFile(f.file)).map((f) => f.file));
    this.resolve = cachedModuleResolution(this.sources, mappings);
    this.unadded = files;
    if (!deferred) this.complete();
  }

  /**
   * A deferred graph completed a file at a time, pausing whenever `pauseNow` says so (a time slice is spent): on
   * thousands of files, a language server answers an edit between two slices instead of after the whole graph.
   */
  *completeInSlices(pauseNow: () => boolean): Generator<'pause', void, unknown> {
    while (this.nextUnadded < this.unadded.length) {
      this.addOne(this.unadded[this.nextUnadded++]!);
      if (this.nextUnadded < this.unadded.length && pauseNow()) yield 'pause';
    }
    this.complete();
  }

  /** Adds at once what is still to be added (an edit needs the graph before its slices are done). */
  complete(): void {
    while (this.nextUnadded < this.unadded.length) this.addOne(this.unadded[this.nextUnadded++]!);
    this.unadded = [];
    this.nextUnadded = 0;
  }

  /**
   * One file's imports as they are now (an edit), made in place: on thousands of files a new graph takes tens of
   * milliseconds, which every keystroke in an import line would wait for. Only for a file the complete graph already
   * has: a new or removed file, or new aliases, change how other files' imports resolve. Whether it was made.
   */
  replace(summary: ImportSummary): boolean {
    if (this.nextUnadded < this.unadded.length || !this.out.has(summary.file)) return false;
    for (const target of this.out.get(summary.file)!) {
      const importers = this.in.get(target)!;
      importers.splice(importers.indexOf(summary.file), 1);
    }
    this.seedSet.delete(summary.file);
    this.subclassSet.delete(summary.file);
    this.addOne(summary);
    return true;
  }

  private addOne(f: ImportSummary): void {
    if (!this.sources.has(f.file)) return;
    if (f.seed) this.seedSet.add(f.file);
    if (f.subclass) this.subclassSet.add(f.file);
    if (moduleOfBuild(f.file) !== undefined) {
      const build = { file: f.file, signature: buildSignature(f.specifiers), seed: f.seed, subclass: !!f.subclass };
      const before = this.builds.get(f.file);
      if (
        !before ||
        before.signature !== build.signature ||
        before.seed !== build.seed ||
        before.subclass !== build.subclass
      )
        this.alternates = undefined;
      this.builds.set(f.file, build);
    }
    const targets: string[] = [];
    for (const spec of f.specifiers) {
      if (!spec.startsWith('.') && !this.mappings.length) continue; // a package: not part of the scan
      const target = this.resolve(f.file, spec);
      if (!target || target === f.file) continue;
      targets.push(target);
      const importers = this.in.get(target);
      if (importers) importers.push(f.file);
      else this.in.set(target, [f.file]);
    }
    // Whether one build imports another decides whether they are builds of one module.
    if (this.builds.has(f.file) && targets.some((t) => this.builds.has(t))) this.alternates = undefined;
    this.out.set(f.file, targets);
  }

  /** The files that are another build of a module whose analysed build is another file (alternate-builds.ts). */
  alternateBuilds(): ReadonlyMap<string, string> {
    this.alternates ??= alternateBuilds(this.builds.values(), (from, to) => !!this.out.get(from)?.includes(to));
    return this.alternates;
  }

  /**
   * The files whose facts matter (step 2 above): every seed, and everything reached from the files that
   * define identities or are otherwise roots (the language server's open buffers), or that declare classes
   * extending what those define (`class SendMessage extends GmailBaseTool`, in a file importing it). The files
   * importing a tool factory are parsed too (`{ act: actTool(page) }` names the tool the model is given), but not
   * what they import: they are read for what they make of the factory.
   */
  factsNeeded(
    defining: Iterable<string>,
    otherRoots: Iterable<string> = [],
    toolMakers: Iterable<string> = [],
  ): Set<string> {
    const roots = new Set(otherRoots);
    const starts = [...defining].filter((f) => this.out.has(f));
    const subclassing = this.closure(starts, this.in, (f) => this.subclassSet.has(f));
    // Another build of a module is read for its facts only when it is open: what imports it reaches the analysed build.
    const left = (f: string) => this.alternateBuilds().has(f) && !roots.has(f);
    const needed = this.closure(
      [...starts, ...subclassing, ...[...roots].filter((f) => this.out.has(f))],
      this.out,
      undefined,
      (f) => (left(f) ? this.alternateBuilds().get(f)! : f),
    );
    for (const maker of toolMakers)
      for (const importer of this.in.get(maker) ?? []) if (!left(importer)) needed.add(importer);
    for (const seed of this.seedSet) if (!left(seed)) needed.add(seed);
    return needed;
  }

  /** A seed, unless it is another build of a module whose analysed build is another file. */
  isSeed(file: string): boolean {
    return this.seedSet.has(file) && !this.alternateBuilds().has(file);
  }

  /**
   * The files the findings of `file` can depend on: everything that (transitively) imports it, and
   * everything those reach — an agent elsewhere may expose, gate or delegate to what `file` defines.
   * Linking just these gives the file's own findings without linking the whole workspace. What imports another build
   * of a module is linked to the analysed build: both count as that one here.
   */
  neighbourhoodOf(file: string): Set<string> {
    const alternates = this.alternateBuilds();
    const builds = [file];
    for (const [other, analysed] of alternates) if (analysed === file) builds.push(other);
    return this.closure([...this.closure(builds, this.in)], this.out, undefined, (f) => alternates.get(f) ?? f);
  }

  /** `start` and what `edges` reach from it, through files `through` accepts, each file reached taken as `as` says. */
  private closure(
    start: readonly string[],
    edges: Map<string, string[]>,
    through: (file: string) => boolean = () => true,
    as: (file: string) => string = (file) => file,
  ): Set<string> {
    const seen = new Set<string>(start);
    const queue = [...start];
    while (queue.length) {
      for (const target of edges.get(queue.pop()!) ?? []) {
        const next = as(target);
        if (!seen.has(next) && through(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    return seen;
  }
}
