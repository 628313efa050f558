import { defineRule } from './rule';

/**
 * The engine checks every suppression comment before the rules run (`ctx.invalidSuppressions`) and never applies
 * suppressions to this rule's findings, so a broken suppression cannot hide its own report.
 */
export const invalidSuppression = defineRule({
  meta: {
    id: 'invalid-suppression',
    defaultSeverity: 'warning',
    summary:
      'An `agent-warden-ignore` comment has no reason, an expired `until=` date, or names an unknown rule; it suppresses nothing.',
    why: 'A suppression hides a governance finding. Without a reason nobody can judge it later; past its end date it must be reviewed again.',
    fix: 'Write why after `--`, e.g. `// agent-warden-ignore-next-line unscoped-tool -- internal test tool, no production access`, and renew or remove expired ones.',
    when: 'Whatever the risk, on every suppression comment that suppresses nothing or has no reason.',
    incorrect: [
      {
        code: `import { tool } from 'ai';
// agent-warden-ignore-next-line unscoped-tool
export const t = tool({ description: 'x', inputSchema: {} as any, execute: async () => 1 });`,
      },
    ],
    correct: [
      {
        code: `/** @owner team-x */
import { tool } from 'ai';
// agent-warden-ignore-next-line unscoped-tool -- pure computation, no data access
export const t = tool({ description: 'x', inputSchema: {} as any, execute: async () => 1 });`,
      },
    ],
    messages: {
      doesNotApply: 'This suppression does not apply: {{problems}}',
      addReason: 'Add the reason this suppression needs',
    },
    inTestCode: true,
    mappings: { maestro: ['L6'], nistAiRmf: ['GOVERN'], owaspAgentic: ['ASI03'] },
  },
  check(ctx) {
    for (const { suppression: s, problems } of ctx.invalidSuppressions) {
      ctx.report({
        loc: s.loc,
        messageId: 'doesNotApply',
        data: { problems: problems.join(' ') },
        subject: `suppression:${s.kind}:${s.rules.join(',')}:${s.targetLine}`,
        suggest: s.reason ? [] : [{ messageId: 'addReason', action: { kind: 'add-suppression-reason' } }],
      });
    }
  },
});
