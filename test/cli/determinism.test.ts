import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../server/src/analyzer/types';
import { formatLockfile } from '../../server/src/authority/lockfile';
import { authorityOf } from '../../server/src/authority/model';
import { runAnalysis } from '../../server/src/cli/analysis';
import {
  agentCorePolicies,
  agentGatewayPolicies,
  cedarPolicies,
  cedarSchema,
  claudePermissions,
  openAiAgentsToolFilter,
  toolHiveConfig,
} from '../../server/src/reporters/runtime-policies';
import { inventoryMarkdown, inventoryMermaid, toCycloneDx } from '../../server/src/reporters/inventory-exports';
import { formatJson, inventoryToJson } from '../../server/src/reporters/json';
import { formatSarif } from '../../server/src/reporters/sarif';
import { REPO, runCli } from '../helpers/cli';
import { PROJECTS } from '../helpers/projects';

/** Every export Agent Warden writes from one analysis. */
function exportsOf(result: AnalysisResult, cwd: string): Record<string, string> {
  const authority = authorityOf(result.graph);
  return {
    'inventory json': JSON.stringify(inventoryToJson(result.graph)),
    'inventory cyclonedx': JSON.stringify(toCycloneDx(result.graph)),
    'inventory cyclonedx 1.7': JSON.stringify(toCycloneDx(result.graph, '1.7')),
    'inventory markdown': inventoryMarkdown(result.graph),
    'inventory mermaid': inventoryMermaid(result.graph),
    lockfile: formatLockfile(authority),
    'cedar policies': cedarPolicies(authority),
    'cedar schema': cedarSchema(authority),
    agentcore: agentCorePolicies(authority, 'arn:aws:bedrock-agentcore:eu-west-1:123456789012:gateway/gw'),
    agentgateway: agentGatewayPolicies(authority),
    ...Object.fromEntries(
      Object.keys(authority.agents).flatMap((id) => [
        [`toolhive ${id}`, toolHiveConfig(authority, id)],
        [`claude ${id}`, claudePermissions(authority, id)],
        [`openai-agents ${id}`, openAiAgentsToolFilter(authority, id)],
      ]),
    ),
    'scan json': formatJson(result),
    'scan sarif': formatSarif(result, cwd),
  };
}

describe('every export of every example and fixture is deterministic', () => {
  it.each(PROJECTS)('%s: two analyses write the same bytes', async (project) => {
    const cwd = join(REPO, project);
    const first = exportsOf(await runAnalysis(['.'], {}, cwd), cwd);
    const second = exportsOf(await runAnalysis(['.'], {}, cwd), cwd);
    for (const [name, text] of Object.entries(first)) expect(second[name], name).toBe(text);
  });

  it('and two processes do too (the CLI, for the example)', () => {
    const cwd = join(REPO, 'examples/support-desk');
    const commands = [
      ['inventory', '--format', 'cyclonedx'],
      ['inventory', '--format', 'json'],
      ['policy', '--from', 'code'],
      ['policy', '--format', 'cedar-schema'],
      ['scan', '--format', 'sarif'],
    ];
    for (const args of commands) {
      const [a, b] = [runCli(args, { cwd }), runCli(args, { cwd })];
      expect(a.stdout.length, args.join(' ')).toBeGreaterThan(100);
      expect(b.stdout, args.join(' ')).toBe(a.stdout);
    }
  });
});
