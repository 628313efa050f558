import { defineRule } from './rule';

export const missingOwner = defineRule({
  meta: {
    id: 'missing-owner',
    defaultSeverity: 'warning',
    summary:
      'An agent or tool has no owner: no `@owner` tag, no file-level owner, no `owners` glob in the config and no CODEOWNERS entry.',
    why: 'Every identity needs someone who answers for it: who approves its scope, rotates its credentials and is called when it misbehaves. An unowned agent is an orphaned identity (OWASP NHI1).',
    fix: 'Add `@owner <team-or-person>` to the JSDoc above the definition, a file-level `@owner`, an `owners` glob in agent-warden.json, or a CODEOWNERS rule covering the file.',
    incorrect: [
      {
        code: `import { Agent } from '@openai/agents';
/** @revocation disable flag SUPPORT_AGENT */
export const support = new Agent({ name: 'support', instructions: 'Help customers.' });`,
      },
    ],
    correct: [
      {
        code: `import { Agent } from '@openai/agents';
/**
 * @owner team-support
 * @revocation disable flag SUPPORT_AGENT
 */
export const support = new Agent({ name: 'support', instructions: 'Help customers.' });`,
      },
    ],
    messages: {
      badOwner: "'{{name}}': {{problem}}",
      noOwner:
        "{{what}} '{{name}}' has no owner: nobody answers for what it does. Add `@owner <team>` to its JSDoc, an `owners` glob in agent-warden.json, or a CODEOWNERS rule.",
      addOwner: "Add @owner to '{{name}}'",
    },
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
    for (const node of [...ctx.graph.agents, ...ctx.graph.tools]) {
      for (const p of node.annotations.problems ?? []) {
        if (p.tag !== 'owner') continue;
        ctx.report({
          loc: p.loc,
          anchor: node.loc,
          entityId: node.id,
          messageId: 'badOwner',
          data: { name: node.name, problem: p.message },
          subject: `${node.id}:bad-owner`,
          // With no owner from any fallback either, the tag needs one written in.
          suggest: node.owner ? [] : [addOwner(node.name)],
        });
      }
    }
    for (const a of ctx.graph.agents) {
      if (a.owner) continue;
      ctx.report({
        loc: a.nameLoc,
        anchor: a.loc,
        entityId: a.id,
        messageId: 'noOwner',
        data: { what: 'Agent', name: a.name },
        subject: `agent:${a.name}:${a.kind}`,
        suggest: [addOwner(a.name)],
      });
    }
    for (const t of ctx.graph.tools) {
      if (t.owner || t.hosted || t.nameSource === 'unknown') continue;
      ctx.report({
        loc: t.nameLoc,
        anchor: t.loc,
        entityId: t.id,
        messageId: 'noOwner',
        data: { what: 'Tool', name: t.name },
        subject: `tool:${t.name}:${t.kind}`,
        suggest: [addOwner(t.name)],
      });
    }
  },
});
