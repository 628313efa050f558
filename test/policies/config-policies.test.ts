import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Config, ConfigError, type ConfigPolicy, parseConfig } from '../../server/src/config/load-config';
import { analyzeFiles } from '../helpers/analyze';
import { REPO, runCli, tempProject } from '../helpers/cli';
import { errorOf } from '../helpers/errors';
import { ruleTester } from '../helpers/rule-tester';

const PAYMENTS: ConfigPolicy = {
  id: 'payments-owned-by-payments',
  for: 'agent',
  deny: "agent.owner != '@payments' && agent.capabilities.exists(c, c.startsWith('payments:'))",
  message: "Agent '{{name}}' can move money but is owned by {{owner}}, not @payments.",
};
const DELETES: ConfigPolicy = {
  id: 'deletes-need-approval',
  for: 'tool',
  deny: "tool.capabilities.exists(c, c.endsWith(':delete')) && tool.approval == ''",
  message: "Tool '{{name}}' deletes data without a human approval gate.",
  severity: 'warning',
};
const DATA_AND_INTERNET: ConfigPolicy = {
  id: 'no-data-and-internet',
  for: 'agent',
  deny: "agent.capabilities.exists(c, c.startsWith('db:')) && agent.capabilities.exists(c, c.startsWith('network:'))",
  message: "Agent '{{name}}' reaches production data and the internet in one chain.",
};
const config = (...policies: ConfigPolicy[]): Partial<Config> => ({ policies });

const REFUNDS = `import { Agent, tool } from '@openai/agents';
import Stripe from 'stripe';
import { z } from 'zod';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
const refund = tool({
  name: 'refund',
  description: 'Refund a charge',
  parameters: z.object({ charge: z.string() }),
  needsApproval: true,
  execute: async ({ charge }) => stripe.refunds.create({ charge }),
});`;

const CRM = `import { Agent, tool } from '@openai/agents';
import { Pool } from 'pg';
import { z } from 'zod';
const db = new Pool();
const purge = tool({
  name: 'purge_customer',
  description: 'Delete a customer',
  parameters: z.object({ id: z.string() }),
  execute: async ({ id }) => db.query('DELETE FROM customers WHERE id = $1', [id]),
});
const lookup = tool({
  name: 'web_lookup',
  description: 'Look a company up on the web',
  parameters: z.object({ q: z.string() }),
  execute: async ({ q }) => fetch('https://api.search.example/?q=' + q, { method: 'POST' }),
});`;

ruleTester('policy/payments-owned-by-payments', {
  valid: [
    {
      name: 'an agent that moves money, owned by @payments',
      code: `${REFUNDS}\n/** @owner @payments */\nexport const a = new Agent({ name: 'refunds', instructions: 'x', tools: [refund] });`,
      config: config(PAYMENTS),
    },
    {
      name: 'no policy configured: nothing of the kind is reported',
      code: `${REFUNDS}\nexport const a = new Agent({ name: 'refunds', instructions: 'x', tools: [refund] });`,
    },
  ],
  invalid: [
    {
      name: 'an agent that moves money, owned by another team',
      code: `${REFUNDS}\n/** @owner @support */\nexport const a = new Agent({ name: 'refunds', instructions: 'x', tools: [refund] });`,
      config: config(PAYMENTS),
      errors: [
        {
          messageId: 'violation',
          message: "Agent 'refunds' can move money but is owned by @support, not @payments.",
          line: 13,
          column: 36,
          severity: 'error',
        },
      ],
    },
    {
      name: 'reached through a hand-off counts too',
      code: `${REFUNDS}\n/** @owner @payments */\nconst refunds = new Agent({ name: 'refunds', instructions: 'x', tools: [refund] });\n/** @owner @support */\nexport const triage = new Agent({ name: 'triage', instructions: 'x', handoffs: [refunds] });`,
      config: config(PAYMENTS),
      errors: [
        { message: "Agent 'triage' can move money but is owned by @support, not @payments.", line: 15, column: 41 },
      ],
    },
  ],
});

ruleTester('policy/deletes-need-approval', {
  valid: [
    {
      name: 'a delete behind an approval gate',
      code: `${CRM.replace("description: 'Delete a customer',", "description: 'Delete a customer',\n  needsApproval: true,")}\nexport const a = new Agent({ name: 'crm', instructions: 'x', tools: [purge, lookup] });`,
      config: config(DELETES),
    },
  ],
  invalid: [
    {
      name: 'a delete with no approval gate, at the tool, at its severity',
      code: `${CRM}\nexport const a = new Agent({ name: 'crm', instructions: 'x', tools: [purge] });`,
      config: config(DELETES),
      errors: [
        {
          message: "Tool 'purge_customer' deletes data without a human approval gate.",
          line: 6,
          column: 9,
          severity: 'warning',
        },
      ],
    },
  ],
});

ruleTester('policy/no-data-and-internet', {
  valid: [
    {
      name: 'data and the internet in two agents',
      code: `${CRM}\nexport const a = new Agent({ name: 'crm', instructions: 'x', tools: [purge] });\nexport const b = new Agent({ name: 'web', instructions: 'x', tools: [lookup] });`,
      config: config(DATA_AND_INTERNET),
    },
  ],
  invalid: [
    {
      name: 'one agent reaching both',
      code: `${CRM}\nexport const a = new Agent({ name: 'crm', instructions: 'x', tools: [purge, lookup] });`,
      config: config(DATA_AND_INTERNET),
      errors: [{ message: "Agent 'crm' reaches production data and the internet in one chain.", line: 17, column: 36 }],
    },
  ],
});

describe('a policy', () => {
  it('is suppressed like any rule, by its id', () => {
    const code = `${CRM}\n// agent-warden-ignore-next-line policy/no-data-and-internet -- reviewed: the CRM enriches from the web\nexport const a = new Agent({ name: 'crm', instructions: 'x', tools: [purge, lookup] });`;
    const r = analyzeFiles({ 'src/crm.ts': code }, config(DATA_AND_INTERNET));
    expect(r.findings.filter((f) => f.ruleId.startsWith('policy/') || f.ruleId === 'invalid-suppression')).toEqual([]);
    expect(r.stats.suppressed).toBe(1);
  });

  it('that fails on some value says so there, and the others still run', () => {
    const first: ConfigPolicy = { id: 'first-tool', for: 'agent', deny: "agent.tools[0].name == 'x'", message: 'x' };
    const code = `${CRM}\nexport const a = new Agent({ name: 'empty', instructions: 'x', tools: [] });\nexport const b = new Agent({ name: 'crm', instructions: 'x', tools: [purge, lookup] });`;
    const r = analyzeFiles({ 'src/crm.ts': code }, config(first, DATA_AND_INTERNET));
    expect(
      r.findings.filter((f) => f.ruleId.startsWith('policy/')).map((f) => [f.ruleId, f.severity, f.message]),
    ).toEqual([
      [
        'policy/first-tool',
        'warning',
        expect.stringMatching(/^Policy 'first-tool' could not be evaluated for 'empty': /),
      ],
      ['policy/no-data-and-internet', 'error', "Agent 'crm' reaches production data and the internet in one chain."],
    ]);
  });
});

describe('the policies docs/policy-as-code.md shows', () => {
  it('are a valid config, and report what they say on code that breaks them', () => {
    const doc = readFileSync(join(REPO, 'docs/policy-as-code.md'), 'utf8');
    const block = /```jsonc\n([\s\S]*?)```/.exec(doc)![1]!;
    const documented = parseConfig(block, 'docs/policy-as-code.md');
    expect(documented.policies!.map((p) => p.id)).toEqual([PAYMENTS.id, DELETES.id, DATA_AND_INTERNET.id]);
    const code = `${CRM}\n${REFUNDS.split('\n').slice(1).join('\n')}\n/** @owner @support */\nexport const a = new Agent({ name: 'crm', instructions: 'x', tools: [purge, lookup, refund] });`;
    const r = analyzeFiles({ 'src/crm.ts': code }, { policies: documented.policies });
    expect(
      r.findings
        .filter((f) => f.ruleId.startsWith('policy/'))
        .map((f) => f.ruleId)
        .sort(),
    ).toEqual(['policy/deletes-need-approval', 'policy/no-data-and-internet', 'policy/payments-owned-by-payments']);
  });
});

describe('a malformed policy in agent-warden.json', () => {
  const file = 'agent-warden.json';
  const text = (deny: string, subject = 'agent', id = 'p') =>
    `{\n  "policies": [\n    {\n      "id": "${id}",\n      "for": "${subject}",\n      "deny": ${JSON.stringify(deny)},\n      "message": "m"\n    }\n  ]\n}\n`;
  const cases: [string, string, { line: number; column: number; key: string; detail: RegExp }][] = [
    [
      'a syntax error',
      text('agent.owner =='),
      { line: 6, column: 30, key: 'policies[0].deny', detail: /^policy 'p': Unexpected token: EOF/ },
    ],
    [
      'a misspelt field',
      text("agent.ownr == 'x'"),
      { line: 6, column: 22, key: 'policies[0].deny', detail: /No such key: ownr/ },
    ],
    [
      'the other subject',
      text("tool.name == 'x'"),
      { line: 6, column: 16, key: 'policies[0].deny', detail: /Unknown variable: tool/ },
    ],
    [
      'not true or false',
      text('agent.name'),
      { line: 6, column: 16, key: 'policies[0].deny', detail: /must be true or false, not a string/ },
    ],
    [
      'after an escaped quote',
      text('agent.name == "a" && agent.nme == "b"'),
      { line: 6, column: 45, key: 'policies[0].deny', detail: /No such key: nme/ },
    ],
  ];
  it.each(cases)('%s: file, line, column, key and what is wrong', (_, body, { detail, ...where }) => {
    const error = errorOf(() => parseConfig(body, file));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ ...where, detail: expect.stringMatching(detail) });
  });

  it('a second policy with the same id', () => {
    const body = `{ "policies": [ { "id": "p", "for": "tool", "deny": "true", "message": "m" }, { "id": "p", "for": "tool", "deny": "false", "message": "m" } ] }`;
    expect(() => parseConfig(body, file)).toThrow(/policies\[1\]\.id: 'p' is the id of another policy/);
  });

  it('a good one is reported in SARIF with a rule descriptor of its own', () => {
    const dir = tempProject({
      'agent-warden.json': JSON.stringify({ policies: [DELETES] }),
      'src/crm.ts': `${CRM}\nexport const a = new Agent({ name: 'crm', instructions: 'x', tools: [purge] });\n`,
    });
    const log = JSON.parse(runCli(['scan', '--format', 'sarif'], { cwd: dir }).stdout);
    const run = log.runs[0];
    const result = run.results.find((x: { ruleId: string }) => x.ruleId === 'policy/deletes-need-approval');
    expect(result.level).toBe('warning');
    expect(run.tool.driver.rules[result.ruleIndex]).toMatchObject({
      id: 'policy/deletes-need-approval',
      shortDescription: { text: "Tool '…' deletes data without a human approval gate." },
      defaultConfiguration: { level: 'warning' },
    });
  });

  it('stops the CLI with exit 2 and the place, as any bad config', () => {
    const dir = tempProject({ 'agent-warden.json': text('agent.owner =='), 'src/a.ts': 'export const x = 1;\n' });
    const r = runCli(['scan'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "agent-warden: invalid config: agent-warden.json:6:30: policies[0].deny: policy 'p': Unexpected token: EOF",
    );
  });
});
