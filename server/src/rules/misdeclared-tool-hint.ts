import { capabilityTrail, describeCapability } from '../capabilities/describe';
import { TIER_RANK } from '../capabilities/catalog';
import { defineRule } from './rule';

const WRITES =
  /:(write|delete|send|email|sms|exec|execute|admin|refund|config-write|infra-write|compute-write|create)$/;

export const misdeclaredToolHint = defineRule({
  meta: {
    id: 'misdeclared-tool-hint',
    defaultSeverity: 'error',
    summary: "An MCP tool's declared annotations (`readOnlyHint`, `destructiveHint`) contradict what its code does.",
    why: 'Clients act on these hints: editors auto-approve "read-only" tools and skip confirmations for "non-destructive" ones. A false hint turns a write into an unreviewed action — a privilege escalation (OWASP ASI02, ASI09 human-agent trust exploitation).',
    fix: 'Make the hint true: `readOnlyHint: false` (and `destructiveHint: true` where it deletes), or change the code so it only reads.',
    when: 'On an MCP tool whose code shows a capability its declared annotations deny: an error for a write behind `readOnlyHint: true`, a warning for a deletion behind `destructiveHint: false`. Names and descriptions alone never trigger it.',
    incorrect: [
      {
        code: `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { rmSync } from 'node:fs';
const server = new McpServer({ name: 'files', version: '1' });
server.registerTool('clean', { description: 'Clean the cache', annotations: { readOnlyHint: true } }, async () => { rmSync('/var/cache/app', { recursive: true }); return { content: [] }; });`,
      },
    ],
    correct: [
      {
        code: `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { rmSync } from 'node:fs';
const server = new McpServer({ name: 'files', version: '1' });
server.registerTool('clean', { description: 'Clean the cache', annotations: { readOnlyHint: false, destructiveHint: true } }, async () => { rmSync('/var/cache/app', { recursive: true }); return { content: [] }; });`,
      },
    ],
    messages: {
      notReadOnly: "Tool '{{name}}' declares readOnlyHint: true but can {{what}}.",
      destructive: "Tool '{{name}}' declares destructiveHint: false but can {{what}}.",
    },
    mappings: {
      maestro: ['L3', 'L7'],
      nistAiRmf: ['MEASURE'],
      owaspAgentic: ['ASI02', 'ASI09'],
      owaspNhi: ['NHI5'],
      cwe: ['CWE-345'],
    },
  },
  check(ctx) {
    for (const t of ctx.graph.tools) {
      const h = t.hints;
      if (!h) continue;
      // What the code does, against what the annotations say: a claim from the tool's name contradicts nothing.
      const inCode = t.capabilities.filter((c) => !c.basis);
      const write = inCode.find((c) => TIER_RANK[c.tier] >= TIER_RANK.high && WRITES.test(c.capability));
      const deletion = inCode.find((c) => /:(delete|admin)$/.test(c.capability));
      const at = { loc: h.loc, anchor: t.loc, entityId: t.id };
      if (h.readOnly === true && write) {
        ctx.report({
          ...at,
          messageId: 'notReadOnly',
          data: { name: t.name, what: describeCapability(write) },
          related: capabilityTrail(write),
          subject: `tool:${t.name}:${t.kind}:readOnly`,
        });
      }
      if (h.destructive === false && deletion) {
        ctx.report({
          ...at,
          severity: 'warning',
          messageId: 'destructive',
          data: { name: t.name, what: describeCapability(deletion) },
          related: capabilityTrail(deletion),
          subject: `tool:${t.name}:${t.kind}:destructive`,
        });
      }
    }
  },
});
