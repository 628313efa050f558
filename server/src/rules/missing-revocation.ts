import { defineRule } from './rule';

export const missingRevocation = defineRule({
  meta: {
    id: 'missing-revocation',
    defaultSeverity: 'warning',
    summary: 'An agent or MCP server has no documented revocation path (`@revocation`).',
    why: 'When an agent misbehaves or its credentials leak, someone must be able to switch it off and revoke what it holds, quickly and without guessing (OWASP NHI: improper offboarding).',
    fix: "Add `@revocation <how>` to the agent's JSDoc: the feature flag, kill switch, credential to revoke or runbook link.",
    incorrect: [
      {
        code: `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
/** @owner team-platform */
export const server = new McpServer({ name: 'billing', version: '1.0.0' });`,
      },
    ],
    correct: [
      {
        code: `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
/**
 * @owner team-platform
 * @revocation remove from mcp.json and rotate BILLING_TOKEN; runbook https://wiki.example/billing-mcp
 */
export const server = new McpServer({ name: 'billing', version: '1.0.0' });`,
      },
    ],
    messages: {
      badRevocation: "Agent '{{name}}': {{problem}}",
      noRevocation:
        "{{what}} '{{name}}' has no revocation path: if it misbehaves or its credentials leak, nobody knows how to switch it off. Add `@revocation <flag, credential or runbook>` to its JSDoc.",
      addRevocation: "Add @revocation to '{{name}}'",
    },
    mappings: {
      maestro: ['L6', 'L7'],
      nistAiRmf: ['GOVERN', 'MANAGE'],
      owaspAgentic: ['ASI10'],
      owaspNhi: ['NHI1'],
      cwe: ['CWE-1059'],
    },
    fixable: true,
  },
  check(ctx) {
    for (const a of ctx.graph.agents) {
      for (const p of a.annotations.problems ?? []) {
        if (p.tag !== 'revocation') continue;
        ctx.report({
          loc: p.loc,
          anchor: a.loc,
          entityId: a.id,
          messageId: 'badRevocation',
          data: { name: a.name, problem: p.message },
          subject: `agent:${a.name}:${a.kind}:bad-revocation`,
        });
      }
      if (a.revocation) continue;
      ctx.report({
        loc: a.nameLoc,
        anchor: a.loc,
        entityId: a.id,
        messageId: 'noRevocation',
        data: { what: a.framework === 'mcp' ? 'MCP server' : 'Agent', name: a.name },
        subject: `agent:${a.name}:${a.kind}`,
        suggest: [
          {
            messageId: 'addRevocation',
            data: { name: a.name },
            action: {
              kind: 'add-tag',
              tag: 'revocation',
              value: 'feature flag or runbook link',
              hint: 'feature flag, credential to revoke, or runbook link',
            },
            preferred: true,
          },
        ],
      });
    }
  },
});
