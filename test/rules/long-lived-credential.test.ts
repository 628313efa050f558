import { ruleTester } from '../helpers/rule-tester';

ruleTester('long-lived-credential', {
  valid: [
    {
      name: 'a read-only tool may use a static key',
      code: `import { tool } from 'ai';\nimport pg from 'pg';\nconst pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });\nexport const t = tool({ description: '', inputSchema: {} as any, execute: async () => pool.query('SELECT 1') });`,
    },
    {
      name: 'a token read per call is not module-level',
      code: `import { tool } from 'ai';\nimport Stripe from 'stripe';\nexport const t = tool({ description: '', inputSchema: {} as any, needsApproval: true, execute: async () => new Stripe(process.env.STRIPE_SECRET_KEY!).refunds.create({}) });`,
    },
  ],
  invalid: [
    {
      name: 'a module-level key behind a critical client',
      code: `import { tool } from 'ai';\nimport Stripe from 'stripe';\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\nexport const t = tool({ description: '', inputSchema: {} as any, needsApproval: true, execute: async () => stripe.refunds.create({}) });`,
      errors: [
        {
          message:
            /^Tool 't' \(critical risk\) acts with `STRIPE_SECRET_KEY`, a static credential read at module level/,
          line: 4,
          column: 14,
        },
      ],
    },
  ],
});
