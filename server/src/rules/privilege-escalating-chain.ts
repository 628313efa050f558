import { capabilityTrail, describeCapability } from '../capabilities/describe';
import { covered, declarable } from '../capabilities/scopes';
import type { AgentNode, Capability, ToolNode } from '../analyzer/types';
import { defineRule, type RuleContext } from './rule';

export const privilegeEscalatingChain = defineRule({
  meta: {
    id: 'privilege-escalating-chain',
    defaultSeverity: 'warning',
    summary:
      'A tool or agent reaches, through another tool or agent (chaining, handoff, agent-as-tool, sub-agents), capabilities beyond its own declared scope.',
    why: 'Delegation adds up: an agent granted "read tickets" that can hand off to an agent with "issue refunds" effectively holds both. Nobody approved the sum (OWASP ASI03 privilege abuse, ASI07 insecure inter-agent communication).',
    fix: 'Declare what the chain really grants (`@scope` on the tool or agent), put an approval gate on the delegated action, or cut the delegation. The related locations walk the path hop by hop.',
    when: 'Whatever the risk, where an agent or tool has a declared scope and reaches, through a tool it calls or an agent it delegates to, a capability that scope does not grant.',
    incorrect: [
      {
        code: `import { Agent, tool } from '@openai/agents';
import { execSync } from 'node:child_process';
/** @owner ops @scope system:exec */
const shell = tool({ name: 'shell', description: '', parameters: {} as any, needsApproval: true, execute: async ({ cmd }: { cmd: string }) => execSync(cmd).toString() });
/** @owner ops @revocation flag OPS */
const ops = new Agent({ name: 'Ops', tools: [shell] });
/** @owner support @scope tickets:read @revocation flag SUPPORT */
export const support = new Agent({ name: 'Support', handoffs: [ops] });`,
      },
    ],
    correct: [
      {
        code: `import { Agent, tool } from '@openai/agents';
import { execSync } from 'node:child_process';
/** @owner ops @scope system:exec */
const shell = tool({ name: 'shell', description: '', parameters: {} as any, needsApproval: true, execute: async ({ cmd }: { cmd: string }) => execSync(cmd).toString() });
/** @owner ops @revocation flag OPS */
const ops = new Agent({ name: 'Ops', tools: [shell] });
/** @owner support @scope tickets:read system:exec @revocation flag SUPPORT */
export const support = new Agent({ name: 'Support', handoffs: [ops] });`,
      },
    ],
    messages: {
      escalates: "{{what}} '{{name}}' reaches {{capability}} through {{route}}, beyond its scope ({{granted}}).",
    },
    mappings: {
      maestro: ['L3', 'L7'],
      nistAiRmf: ['MAP', 'MANAGE'],
      owaspAgentic: ['ASI03', 'ASI07'],
      owaspNhi: ['NHI5'],
      owaspLlm: ['LLM06'],
      cwe: ['CWE-269'],
    },
  },
  check(ctx) {
    const byId = new Map(ctx.graph.tools.map((t) => [t.id, t]));
    for (const a of ctx.graph.agents) {
      // What the agent was granted: its own @scope, else the scopes declared on its own tools.
      const granted = a.annotations.scopes ?? a.tools.flatMap((id) => byId.get(id)?.scopes ?? []);
      if (granted.length) reportChains(ctx, 'Agent', a, granted, a.effective);
    }
    for (const t of ctx.graph.tools) {
      if (t.scopes.length) reportChains(ctx, 'Tool', t, t.scopes, t.capabilities);
    }
  },
});

function reportChains(
  ctx: RuleContext<'escalates'>,
  what: 'Agent' | 'Tool',
  node: AgentNode | ToolNode,
  granted: string[],
  caps: Capability[],
): void {
  const seen = new Set<string>();
  for (const c of declarable(caps)) {
    const hops = c.path.filter((p) => p.via);
    if (!hops.length || seen.has(c.capability) || covered(granted, c.capability)) continue;
    // Only a real chain counts for an agent: its own tools' capabilities are theirs to declare.
    if (what === 'Agent' && !c.path.some((p) => p.via?.kind === 'agent')) continue;
    seen.add(c.capability);
    ctx.report({
      loc: node.nameLoc,
      anchor: node.loc,
      entityId: node.id,
      messageId: 'escalates',
      data: {
        what,
        name: node.name,
        capability: describeCapability(c),
        route: hops.map((h) => h.message).join(' → '),
        granted: granted.join(' '),
        // The chain as graph nodes (newline-separated ids), for the editor's chain graph to highlight.
        chain: [node.id, ...hops.map((h) => h.via!.id), `capability:${c.capability}`].join('\n'),
      },
      related: capabilityTrail(c),
      subject: `${what.toLowerCase()}:${node.name}:${node.kind}:${c.capability}`,
    });
  }
}
