import { ruleTester } from '../helpers/rule-tester';

ruleTester('unapproved-high-risk-action', {
  valid: [
    {
      name: 'a local function named charge is not Stripe',
      code: `import { tool } from 'ai';
function charge(amount: number) { return amount * 2; }
export const t = tool({ description: '', inputSchema: {} as any, execute: async () => charge(3) });`,
    },
    {
      name: 'a local function named exec is not child_process',
      code: `import { tool } from 'ai';
const exec = (cmd: string) => cmd.toUpperCase();
export const t = tool({ description: '', inputSchema: {} as any, execute: async () => exec('rm -rf /') });`,
    },
    {
      name: 'DELETE inside a string that is no query',
      code: `import { tool } from 'ai';
export const t = tool({ description: 'explains SQL', inputSchema: {} as any, execute: async () => 'Use DELETE FROM t WHERE id = 1 to remove a row' });`,
    },
    {
      name: 'a read-only query',
      code: `import { tool } from 'ai';
import pg from 'pg';
const pool = new pg.Pool();
export const t = tool({ description: '', inputSchema: {} as any, execute: async () => (await pool.query('SELECT * FROM orders')).rows });`,
    },
    {
      name: 'needsApproval with a real condition is a gate',
      code: `import { tool } from 'ai';
import Stripe from 'stripe';
const stripe = new Stripe('x');
export const t = tool({ description: '', inputSchema: {} as any,
  needsApproval: async ({ amount }: { amount: number }) => amount > 100,
  execute: async ({ amount }: { amount: number }) => stripe.refunds.create({ amount }) });`,
    },
    {
      name: 'LangGraph interrupt() in the tool is a gate',
      code: `import { tool } from '@langchain/core/tools';
import { interrupt } from '@langchain/langgraph';
import { execSync } from 'node:child_process';
export const t = tool(async ({ cmd }: { cmd: string }) => {
  const ok = interrupt({ question: \`Run \${cmd}?\` });
  return ok ? execSync(cmd).toString() : 'cancelled';
}, { name: 'shell', description: '' });`,
    },
    {
      name: 'MCP elicitation is a gate',
      code: `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
const server = new McpServer({ name: 's', version: '1' });
server.registerTool('drop_cluster', {}, async () => {
  const answer = await server.server.elicitInput({ message: 'Really delete?', requestedSchema: { type: 'object', properties: {} } });
  if (answer.action === 'accept') execFileSync('kubectl', ['delete', 'namespace', 'prod']);
  return { content: [] };
});`,
    },
    {
      name: 'LangChain humanInTheLoopMiddleware interruptOn gates the named tool',
      code: `import { createAgent, humanInTheLoopMiddleware } from 'langchain';
import { tool } from '@langchain/core/tools';
import { execSync } from 'node:child_process';
const shell = tool(async ({ cmd }: { cmd: string }) => execSync(cmd).toString(), { name: 'shell', description: '' });
export const agent = createAgent({ model: 'openai:gpt-5', tools: [shell], middleware: [humanInTheLoopMiddleware({ interruptOn: { shell: true } })] });`,
    },
    {
      name: 'AI SDK v7 toolApproval on the agent',
      code: `import { ToolLoopAgent, tool } from 'ai';
import { execSync } from 'node:child_process';
const shell = tool({ description: '', inputSchema: {} as any, execute: async ({ cmd }: { cmd: string }) => execSync(cmd).toString() });
export const agent = new ToolLoopAgent({ model: {} as any, instructions: '', tools: { shell }, toolApproval: { shell: 'user-approval' } });`,
    },
    {
      name: '@approval required: the gate lives outside the code',
      code: `import { tool } from 'ai';\nimport { execSync } from 'node:child_process';\n/** @approval required */\nexport const t = tool({ description: '', inputSchema: {} as any, execute: async () => execSync('reboot') });`,
    },
  ],
  invalid: [
    {
      name: 'Stripe refund with no gate, evidence through a local helper',
      code: `import { tool } from 'ai';
import Stripe from 'stripe';
const stripe = new Stripe('x');
async function doRefund(id: string) { return stripe.refunds.create({ charge: id }); }
export const refund = tool({ description: '', inputSchema: {} as any, execute: async ({ id }: { id: string }) => doRefund(id) });`,
      errors: [
        {
          message: "Tool 'refund' can payments:write with no human approval (critical risk).",
          line: 5,
          column: 14,
          fixes: ["Require human approval for 'refund' (needsApproval: true)"],
        },
      ],
    },
    {
      name: 'an approval callback that never asks is no gate',
      code: `import { tool } from 'ai';
import { execSync } from 'node:child_process';
export const shell = tool({ description: '', inputSchema: {} as any, needsApproval: async () => false, execute: async ({ cmd }: { cmd: string }) => execSync(cmd).toString() });`,
      errors: [
        {
          message:
            "Tool 'shell' can system:exec (command computed at run time) with no human approval (critical risk). Its `needsApproval` always approves (async () => false): it is no gate.",
          line: 3,
          column: 14,
        },
      ],
    },
    {
      name: 'toolApproval that always approves is no gate',
      code: `import { ToolLoopAgent, tool } from 'ai';
import { execSync } from 'node:child_process';
const shell = tool({ description: '', inputSchema: {} as any, execute: async ({ cmd }: { cmd: string }) => execSync(cmd).toString() });
export const agent = new ToolLoopAgent({ model: {} as any, instructions: '', tools: { shell }, toolApproval: () => 'approved' });`,
      errors: [{ message: /^Tool 'shell' can system:exec .*always approves: it is no gate/, line: 3, column: 7 }],
    },
    {
      name: 'kubectl delete through a constant argv, in an MCP tool',
      code: `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { execFileSync } from 'node:child_process';
const KUBECTL = 'kubectl';
const server = new McpServer({ name: 'k8s', version: '1' });
server.registerTool('delete_pod', {}, async ({ name }: { name: string }) => {
  const argv = ['delete', 'pod', name];
  execFileSync(KUBECTL, argv);
  return { content: [] };
});`,
      errors: [
        {
          message: /^Tool 'delete_pod' can k8s:delete \(kubectl delete pod\) with no human approval \(high risk\)\.$/,
          severity: 'warning',
          line: 5,
          column: 21,
        },
      ],
    },
  ],
});

ruleTester('unapproved-high-risk-action', {
  valid: [
    {
      name: 'a tool that refuses until the model sets `confirmDrain` (mcp-server-kubernetes node_management)',
      code: `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { execFileSync } from 'node:child_process';
const server = new McpServer({ name: 'k8s', version: '1' });
async function drain(params: { nodeName: string; dryRun?: boolean; confirmDrain?: boolean }) {
  const { nodeName, dryRun, confirmDrain } = params;
  if (!dryRun && !confirmDrain) {
    return { content: [{ type: 'text', text: 'Set confirmDrain=true to proceed' }] };
  }
  execFileSync('kubectl', ['drain', nodeName]);
  return { content: [] };
}
server.registerTool('node_management', { description: 'Drain a node' }, async (args: any) => drain(args));`,
    },
    {
      name: 'creating a directory overwrites nothing: medium, no gate needed',
      code: `import { tool } from 'ai';\nimport { mkdirSync } from 'node:fs';\nexport const t = tool({ description: '', inputSchema: {} as any, execute: async () => mkdirSync('notes/today', { recursive: true }) });`,
    },
  ],
  invalid: [
    {
      name: 'a confirmation flag the code sets itself is no confirmation',
      code: `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { execFileSync } from 'node:child_process';
const server = new McpServer({ name: 'k8s', version: '1' });
const confirmDrain = true;
server.registerTool('drain', { description: 'Drain a node' }, async ({ nodeName }: any) => {
  if (!confirmDrain) return { content: [] };
  execFileSync('kubectl', ['drain', nodeName]);
  return { content: [] };
});`,
      errors: [
        {
          message: /^Tool 'drain' can k8s:delete \(kubectl drain\) with no human approval \(high risk\)/,
          line: 5,
          column: 21,
        },
      ],
    },
    {
      name: 'a stub named like a payment: critical by its name alone, a warning',
      code: `import { tool } from 'ai';\nexport const send_payment = tool({ description: 'Send a payment', inputSchema: {} as any, execute: async () => ({ ok: true }) });`,
      errors: [
        {
          message:
            /^Tool 'send_payment' can payments:write \(as its name or description says\) with no human approval \(critical risk\)/,
          severity: 'warning',
          line: 2,
          column: 14,
        },
      ],
    },
    {
      name: 'a browser action known by its name alone: information',
      code: `import { tool } from 'ai';\nexport const browser_click = tool({ description: 'Click an element on the page', inputSchema: {} as any, execute: async (input: any, { page }: any) => page.click(input.ref) });`,
      errors: [
        { message: /^Tool 'browser_click' can browser:act \(as its name/, severity: 'info', line: 2, column: 14 },
      ],
    },
    {
      name: 'overwriting a file is high: a warning',
      code: `import { tool } from 'ai';\nimport { writeFileSync } from 'node:fs';\nexport const t = tool({ description: '', inputSchema: {} as any, execute: async () => writeFileSync('notes/today.md', 'x') });`,
      errors: [
        {
          message: /^Tool 't' can file:write \(notes\/today\.md\) with no human approval \(high risk\)/,
          severity: 'warning',
          line: 3,
          column: 14,
        },
      ],
    },
    {
      name: 'writing .env persists credentials',
      code: `import { tool } from 'ai';\nimport { appendFileSync } from 'node:fs';\nexport const t = tool({ description: '', inputSchema: {} as any, execute: async ({ v }: { v: string }) => appendFileSync('.env', \`TOKEN=\${v}\`) });`,
      errors: [
        {
          message: /^Tool 't' can credentials:write \(\.env\) with no human approval \(critical risk\)/,
          line: 3,
          column: 14,
        },
      ],
    },
  ],
});

ruleTester('unapproved-high-risk-action', {
  valid: [],
  invalid: [
    {
      name: 'a critical tool without a gate, with the fix that adds the framework’s',
      code: `import { tool } from 'ai';\nimport { execSync } from 'node:child_process';\n/** @owner t @scope system:exec */\nexport const run = tool({ description: '', inputSchema: {} as any, execute: async ({ cmd }: any) => execSync(cmd) });`,
      errors: [
        {
          messageId: 'unapproved',
          line: 4,
          column: 14,
          fixes: ["Require human approval for 'run' (needsApproval: true)"],
        },
      ],
    },
  ],
});
