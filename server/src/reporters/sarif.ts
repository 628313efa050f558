import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { Finding, Location, Severity } from '../analyzer/types';
import type { AnalysisResult } from '../analyzer/types';
import { ANALYZER_VERSION } from '../version';
import { RULES } from '../rules';
import { docsUrl } from '../rules/rule';
import { TAXONOMIES } from '../rules/taxonomies';

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

const pascal = (id: string) => id.replace(/(^|-)([a-z])/g, (_, __, ch: string) => ch.toUpperCase());

function region(loc: Location): Sarif.Region {
  return { startLine: loc.start.line, startColumn: loc.start.column, endLine: loc.end.line, endColumn: loc.end.column };
}

export function physical(loc: Location): Sarif.PhysicalLocation {
  return { artifactLocation: { uri: encodeURI(loc.file), uriBaseId: '%SRCROOT%' }, region: region(loc) };
}

/** A SARIF log of one run of Agent Warden with these rules and results, paths from `cwd`. */
export function sarifLog(
  cwd: string,
  rules: Sarif.ReportingDescriptor[],
  results: Sarif.Result[],
  extra: Partial<Sarif.Run> = {},
): Sarif.Log {
  const root = pathToFileURL(cwd).href;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'agent-warden',
            semanticVersion: ANALYZER_VERSION,
            version: ANALYZER_VERSION,
            informationUri: 'https://github.com/agent-warden/agent-warden',
            rules,
          },
        },
        ...extra,
        originalUriBaseIds: { '%SRCROOT%': { uri: root.endsWith('/') ? root : `${root}/` } },
        columnKind: 'utf16CodeUnits',
        // The line breaks our lines are counted with (analyzer/locations.ts): the default leaves out a lone `\r`.
        newlineSequences: ['\r\n', '\n', '\r'],
        results,
      },
    ],
  };
}

/** SARIF 2.1.0, as GitHub code scanning and other SARIF consumers read it. */
export function toSarif(result: AnalysisResult, cwd: string): Sarif.Log {
  const rules: Sarif.ReportingDescriptor[] = RULES.map((r) => ({
    id: r.meta.id,
    name: pascal(r.meta.id),
    shortDescription: { text: r.meta.summary },
    fullDescription: { text: `${r.meta.summary} ${r.meta.why}` },
    help: {
      text: `${r.meta.why}\n\nHow to fix: ${r.meta.fix}`,
      markdown: `${r.meta.why}\n\n**How to fix:** ${r.meta.fix}\n\n[Documentation](${docsUrl(r.meta.id)})`,
    },
    helpUri: docsUrl(r.meta.id),
    defaultConfiguration: { level: LEVEL[r.meta.defaultSeverity] },
    properties: {
      tags: ['security', 'ai-agent', ...(r.meta.mappings.cwe ?? []).map((c) => `external/cwe/${c.toLowerCase()}`)],
      precision: 'high',
    },
    // Each standard the rule maps to, as a relationship to a taxon of the run's taxonomies.
    relationships: TAXONOMIES.flatMap((t) =>
      (r.meta.mappings[t.key] ?? []).map((id) => ({
        target: { id, toolComponent: { name: t.name } },
        kinds: ['relevant'],
      })),
    ),
  }));
  const taxonomies: Sarif.ToolComponent[] = TAXONOMIES.map((t) => ({
    name: t.name,
    organization: t.organization,
    version: t.version,
    informationUri: t.informationUri,
    shortDescription: { text: t.name },
    isComprehensive: false,
    taxa: Object.entries(t.taxa).map(([id, name]) => ({ id, name, shortDescription: { text: name } })),
  }));
  for (const p of result.policies ?? [])
    rules.push({
      id: p.id,
      name: pascal(p.id.replace('/', '-')),
      shortDescription: { text: p.summary },
      fullDescription: { text: p.description ?? p.summary },
      help: { text: p.description ?? `A policy of this workspace (agent-warden.json): ${p.summary}` },
      defaultConfiguration: { level: LEVEL[p.severity] },
      properties: { tags: ['security', 'ai-agent', 'workspace-policy'], precision: 'high' },
    });
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results: Sarif.Result[] = result.findings.map((f: Finding) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: physical(f.loc) }],
    relatedLocations: f.related.length
      ? f.related.map((r, i) => ({ id: i + 1, message: { text: r.message }, physicalLocation: physical(r.loc) }))
      : undefined,
    partialFingerprints: { 'agentWarden/v1': f.fingerprint },
  }));
  return sarifLog(cwd, rules, results, { taxonomies });
}

export function formatSarif(result: AnalysisResult, cwd: string): string {
  return `${JSON.stringify(toSarif(result, cwd), null, 2)}\n`;
}
