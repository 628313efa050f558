import type { AgentAuthority, Authority, ToolAuthority } from '../authority/model';

/**
 * Least-privilege Cedar policies from an authority (the lockfile's, or the code's): default deny, one permit per
 * agent and tool it may call, and only `when { context.approved }` for a tool behind a human approval gate. As in
 * Cedar's MCP schema generator, each tool is an action of its own; the agent is the principal.
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
