import { gapSeverity, governedRisk } from './governance';
import { defineRule } from './rule';
import { reportTagProblems } from './tag-problems';

export const missingOwner = defineRule({
  meta: {
    id: 'missing-owner',
    defaultSeverity: 'warning',
    summary:
      'An agent or MCP server whose tools read data, change something or send data out has no owner: no `@owner` tag, no file-level owner, no `owners` glob in the config and no CODEOWNERS entry.',
    why: 'Every identity needs someone who answers for it: who approves its scope, rotates its credentials and is called when it misbehaves. An unowned agent is an orphaned identity (OWASP NHI1).',
    fix: 'Add `@owner <team-or-person>` to the JSDoc above the definition, a file-level `@owner`, an `owners` glob in agent-warden.json, or a CODEOWNERS rule covering the file.',
    when: "From medium risk — reading files or data, creating or changing something, sending data out — as its code shows it (`governance.owner` in the config moves it): a warning at medium, an error at high and critical, judged by the agent's or server's highest-risk tool. An agent or server is reported once: its tools inherit its owner. A tool is reported on its own only when no agent or server exposes it. A lookup agent needs no owner written down, nor one whose risk rests on its tools' names alone (the approval rule asks about those).",
    incorrect: [
      {
        code: `import { Agent, tool } from '@openai/agents';
import { z } from 'zod';
const reopenTicket = tool({
  name: 'reopen_ticket',
  description: 'Reopen a support ticket',
  parameters: z.object({ id: z.string() }),
  execute: async ({ id }) => fetch(\`https://desk.example/api/tickets/\${id}/reopen\`, { method: 'POST' }),
});
export const support = new Agent({ name: 'support', instructions: 'Help customers.', tools: [reopenTicket] });`,
      },
    ],
    correct: [
      {
        code: `import { Agent, tool } from '@openai/agents';
import { z } from 'zod';
const reopenTicket = tool({
  name: 'reopen_ticket',
  description: 'Reopen a support ticket',
  parameters: z.object({ id: z.string() }),
  execute: async ({ id }) => fetch(\`https://desk.example/api/tickets/\${id}/reopen\`, { method: 'POST' }),
});
/** @owner team-support */
export const support = new Agent({ name: 'support', instructions: 'Help customers.', tools: [reopenTicket] });`,
      },
    ],
    messages: {
      badOwner: "'{{name}}': {{problem}}",
      noOwner: "{{what}} '{{name}}' ({{risk}} risk) has no owner.",
      addOwner: "Add @owner to '{{name}}'",
    },
    graded: true,
    mappings: {
      maestro: ['L6'],
      nistAiRmf: ['GOVERN'],
      owaspAgentic: ['ASI03'],
      owaspNhi: ['NHI1'],
      cwe: ['CWE-1059'],
    },
    fixable: true,
  },
  check(ctx) {
    const addOwner = (name: string) => ({
      messageId: 'addOwner' as const,
      data: { name },
      action: { kind: 'add-owner' as const },
      preferred: true,
    });
    for (const node of [...ctx.graph.agents, ...ctx.graph.tools])
      reportTagProblems(ctx, node, 'owner', {
        messageId: 'badOwner',
        subject: `${node.id}:bad-owner`,
        // With no owner from any fallback either, the tag needs one written in.
        suggest: () => (node.owner ? [] : [addOwner(node.name)]),
      });
    // An owner is asked once per agent or server (its tools inherit it); of a tool only when no agent exposes it.
    const unowned = [
      ...ctx.graph.agents.filter((a) => !a.owner),
      ...ctx.graph.tools.filter((t) => !t.owner && t.agents.length === 0 && !t.hosted && t.nameSource !== 'unknown'),
    ];
    for (const node of unowned) {
      const risk = governedRisk('agents' in node ? node.capabilities : node.effective);
      const severity = gapSeverity('owner', risk, ctx.governance);
      if (!severity) continue;
      const what = 'agents' in node ? 'Tool' : node.framework === 'mcp' ? 'MCP server' : 'Agent';
      ctx.report({
        loc: node.nameLoc,
        anchor: node.loc,
        entityId: node.id,
        severity,
        messageId: 'noOwner',
        data: { what, name: node.name, risk: risk ?? 'low' },
        subject: `${what === 'Tool' ? 'tool' : 'agent'}:${node.name}:${node.kind}`,
        suggest: [addOwner(node.name)],
      });
    }
  },
});
