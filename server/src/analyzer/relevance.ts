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

/** Seeds plus every file they reach through imports (breadth-first; cycles are fine). */
export function filesNeedingFacts(files: readonly ImportSummary[], mappings: PathMapping[] = [], alwaysFull: Iterable<string> = []): Set<string> {
  const sources = new Set(files.filter((f) => isSourceFile(f.file)).map((f) => f.file));
  const byFile = new Map(files.map((f) => [f.file, f.specifiers]));
  const needed = new Set<string>();
  const queue: string[] = [];
  const add = (file: string) => {
    if (needed.has(file) || !sources.has(file)) return;
    needed.add(file);
    queue.push(file);
  };
  for (const f of files) if (isAgentSeed(f.specifiers)) add(f.file);
  for (const f of alwaysFull) add(f);
  while (queue.length) {
    const file = queue.pop()!;
    for (const spec of byFile.get(file) ?? []) {
      if (!spec.startsWith('.') && !mappings.length) continue; // a package: not part of the scan
      const target = resolveModulePath(file, spec, sources, mappings);
      if (target) add(target);
    }
  }
  return needed;
}
