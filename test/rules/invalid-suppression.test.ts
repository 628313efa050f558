import { ruleTester } from '../helpers/rule-tester';

const toolLine = `export const add = tool({ description: 'add', inputSchema: {} as any, execute: async () => 1 });`;

ruleTester('invalid-suppression', {
  valid: [
    {
      name: 'reason and a future end date',
      code: `import { tool } from 'ai';\n// agent-warden-ignore-next-line unscoped-tool until=2027-01-31 -- pure computation\n${toolLine}`,
    },
    {
      name: 'file-level with reason',
      code: `// agent-warden-ignore-file missing-owner -- generated code, owned by the platform team\nimport { tool } from 'ai';\n${toolLine}`,
    },
    {
      name: 'prose that mentions the directive is not one',
      code: `/** Use \`agent-warden-ignore-next-line <rule> -- reason\` to suppress. */\nexport const x = 1;`,
    },
    {
      name: 'Markdown: a directive mentioned in backticks is prose',
      filename: 'docs/prompt.md',
      code: 'Write `// agent-warden-ignore-next-line rule` above the line.\n',
    },
    {
      name: 'Markdown: an HTML comment directive with a reason',
      filename: 'prompts/system.md',
      code: '<!-- agent-warden-ignore-file hardcoded-secret -- sample prompts, no real keys -->\nHello\n',
    },
    {
      name: 'a directive inside a string is not one',
      code: 'export const doc = `\n// agent-warden-ignore-next-line unscoped-tool\n`;',
    },
  ],
  invalid: [
    {
      name: 'no reason',
      code: `import { tool } from 'ai';\n// agent-warden-ignore-next-line unscoped-tool\n${toolLine}`,
      errors: [
        {
          message:
            'This suppression does not apply: a suppression needs a reason after `--`, e.g. `-- reviewed: test fixture`.',
          line: 2,
          column: 1,
        },
      ],
    },
    {
      name: 'expired',
      code: `import { tool } from 'ai';\n// agent-warden-ignore-next-line unscoped-tool until=2026-01-31 -- migration\n${toolLine}`,
      errors: [
        {
          message:
            'This suppression does not apply: it expired on 2026-01-31; review the finding again and renew or remove the suppression.',
          line: 2,
          column: 1,
        },
      ],
    },
    {
      name: 'unknown rule id',
      code: `import { tool } from 'ai';\n// agent-warden-ignore-next-line unscoped-tools -- typo\n${toolLine}`,
      errors: [{ message: 'This suppression does not apply: `unscoped-tools` is not a rule id.', line: 2, column: 1 }],
    },
    {
      name: 'in a .env file with # comments',
      filename: '.env',
      code: `# agent-warden-ignore-file hardcoded-secret until=2025-12-31 -- local only\nA=1\n`,
      errors: [{ message: /it expired on 2025-12-31/, line: 1, column: 1 }],
    },
  ],
});

ruleTester('invalid-suppression', {
  valid: [],
  invalid: [
    {
      name: 'a suppression without a reason, with the fix that adds one',
      code: `import { tool } from 'ai';\n// agent-warden-ignore-next-line unscoped-tool\nexport const t = tool({ description: '', inputSchema: {} as any, execute: async () => 1 });`,
      errors: [{ messageId: 'doesNotApply', line: 2, column: 1, fixes: ['Add the reason this suppression needs'] }],
    },
    {
      name: 'an expired suppression needs review, not a reason: no fix',
      code: `import { tool } from 'ai';\n// agent-warden-ignore-next-line unscoped-tool until=2020-01-01 -- legacy\nexport const t = tool({ description: '', inputSchema: {} as any, execute: async () => 1 });`,
      errors: [{ messageId: 'doesNotApply', line: 2, column: 1, fixes: [] }],
    },
  ],
});
