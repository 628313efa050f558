import type { Rule } from './rule';

/**
 * Findings for this rule are produced where suppressions are applied (engine), so they can never suppress themselves.
 */
export const invalidSuppression: Rule = {
  meta: {
    id: 'invalid-suppression',
    defaultSeverity: 'warning',
    summary:
      'An `agent-warden-ignore` comment has no reason, an expired `until=` date, or names an unknown rule; it suppresses nothing.',
    why: 'A suppression hides a governance finding. Without a reason nobody can judge it later; past its end date it must be reviewed again.',
    fix: 'Write why after `--`, e.g. `// agent-warden-ignore-next-line unscoped-tool -- internal test tool, no production access`, and renew or remove expired ones.',
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
    mappings: { maestro: ['L6'], nistAiRmf: ['GOVERN'], owaspAgentic: ['ASI03'] },
  },
  check() {},
};
