import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { entryOf, liveTools } from '../helpers/mcp-live';

/** Capabilities inferred from published MCP servers' code (pinned in third-party/package.json). */
type InvTool = {
  name: string;
  risk: string | null;
  capabilities: { capability: string; tier: string; detail: string | null; evidence: string }[];
};

function inventory(pkg: string): Map<string, InvTool> {
  const inv = JSON.parse(runCli(['inventory', dirname(entryOf(pkg))]).stdout);
  return new Map(inv.tools.map((t: InvTool) => [t.name, t]));
}

const READ = [null, 'low', 'medium'];
const WRITE = ['high', 'critical'];

describe('mcp-server-kubernetes: the server’s own annotations are the oracle', () => {
  it('every destructive tool is at write tier or above, with evidence from its code; every read-only one at read tier', async () => {
    const live = await liveTools('mcp-server-kubernetes');
    const destructive = live.filter((t) => t.annotations?.destructiveHint === true).map((t) => t.name);
    const readOnly = live.filter((t) => t.annotations?.readOnlyHint === true).map((t) => t.name);
    expect(destructive).toHaveLength(12);
    expect(readOnly).toHaveLength(7);
    const tools = inventory('mcp-server-kubernetes');
    for (const name of destructive) {
      const t = tools.get(name)!;
      expect(WRITE, `${name}: ${t.risk}`).toContain(t.risk);
      const top = t.capabilities.find((c) => WRITE.includes(c.tier))!;
      expect(top.evidence, name).toMatch(/mcp-server-kubernetes\/dist\/.+\.js:\d+$/);
    }
    for (const name of readOnly) expect(READ, `${name}: ${tools.get(name)!.risk}`).toContain(tools.get(name)!.risk);
  });

  it.each([
    ['kubectl_delete', 'k8s:delete', 'high', 'kubectl delete'],
    ['uninstall_helm_chart', 'k8s:delete', 'high', 'helm uninstall'],
    ['node_management', 'k8s:delete', 'high', 'kubectl drain'],
    ['kubectl_scale', 'k8s:write', 'high', 'kubectl scale'],
    ['kubectl_get', 'k8s:read', 'medium', 'kubectl get'],
    ['kubectl_logs', 'k8s:read', 'medium', 'kubectl logs'],
  ])('%s → %s (%s) from `%s`', (name, capability, tier, detail) => {
    const t = inventory('mcp-server-kubernetes').get(name)!;
    expect(t.capabilities).toContainEqual(expect.objectContaining({ capability, tier, detail }));
  });
});

describe('REST-backed servers: the HTTP method and API decide', () => {
  it.each([
    [
      '@modelcontextprotocol/server-github',
      'push_files',
      'repo:write',
      'high',
      /^POST api\.github\.com\/repos\/\*\/\*\/git\/commits$/,
    ],
    [
      '@modelcontextprotocol/server-github',
      'merge_pull_request',
      'repo:write',
      'high',
      /^PUT api\.github\.com\/repos\/\*\/\*\/pulls\/\*\/merge$/,
    ],
    ['@modelcontextprotocol/server-github', 'get_file_contents', 'repo:read', 'medium', /^GET api\.github\.com/],
    // A new branch or fork overwrites nothing.
    [
      '@modelcontextprotocol/server-github',
      'create_branch',
      'repo:create',
      'medium',
      /^POST api\.github\.com\/repos\/\*\/\*\/git\/refs$/,
    ],
    [
      '@modelcontextprotocol/server-github',
      'fork_repository',
      'repo:create',
      'medium',
      /^POST api\.github\.com\/repos\/\*\/\*\/forks$/,
    ],
    [
      '@modelcontextprotocol/server-gitlab',
      'push_files',
      'repo:write',
      'high',
      /^POST gitlab\.com\/api\/v4\/projects\/\*\/repository\/commits$/,
    ],
    [
      '@modelcontextprotocol/server-slack',
      'slack_post_message',
      'messaging:send',
      'high',
      /^POST slack\.com\/api\/chat\.postMessage$/,
    ],
    [
      '@modelcontextprotocol/server-slack',
      'slack_get_users',
      'messaging:read',
      'medium',
      /^GET slack\.com\/api\/users\.list$/,
    ],
    ['@modelcontextprotocol/server-postgres', 'query', 'db:read', 'medium', /READ ONLY transaction/],
  ])('%s %s → %s (%s)', (pkg, name, capability, tier, detail) => {
    const t = inventory(pkg).get(name)!;
    expect(t.risk).toBe(tier);
    expect(
      t.capabilities.some((c) => c.capability === capability && c.tier === tier && detail.test(c.detail ?? '')),
    ).toBe(true);
  });

  it('read-only GitHub and Slack tools never come out at write tier', () => {
    const gh = inventory('@modelcontextprotocol/server-github');
    for (const name of [
      'search_repositories',
      'get_file_contents',
      'list_commits',
      'list_issues',
      'get_issue',
      'get_pull_request',
      'get_pull_request_files',
    ])
      expect(READ).toContain(gh.get(name)!.risk);
    const slack = inventory('@modelcontextprotocol/server-slack');
    for (const name of [
      'slack_list_channels',
      'slack_get_channel_history',
      'slack_get_thread_replies',
      'slack_get_users',
      'slack_get_user_profile',
    ])
      expect(READ).toContain(slack.get(name)!.risk);
  });
});
