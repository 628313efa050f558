import { posix } from 'node:path';
import type { OwnerResolver } from '../analyzer/owners';
import type { AnalysisResult, FrameworkId } from '../analyzer/types';
import { DEFAULT_TEST_PATHS } from '../engine';
import { RULES } from '../rules';
import { DEFAULT_GOVERNANCE } from '../rules/governance';

export const BASELINE_FILE = '.agent-warden-baseline.json';
const SCHEMA = './node_modules/agent-warden/server/src/config/agent-warden.schema.json';

/** What `agent-warden init` found, for its config's comments and its closing message. */
export interface ProjectSurvey {
  frameworks: { framework: FrameworkId; agents: number; tools: number }[];
  /** `folder/**` → owner, for the folders that hold agents or tools. */
  owners: Record<string, string>;
  /** Packages that depend on an agent framework where no agent or tool was found, and what they depend on. */
  blind: { file: string; message: string }[];
}

/** Frameworks in use and, per folder holding agents or tools, the owner CODEOWNERS names for it. */
export function surveyProject(result: AnalysisResult, owners: OwnerResolver): ProjectSurvey {
  const count = new Map<FrameworkId, { agents: number; tools: number }>();
  const entry = (f: FrameworkId) => count.get(f) ?? count.set(f, { agents: 0, tools: 0 }).get(f)!;
  for (const a of result.graph.agents) entry(a.framework).agents++;
  for (const t of result.graph.tools) entry(t.framework).tools++;
  return {
    frameworks: [...count].map(([framework, n]) => ({ framework, ...n })),
    owners: folderOwners(
      [...result.graph.agents, ...result.graph.tools].map((n) => n.loc.file),
      owners,
    ),
    blind: result.notices.filter((x) => x.kind === 'blind-spot'),
  };
}

/**
 * `folder/**` → owner for the folders holding agents or tools, as CODEOWNERS (or a config being replaced) names
 * them; a folder's first file decides. Outer folders first, as the config's last match wins; a folder owned as its
 * parent is left out.
 */
function folderOwners(files: readonly string[], owners: OwnerResolver): Record<string, string> {
  const found = new Map<string, string>();
  for (const file of [...new Set(files)].sort()) {
    const folder = posix.dirname(file);
    const match = owners.resolve(file);
    if (match && !found.has(folder)) found.set(folder, match.owner);
  }
  const depth = (f: string) => (f === '.' ? 0 : f.split('/').length);
  const folders = [...found.keys()].sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : 1));
  const out: Record<string, string> = {};
  for (const folder of folders) {
    const parent = folders.filter((p) => p !== folder && (p === '.' || folder.startsWith(`${p}/`))).pop();
    if (parent && found.get(parent) === found.get(folder)) continue;
    out[folder === '.' ? '**' : `${folder}/**`] = found.get(folder)!;
  }
  return out;
}

const json = (v: unknown) => JSON.stringify(v);

/**
 * The first agent-warden.json of a project: what was found, owners from CODEOWNERS, the test code left out of the
 * governance rules, the risk thresholds, and every rule with its default, commented out, to change by uncommenting.
 */
export function initialConfig(survey: ProjectSurvey, baseline: boolean): string {
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const found = survey.frameworks.length
    ? survey.frameworks.map((f) => `${f.framework} (${n(f.agents, 'agent')}, ${n(f.tools, 'tool')})`).join(', ')
    : 'none yet';
  const owners = Object.entries(survey.owners);
  const ruleWidth = Math.max(...RULES.map((r) => r.meta.id.length)) + 3;
  const lines = [
    '{',
    `  "$schema": ${json(SCHEMA)},`,
    `  // Written by \`agent-warden init\`. Frameworks found: ${found}.`,
    ...survey.blind.map((b) => `  // ${b.file}: ${b.message}.`),
    '',
    '  // Who answers for the agents and tools under each folder (last match wins), from CODEOWNERS (read on its',
    '  // own as well); an `@owner` tag in the code comes first. Prefer team names.',
    '  "owners": {',
    ...owners.map(([glob, owner], i) => `    ${json(glob)}: ${json(owner)}${i < owners.length - 1 ? ',' : ''}`),
    '  },',
    '',
    '  // Test, eval, fixture and mock code: left out of the governance rules; secrets there are reported one',
    '  // level lower. Globs from this folder.',
    '  "testPaths": [',
    ...wrap(DEFAULT_TEST_PATHS.map(json), 100).map((l, i, all) => `    ${l}${i < all.length - 1 ? ',' : ''}`),
    '  ],',
    '',
    '  // From which risk (low, medium, high, critical) each requirement applies: the highest-risk capability',
    "  // a tool's code shows decides what it needs.",
    `  "governance": ${JSON.stringify(DEFAULT_GOVERNANCE).replace(/,/g, ', ').replace(/:/g, ': ')},`,
    '',
    '  // Every rule with its default level; uncomment a line to set it ("off", "info", "warning", "error").',
    '  // A level set here replaces the graded one of the rules that grade by risk.',
    '  "rules": {',
    ...RULES.map((r) => {
      const level = `${json(r.meta.defaultSeverity)},`.padEnd(11);
      return `    // ${`${json(r.meta.id)}:`.padEnd(ruleWidth)} ${level} ${r.meta.graded ? '(graded by risk) ' : ''}${r.meta.summary}`;
    }),
    '  },',
    '',
    '  // Files not to analyse at all (beyond .gitignore).',
    `  "ignore": []${baseline ? ',' : ''}`,
    ...(baseline
      ? [
          '',
          '  // Findings known when Agent Warden was adopted: reported no more.',
          `  "baseline": ${json(BASELINE_FILE)}`,
        ]
      : []),
    '}',
    '',
  ];
  return lines.join('\n');
}

/** Comma-separated items in lines of at most `width` characters. */
function wrap(items: readonly string[], width: number): string[] {
  const lines: string[] = [];
  for (const item of items) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last]!.length + item.length + 2 <= width) lines[last] += `, ${item}`;
    else lines.push(item);
  }
  return lines;
}
