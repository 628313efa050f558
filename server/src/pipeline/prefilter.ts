import { importedSpecifiers, isSourceFile } from '../analyzer/extract';
import {
  declaresSubclass,
  definesIdentities,
  ImportGraph,
  type ImportSummary,
  isAgentSeed,
  makesTools,
} from '../analyzer/relevance';
import { type AnalysisDepth, type FileResult, pathMappingsOf, type SourceInput } from '../engine';

/**
 * The pre-filter over a set of inputs (relevance.ts): seeds are known from the text; the depth of every
 * other file once the seeds' facts are known.
 */
export class Prefilter {
  readonly graph: ImportGraph;
  private readonly summaries = new Map<string, ImportSummary>();

  constructor(inputs: readonly SourceInput[]) {
    for (const i of inputs) {
      if (!isSourceFile(i.file)) continue;
      const specifiers = i.specifiers ?? importedSpecifiers(i.text);
      const seed = i.seed ?? isAgentSeed(i.text, specifiers);
      this.summaries.set(i.file, { file: i.file, specifiers, seed, subclass: i.subclass ?? declaresSubclass(i.text) });
    }
    this.graph = new ImportGraph([...this.summaries.values()], pathMappingsOf(inputs));
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
    const results = [...seedResults];
    const needed = this.graph.factsNeeded(
      results.filter((r) => definesIdentities(r.facts)).map((r) => r.file),
      [],
      results.filter((r) => makesTools(r.facts)).map((r) => r.file),
    );
    return (file) => (!isSourceFile(file) ? undefined : needed.has(file) ? 'facts' : 'secrets');
  }
}
