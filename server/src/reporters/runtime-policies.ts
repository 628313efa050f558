import type { AgentAuthority, Authority, ToolAuthority } from '../authority/model';

/*
 * Least-privilege runtime policies from an authority (the lockfile's, or the code's), each allowing an agent the tools
 * it may call and nothing else: Cedar (default deny, one permit per agent and tool, `when { context.approved }` for a
 * tool behind a human approval gate; as in Cedar's MCP schema generator each tool is an action, the agent the
 * principal), the MCP gateways' flavours (AgentCore, ToolHive, agentgateway) and in-process client allowlists.
 */
export const CEDAR_NAMESPACE = 'AgentWarden';

/** A Cedar string literal: quotes and backslashes escaped, other control characters as `\u{…}`. */
export function cedarString(s: string): string {
  const escapes: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\t': '\\t', '\r': '\\r' };
  let body = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    body += escapes[ch] ?? (code < 0x20 || code === 0x7f ? `\\u{${code.toString(16)}}` : ch);
  }
  return `"${body}"`;
}

/** Whether the model can be given this tool by a name: a registration the analyzer could not name cannot be. */
const named = (tool: string) => !tool.startsWith('<');

/** The agents to write policies for (one, or all), in id order, with their callable tools. */
function agentsOf(authority: Authority, only?: string): [string, AgentAuthority][] {
  return Object.entries(authority.agents)
    .filter(([id]) => !only || id === only)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function toolsOf(agent: AgentAuthority): [string, ToolAuthority][] {
  return Object.entries(agent.tools)
    .filter(([name]) => named(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

const entity = (type: string, id: string) => `${CEDAR_NAMESPACE}::${type}::${cedarString(id)}`;

/** What a policy comment says of a tool: its risk and capabilities, and its gate. */
function describe(tool: ToolAuthority): string {
  const caps = tool.capabilities.length ? tool.capabilities.join(', ') : 'no capability found';
  return `${tool.risk ?? 'no'} risk: ${caps}${tool.approval ? `; approval: ${tool.approval}` : ''}`;
}

/** The Cedar schema every policy set validates against (strict mode): an action per tool the agents may call. */
export function cedarSchema(authority: Authority, only?: string): string {
  const actions = new Set<string>();
  for (const [, agent] of agentsOf(authority, only)) for (const [name] of toolsOf(agent)) actions.add(name);
  const lines = [
    '// The Cedar schema of the policies `agent-warden policy --format cedar` writes.',
    `namespace ${CEDAR_NAMESPACE} {`,
    '  // The agent (or MCP server) calling a tool: its authority id, as in agent-warden.lock.json.',
    '  entity Agent = { "owner"?: String };',
    '  // Where the tool runs: the agent itself, or the MCP server it connects to.',
    '  entity ToolServer;',
  ];
  for (const name of [...actions].sort())
    lines.push(
      `  action ${cedarString(name)} appliesTo {`,
      '    principal: [Agent],',
      '    resource: [ToolServer],',
      '    // Whether a human approved this call (the runtime sets it after its approval step).',
      '    context: { "approved": Bool }',
      '  };',
    );
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** The policy set: default deny, one permit per agent and tool; approval-gated tools only once approved. */
export function cedarPolicies(authority: Authority, only?: string): string {
  const out = [
    '// Least-privilege policies written by agent-warden from what each agent may do. Cedar denies what no policy',
    '// permits: a tool not listed here for an agent is denied to it.',
  ];
  for (const [id, agent] of agentsOf(authority, only)) {
    // Names are code's text: quoted and escaped even in comments, where a line break would end the comment.
    out.push('', `// Agent ${cedarString(id)}${agent.owner ? ` (owner ${cedarString(agent.owner)})` : ''}`);
    if (!agent.complete)
      out.push('// Some of its tools are registered in a way the code does not list: they are denied until listed.');
    for (const [name, tool] of toolsOf(agent)) {
      out.push(
        '',
        `// ${cedarString(name)}: ${describe(tool)}`,
        `@id(${cedarString(`${id}/${name}`)})`,
        'permit (',
        `  principal == ${entity('Agent', id)},`,
        `  action == ${entity('Action', name)},`,
        '  resource',
        tool.approval ? ')\nwhen { context.approved };' : ');',
      );
    }
    const unnamed = Object.keys(agent.tools).filter((t) => !named(t)).length;
    if (unnamed) out.push(`// ${unnamed} tool registration(s) without a name the code shows: denied.`);
  }
  return `${out.join('\n')}\n`;
}

/** Tools an agent may call without a human, and those behind an approval gate, by name. */
function split(agent: AgentAuthority): { free: string[]; gated: string[] } {
  const tools = toolsOf(agent);
  return {
    free: tools.filter(([, t]) => !t.approval).map(([name]) => name),
    gated: tools.filter(([, t]) => t.approval).map(([name]) => name),
  };
}

/**
 * An AgentCore gateway target's name for an agent: letters, digits and single hyphens (AgentCore's pattern), from the
 * agent's name.
 */
export function agentCoreTarget(agent: AgentAuthority): string {
  const name = agent.name
    .replace(/[^0-9A-Za-z]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100);
  return name || 'agent';
}

/**
 * The AgentCore Gateway flavour: every agent a gateway target, each tool the action `<target>___<tool>` (the name the
 * gateway gives it), any OAuth user of the gateway as principal. The gateway's policies see only the tool's input, not
 * a human's approval: a tool behind an approval gate is not permitted through it.
 */
export function agentCorePolicies(authority: Authority, gatewayArn: string, only?: string): string {
  const out = [
    '// AgentCore Gateway policies written by agent-warden: a tool not permitted here is denied at the gateway.',
  ];
  for (const [id, agent] of agentsOf(authority, only)) {
    const target = agentCoreTarget(agent);
    const { free, gated } = split(agent);
    out.push('', `// Agent ${cedarString(id)} as gateway target ${cedarString(target)}`);
    for (const name of free)
      out.push(
        `permit (`,
        '  principal is AgentCore::OAuthUser,',
        `  action == AgentCore::Action::${cedarString(`${target}___${name}`)},`,
        `  resource == AgentCore::Gateway::${cedarString(gatewayArn)}`,
        ');',
      );
    for (const name of gated)
      out.push(`// ${cedarString(name)} needs a human's approval, which the gateway cannot see: not permitted here.`);
  }
  return `${out.join('\n')}\n`;
}

/**
 * ToolHive's authorization config (`cedarv1`) for one MCP server: `call_tool` permitted on each of its tools that
 * needs no approval. ToolHive asks no human: a tool behind an approval gate is not permitted through it.
 */
export function toolHiveConfig(authority: Authority, agentId: string): string {
  const agent = authority.agents[agentId]!;
  const { free } = split(agent);
  const policies = free.map(
    (name) => `permit(principal, action == Action::"call_tool", resource == Tool::${cedarString(name)});`,
  );
  const config = { version: '1.0', type: 'cedarv1', cedar: { policies, entities_json: '[]' } };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** The tools of an agent a gateway without an approval step leaves denied. */
export function gatedTools(authority: Authority, agentId: string): string[] {
  return split(authority.agents[agentId]!).gated;
}

/** A server's name as Claude Code spells it in tool names: other characters than letters, digits, `_`, `-` as `_`. */
export function claudeServerName(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}

/**
 * Claude Code / Claude Agent SDK settings for one MCP server: its tools that need no approval `allow`ed, those behind
 * an approval gate `ask` (Claude Code asks the user each time), as `mcp__<server>__<tool>` rules. A tool on neither
 * list is left to the permission mode: asked in the default mode, denied in `dontAsk`.
 */
export function claudePermissions(authority: Authority, agentId: string, server?: string): string {
  const agent = authority.agents[agentId]!;
  const prefix = `mcp__${claudeServerName(server ?? agent.name)}__`;
  const { free, gated } = split(agent);
  const settings = {
    $schema: 'https://json.schemastore.org/claude-code-settings.json',
    permissions: { allow: free.map((t) => prefix + t), ask: gated.map((t) => prefix + t) },
  };
  return `${JSON.stringify(settings, null, 2)}\n`;
}

/**
 * The options of an OpenAI Agents static tool filter (`createMCPToolStaticFilter`) for one MCP server: its tools
 * that need no approval allowed, those behind an approval gate blocked (a static filter asks no human).
 */
export function openAiAgentsToolFilter(authority: Authority, agentId: string): string {
  const { free, gated } = split(authority.agents[agentId]!);
  return `${JSON.stringify({ allowed: free, blocked: gated }, null, 2)}\n`;
}

/** A CEL string literal: the same escapes as JSON's, which CEL reads alike for these characters. */
const celString = (s: string) => JSON.stringify(s);

/**
 * agentgateway's MCP authorization for MCP servers behind it (`mcp.policies.mcpAuthorization.rules`): one CEL rule per
 * agent, true for a call to one of its tools that need no approval, on its target (named from the agent, as for
 * AgentCore); the gateway allows a call when a rule is true and filters `tools/list` alike. A fragment to merge into
 * the gateway's config, beside its `targets`.
 */
export function agentGatewayPolicies(authority: Authority, only?: string): string {
  const rules = agentsOf(authority, only).flatMap(([, agent]) => {
    const { free } = split(agent);
    if (!free.length) return [];
    const tools = `[${free.map(celString).join(', ')}]`;
    return [`has(mcp.tool) && mcp.tool.target == ${celString(agentCoreTarget(agent))} && mcp.tool.name in ${tools}`];
  });
  return `${JSON.stringify({ mcp: { policies: { mcpAuthorization: { rules } } } }, null, 2)}\n`;
}
