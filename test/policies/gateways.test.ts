import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Authority, authorityOf } from '../../server/src/authority/model';
import { Environment } from '@marcbachmann/cel-js';
import {
  agentCorePolicies,
  agentGatewayPolicies,
  agentCoreTarget,
  cedarString,
  gatedTools,
  toolHiveConfig,
} from '../../server/src/reporters/runtime-policies';
import { REPO, runCli } from '../helpers/cli';
import { analysisOf, PROJECTS } from '../helpers/projects';

const GATEWAY = 'arn:aws:bedrock-agentcore:eu-west-1:123456789012:gateway/support-gw';

const authorityIn = async (project: string): Promise<Authority> => authorityOf((await analysisOf(project)).graph);

const namedTools = (a: Authority, id: string) => Object.keys(a.agents[id]!.tools).filter((t) => !t.startsWith('<'));

/** Every tool of every agent, each with whether a human must approve it. */
function toolsOf(authority: Authority) {
  return Object.entries(authority.agents).flatMap(([id, agent]) =>
    Object.entries(agent.tools)
      .filter(([name]) => !name.startsWith('<'))
      .map(([name, t]) => ({ id, agent, name, gated: !!t.approval })),
  );
}

/**
 * The schema an AgentCore gateway generates from its targets' tool manifests, as AWS documents its constraints: the
 * `AgentCore` namespace, principal `OAuthUser`, resource `Gateway`, each tool an action `<target>___<tool>` in
 * `CallTool` in `Mcp`, and only `context.input` (here without parameters: the policies do not read them).
 */
function agentCoreSchema(actions: string[]): string {
  const lines = [
    'namespace AgentCore {',
    '  entity OAuthUser = { "id": String } tags String;',
    '  entity Gateway;',
    '  action "Mcp";',
    '  action "CallTool" in [Action::"Mcp"];',
  ];
  for (const a of actions)
    lines.push(
      `  action ${cedarString(a)} in [Action::"CallTool"] appliesTo { principal: [OAuthUser], resource: [Gateway], context: { "input": {} } };`,
    );
  return `${lines.join('\n')}\n}\n`;
}

describe('AgentCore Gateway policies, checked with Cedar against an AgentCore-shaped schema', () => {
  it.each(PROJECTS)('%s: validate strictly; each target tool is allowed unless it needs approval', async (project) => {
    const authority = await authorityIn(project);
    const tools = toolsOf(authority);
    const policies = agentCorePolicies(authority, GATEWAY);
    const actionOf = (t: (typeof tools)[number]) => `${agentCoreTarget(t.agent)}___${t.name}`;
    const schema = agentCoreSchema([...new Set(tools.map(actionOf))]);
    const answer = cedar.validate({
      schema,
      policies: { staticPolicies: policies },
      validationSettings: { mode: 'strict' },
    });
    expect(answer.type).toBe('success');
    if (answer.type === 'success') expect([...answer.validationErrors, ...answer.validationWarnings]).toEqual([]);
    const decide = (action: string, gateway: string) => {
      const r = cedar.isAuthorized({
        principal: { type: 'AgentCore::OAuthUser', id: 'alice' },
        action: { type: 'AgentCore::Action', id: action },
        resource: { type: 'AgentCore::Gateway', id: gateway },
        context: { input: {} },
        policies: { staticPolicies: policies },
        entities: [{ uid: { type: 'AgentCore::OAuthUser', id: 'alice' }, attrs: { id: 'alice' }, parents: [] }],
        schema,
        validateRequest: true,
      });
      expect(r.type, JSON.stringify(r)).toBe('success');
      return r.type === 'success' ? r.response.decision : 'error';
    };
    for (const t of tools) {
      expect(`${actionOf(t)}: ${decide(actionOf(t), GATEWAY)}`).toBe(`${actionOf(t)}: ${t.gated ? 'deny' : 'allow'}`);
      // Another gateway is not this one.
      expect(decide(actionOf(t), `${GATEWAY}-other`)).toBe('deny');
    }
  });
});

describe('agentgateway MCP authorization, each rule parsed and evaluated with a CEL library', () => {
  // The request as agentgateway's CEL sees a tool call: `mcp.tool.name` (bare) and `mcp.tool.target`.
  const env = new Environment().registerVariable('mcp', 'map');
  const call = (target: string, name: string) => ({ mcp: { tool: { name, target } } });

  it.each(PROJECTS)(
    '%s: a call is allowed exactly for the tools that need no approval, on their target',
    async (project) => {
      const authority = await authorityIn(project);
      const config = JSON.parse(agentGatewayPolicies(authority)) as {
        mcp: { policies: { mcpAuthorization: { rules: string[] } } };
      };
      const rules = config.mcp.policies.mcpAuthorization.rules.map((r) => {
        expect(env.check(r)).toMatchObject({ valid: true, type: 'bool' });
        return env.parse(r);
      });
      const allowed = (context: object) => rules.some((rule) => rule(context) === true);
      for (const t of toolsOf(authority)) {
        const target = agentCoreTarget(t.agent);
        expect(`${target}/${t.name}: ${allowed(call(target, t.name))}`).toBe(`${target}/${t.name}: ${!t.gated}`);
      }
      for (const id of Object.keys(authority.agents)) {
        const target = agentCoreTarget(authority.agents[id]!);
        expect(allowed(call(target, 'a_tool_nobody_registered'))).toBe(false);
        expect(allowed(call(`${target}-elsewhere`, namedTools(authority, id)[0] ?? 'x'))).toBe(false);
      }
      // A request that is no tool call (`tools/list` before filtering, a prompt) is not a tool: no rule names it.
      expect(allowed({ mcp: {} })).toBe(false);
    },
  );
});

describe("ToolHive's cedarv1 authorization config, checked with Cedar", () => {
  it.each(PROJECTS)('%s: each MCP server allows call_tool on its tools, unless they need approval', async (project) => {
    const authority = await authorityIn(project);
    for (const id of Object.keys(authority.agents)) {
      const config = JSON.parse(toolHiveConfig(authority, id)) as {
        version: string;
        type: string;
        cedar: { policies: string[]; entities_json: string };
      };
      expect({ version: config.version, type: config.type, entities: config.cedar.entities_json }).toEqual({
        version: '1.0',
        type: 'cedarv1',
        entities: '[]',
      });
      const policies = config.cedar.policies.join('\n');
      expect(cedar.checkParsePolicySet({ staticPolicies: policies })).toEqual({ type: 'success' });
      const decide = (tool: string) => {
        const r = cedar.isAuthorized({
          principal: { type: 'Client', id: 'alice' },
          action: { type: 'Action', id: 'call_tool' },
          resource: { type: 'Tool', id: tool },
          context: {},
          policies: { staticPolicies: policies },
          entities: [],
        });
        return r.type === 'success' ? r.response.decision : 'error';
      };
      const gated = new Set(gatedTools(authority, id));
      for (const t of toolsOf(authority).filter((x) => x.id === id))
        expect(`${id}/${t.name}: ${decide(t.name)}`).toBe(`${id}/${t.name}: ${gated.has(t.name) ? 'deny' : 'allow'}`);
      expect(decide('a_tool_nobody_registered')).toBe('deny');
    }
  });
});

describe('agent-warden policy, for gateways', () => {
  const cwd = join(REPO, 'examples/support-desk');
  it('says which tools behind an approval gate a gateway leaves denied', () => {
    const r = runCli(['policy', '--format', 'agentcore', '--gateway', GATEWAY], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('action == AgentCore::Action::"answerBillingQuestion___lookupInvoice"');
    expect(r.stderr).toContain(
      "not permitted, as nothing here can see a human's approval: ai-sdk:answerBillingQuestion/refundCharge.",
    );
  });

  it('asks for what it cannot guess: the gateway, the one MCP server', () => {
    const agentcore = runCli(['policy', '--format', 'agentcore'], { cwd });
    expect(agentcore.code).toBe(2);
    expect(agentcore.stderr).toContain('--format agentcore needs --gateway <arn>');
    const toolhive = runCli(['policy', '--format', 'toolhive'], { cwd });
    expect(toolhive.code).toBe(2);
    expect(toolhive.stderr).toContain('ToolHive authorizes one MCP server: name it with --agent <id> (agents: ');
    const unknown = runCli(['policy', '--agent', 'mcp:nope'], { cwd });
    expect(unknown.stderr).toContain("no agent 'mcp:nope' in agent-warden.lock.json");
  });
});
