import { ADAPTERS } from './adapters';
import { isSourceFile } from './extract';
import { type PathMapping, resolveModulePath } from './resolve';

/**
 * The text pre-filter that keeps parsing proportional to agent code, not to the repository.
 *
 * Tools and agents are only ever registered in files that import an agent SDK (adapters see nothing
 * else), and the linker only follows imports out of those files. So the files whose facts can matter
 * are the SDK importers ("seeds") and everything they reach through relative or `paths`-mapped imports:
 * tool helpers, clients, barrels. Every other source file is read by the secrets engine only.
 * Finding the specifiers is a regex over the text; resolution is the linker's own, so the two agree.
 */
export function isAgentSeed(specifiers: readonly string[]): boolean {
  return specifiers.some((s) => ADAPTERS.some((a) => a.modules.test(s)));
}

export interface ImportSummary {
  file: string;
  specifiers: readonly string[];
}

/** Which scanned file imports which, resolved once; answers reachability both ways. */
export class ImportGraph {
  private readonly out = new Map<string, string[]>();
  private readonly in = new Map<string, string[]>();
  private readonly seeds: string[] = [];

  constructor(files: readonly ImportSummary[], mappings: PathMapping[] = []) {
    const sources = new Set(files.filter((f) => isSourceFile(f.file)).map((f) => f.file));
    for (const f of files) {
      if (!sources.has(f.file)) continue;
      if (isAgentSeed(f.specifiers)) this.seeds.push(f.file);
      const targets: string[] = [];
      for (const spec of f.specifiers) {
        if (!spec.startsWith('.') && !mappings.length) continue; // a package: not part of the scan
        const target = resolveModulePath(f.file, spec, sources, mappings);
        if (!target || target === f.file) continue;
        targets.push(target);
        const importers = this.in.get(target);
        if (importers) importers.push(f.file);
        else this.in.set(target, [f.file]);
      }
      this.out.set(f.file, targets);
    }
  }

  /** Files whose facts matter: the seeds (and `extra` files), plus every file they reach. */
  needingFacts(extra: Iterable<string> = []): Set<string> {
    return this.closure([...this.seeds, ...[...extra].filter((f) => this.out.has(f))], this.out);
  }

  /**
   * The files the findings of `file` can depend on: everything that (transitively) imports it, and
   * everything those reach — an agent elsewhere may expose, gate or delegate to what `file` defines.
   * Linking just these gives the file's own findings without linking the whole workspace.
   */
  neighbourhoodOf(file: string): Set<string> {
    return this.closure([...this.closure([file], this.in)], this.out);
  }

  private closure(start: readonly string[], edges: Map<string, string[]>): Set<string> {
    const seen = new Set<string>(start);
    const queue = [...start];
    while (queue.length) {
      for (const next of edges.get(queue.pop()!) ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    return seen;
  }
}

/** Seeds plus every file they reach through imports (breadth-first; cycles are fine). */
export function filesNeedingFacts(files: readonly ImportSummary[], mappings: PathMapping[] = [], alwaysFull: Iterable<string> = []): Set<string> {
  return new ImportGraph(files, mappings).needingFacts(alwaysFull);
}
