import { importedSpecifiers, isSourceFile } from '../analyzer/extract';
import { declaresSubclass, ImportGraph, type ImportSummary, isAgentSeed } from '../analyzer/relevance';
import type { PathMapping } from '../analyzer/resolve';
import { type AnalysisDepth, type FileResult, pathMappingsOf, type SourceInput } from '../engine';
import { traitsOf } from './packed-facts';

/** What an import graph is made of: files' import summaries, and the aliases their imports resolve through. */
export interface GraphInputs {
  summaries: ImportSummary[];
  mappings: PathMapping[];
}

/**
 * The pre-filter over a set of inputs (relevance.ts): seeds are known from the text; the depth of every
 * other file once the seeds' facts are known.
 */
export class Prefilter {
  readonly graph: ImportGraph;
  /** Each source file's imports and text tests. */
  readonly summaries = new Map<string, ImportSummary>();
  /** The `paths` aliases of the inputs' tsconfig files and workspace packages, and those given as known. */
  readonly mappings: readonly PathMapping[];

  /**
   * `knownMappings`: the aliases of files not read this time (a stored result vouches for them); `ownMappings`: those
   * of the inputs, when already found. `others`: files beside the inputs (open buffers, files analysed before), which
   * the graph includes, first, so that it is the graph of every file and serves after the pre-filter's decisions.
   */
  constructor(
    inputs: readonly SourceInput[],
    knownMappings: readonly PathMapping[] = [],
    deferGraph = false,
    ownMappings = pathMappingsOf(inputs),
    others: GraphInputs = { summaries: [], mappings: [] },
  ) {
    for (const input of inputs) {
      if (!isSourceFile(input.file)) continue;
      const { file, specifiers, seed, subclass } = summarised(input);
      this.summaries.set(file, { file, specifiers: specifiers!, seed: !!seed, subclass: !!subclass });
    }
    this.mappings = [...ownMappings, ...knownMappings];
    this.graph = new ImportGraph(
      [...others.summaries, ...this.summaries.values()],
      [...others.mappings, ...this.mappings],
      deferGraph,
    );
  }

  /**
   * The same, with its aliases (hundreds of manifests to parse) and import graph made in slices, pausing whenever
   * `pauseNow` says so.
   */
  static *sliced(
    inputs: readonly SourceInput[],
    knownMappings: readonly PathMapping[],
    pauseNow: () => boolean,
    others?: GraphInputs,
  ): Generator<'pause', Prefilter, unknown> {
    const ownMappings: PathMapping[] = [];
    for (const input of inputs) {
      ownMappings.push(...pathMappingsOf([input]));
      if (pauseNow()) yield 'pause';
    }
    const prefilter = new Prefilter(inputs, knownMappings, true, ownMappings, others);
    yield* prefilter.graph.completeInSlices(pauseNow);
    return prefilter;
  }

  /** The input with the tests of its text made here, so analysing it does not search its text again. */
  withSpecifiers(input: SourceInput): SourceInput {
    const summary = this.summaries.get(input.file);
    return summary
      ? { ...input, specifiers: summary.specifiers, seed: summary.seed, subclass: summary.subclass }
      : input;
  }

  isSeed(file: string): boolean {
    return this.graph.isSeed(file);
  }

  /** Facts for seeds and for what a defining seed reaches; secrets only for the rest. */
  depths(seedResults: Iterable<FileResult>): (file: string) => AnalysisDepth | undefined {
    const needed = factsNeededBy(this.graph, [...seedResults]);
    return (file) => (!isSourceFile(file) ? undefined : needed.has(file) ? 'facts' : 'secrets');
  }
}

/**
 * The files that need facts, given the results so far: the seeds, what a file defining a tool or an agent reaches
 * (and the files of the classes they subclass), what an open buffer reaches, and whoever imports a tool maker.
 */
export function factsNeededBy(
  graph: ImportGraph,
  results: readonly FileResult[],
  openBuffers: Iterable<string> = [],
): Set<string> {
  return graph.factsNeeded(
    results.filter((r) => traitsOf(r).defines).map((r) => r.file),
    openBuffers,
    results.filter((r) => traitsOf(r).makesTools).map((r) => r.file),
  );
}

/**
 * A source file's input with the tests of its text made (its imports, whether it is a seed, whether it declares a
 * subclass): a batch makes them as it reads each file, so that the pre-filter need not read every text at once.
 */
export function summarised(input: SourceInput): SourceInput {
  if (!isSourceFile(input.file)) return input;
  const specifiers = input.specifiers ?? importedSpecifiers(input.text);
  return {
    ...input,
    specifiers,
    seed: input.seed ?? isAgentSeed(input.text, specifiers),
    subclass: input.subclass ?? declaresSubclass(input.text),
  };
}
