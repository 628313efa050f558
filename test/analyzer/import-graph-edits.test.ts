import { describe, expect, it } from 'vitest';
import { ImportGraph, type ImportSummary } from '../../server/src/analyzer/relevance';

/**
 * An edit's new imports made in the graph in place (`ImportGraph.replace`) must leave it as a graph built anew from
 * the new imports would be: the same neighbourhood of every file and the same files to parse.
 */
const WORKSPACE: ImportSummary[] = [
  { file: 'src/agent.ts', specifiers: ['./tools', './lib/db', 'ai'], seed: true },
  { file: 'src/tools.ts', specifiers: ['./lib/http'], seed: true },
  { file: 'src/lib/db.ts', specifiers: [], seed: false },
  { file: 'src/lib/http.ts', specifiers: [], seed: false },
  { file: 'src/lib/base.ts', specifiers: [], seed: true },
  { file: 'src/report.ts', specifiers: ['./lib/db'], seed: false },
  { file: 'src/gmail.ts', specifiers: ['./lib/base'], seed: false, subclass: true },
];

const FILES = WORKSPACE.map((s) => s.file);

/** What a graph answers about every file: its neighbourhood, and the files whose facts are needed. */
function answers(graph: ImportGraph) {
  return {
    neighbourhoods: Object.fromEntries(FILES.map((f) => [f, [...graph.neighbourhoodOf(f)].sort()])),
    needed: [...graph.factsNeeded(['src/agent.ts', 'src/lib/base.ts'], ['src/report.ts'])].sort(),
    seeds: FILES.filter((f) => graph.isSeed(f)),
  };
}

const edits: [string, ImportSummary][] = [
  ['an import added', { file: 'src/report.ts', specifiers: ['./lib/db', './tools'], seed: false }],
  ['an import removed', { file: 'src/agent.ts', specifiers: ['./tools', 'ai'], seed: true }],
  ['every import removed', { file: 'src/agent.ts', specifiers: [], seed: true }],
  ['an import changed to another file', { file: 'src/tools.ts', specifiers: ['./lib/db'], seed: true }],
  ['the same file imported twice', { file: 'src/report.ts', specifiers: ['./lib/db', './lib/db.ts'], seed: false }],
  ['an import that resolves to nothing', { file: 'src/report.ts', specifiers: ['./missing'], seed: false }],
  ['a file that becomes a seed', { file: 'src/lib/db.ts', specifiers: [], seed: true }],
  ['a seed that stops being one', { file: 'src/tools.ts', specifiers: ['./lib/http'], seed: false }],
  ['a subclass removed', { file: 'src/gmail.ts', specifiers: ['./lib/base'], seed: false, subclass: false }],
];

describe('ImportGraph.replace: one file’s new imports, made in place', () => {
  it.each(edits)('%s: as a graph built anew', (_, edit) => {
    const patched = new ImportGraph(WORKSPACE);
    expect(patched.replace(edit)).toBe(true);
    const anew = new ImportGraph(WORKSPACE.map((s) => (s.file === edit.file ? edit : s)));
    expect(answers(patched)).toEqual(answers(anew));
  });

  it('edits one after another, and back: as the first graph', () => {
    const patched = new ImportGraph(WORKSPACE);
    for (const [, edit] of edits) expect(patched.replace(edit)).toBe(true);
    for (const file of new Set(edits.map(([, e]) => e.file))) patched.replace(WORKSPACE.find((s) => s.file === file)!);
    expect(answers(patched)).toEqual(answers(new ImportGraph(WORKSPACE)));
  });

  it('declines a file it does not have, and a graph not yet complete', () => {
    expect(new ImportGraph(WORKSPACE).replace({ file: 'src/new.ts', specifiers: ['./tools'], seed: false })).toBe(
      false,
    );
    const deferred = new ImportGraph(WORKSPACE, [], true);
    expect(deferred.replace(WORKSPACE[0]!)).toBe(false);
  });
});
