import { ruleTester } from '../helpers/rule-tester';

// The rule tests run with today = 2026-06-15 (test/helpers/analyze.ts).
const withExpiry = (date: string) => `import { tool } from '@openai/agents';
/**
 * @owner team-ops
 * @scope deploys:write
 * @expires ${date}
 */
export const deploy = tool({ name: 'deploy', description: '', parameters: {} as any, execute: async () => '' });`;

ruleTester('expired-grant', {
  valid: [
    { name: 'a date well in the future', code: withExpiry('2027-01-01') },
    { name: 'no @expires at all', code: withExpiry('').replace(' * @expires \n', '') },
  ],
  invalid: [
    {
      name: 'a past date is an error',
      code: withExpiry('2026-03-31'),
      errors: [
        {
          message: "Tool 'deploy' expired on 2026-03-31 and still runs.",
          line: 5,
          column: 4,
          severity: 'error',
        },
      ],
    },
    {
      name: 'within 14 days is a warning',
      code: withExpiry('2026-06-20'),
      errors: [
        {
          message: "Tool 'deploy' expires on 2026-06-20 (in 5 days).",
          line: 5,
          column: 4,
          severity: 'warning',
        },
      ],
    },
    {
      name: 'not a real date',
      code: withExpiry('2026-02-30'),
      errors: [{ message: "Tool 'deploy': `@expires` takes a date as YYYY-MM-DD.", line: 5, column: 4 }],
    },
  ],
});

ruleTester('expired-grant', {
  valid: [],
  invalid: [
    {
      name: 'an expired grant, with the fix that re-approves it',
      code: `import { tool } from 'ai';\n/** @owner t @scope x:read @expires 2026-01-01 */\nexport const t = tool({ description: '', inputSchema: {} as any, execute: async () => 1 });`,
      errors: [{ messageId: 'expired', line: 2, column: 28, fixes: ["Re-approve 't' until a new date"] }],
    },
  ],
});
