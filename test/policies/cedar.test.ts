import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { describe, expect, it } from 'vitest';
import { authorityOf } from '../../server/src/authority/model';
import { cedarPolicies, cedarSchema, cedarString } from '../../server/src/reporters/runtime-policies';
import { analyzeFiles } from '../helpers/analyze';
import { inventoryToJson } from '../../server/src/reporters/json';
import { analysisOf, PROJECTS } from '../helpers/projects';

interface InventoryAgent {
  name: string;
  framework: string;
  tools: string[];
  toolIds: string[];
}
interface InventoryTool {
  id: string;
  approval: string | null;
}

/** Cedar's strict validation: success is not enough, its lists of errors and warnings must be empty. */
function expectValid(schema: string, policies: string, opts: { oddNames?: boolean } = {}): void {
  const answer = cedar.validate({
    schema,
    policies: { staticPolicies: policies },
    validationSettings: { mode: 'strict' },
  });
  expect(answer.type, JSON.stringify(answer)).toBe('success');
  if (answer.type !== 'success') return;
  expect(answer.validationErrors).toEqual([]);
  // Cedar warns of names outside printable ASCII, which a policy author should look at; nothing else is expected.
  const warnings = answer.validationWarnings.filter(
    (w) => !(opts.oddNames && /not a printable ASCII/.test(w.error.message)),
  );
  expect(warnings).toEqual([]);
  expect(answer.otherWarnings).toEqual([]);
}

function decide(schema: string, policies: string, agent: string, tool: string, approved: boolean) {
  const answer = cedar.isAuthorized({
    principal: { type: 'AgentWarden::Agent', id: agent },
    action: { type: 'AgentWarden::Action', id: tool },
    resource: { type: 'AgentWarden::ToolServer', id: 'runtime' },
    context: { approved },
    policies: { staticPolicies: policies },
    entities: [],
    schema,
    validateRequest: true,
  });
  expect(answer.type, JSON.stringify(answer)).toBe('success');
  return answer.type === 'success' ? answer.response.decision : 'error';
}

const actionsOf = (schema: string) =>
  [...schema.matchAll(/^ {2}action ("(?:[^"\\]|\\.)*")/gm)].map((m) => JSON.parse(m[1]!) as string);

describe('Cedar policies, checked with the reference engine (@cedar-policy/cedar-wasm)', () => {
  /** How many agent × tool decisions of each kind the projects gave. */
  const tally = new Map<string, number>();

  it.each(PROJECTS)('%s: validate strictly, and decide each agent × tool as the inventory says', async (project) => {
    const result = await analysisOf(project);
    const authority = authorityOf(result.graph);
    const [schema, policies] = [cedarSchema(authority), cedarPolicies(authority)];
    expect(cedar.checkParseSchema(schema)).toEqual({ type: 'success' });
    expectValid(schema, policies);
    const inventory = inventoryToJson(result.graph) as unknown as { agents: InventoryAgent[]; tools: InventoryTool[] };
    const ids = inventory.agents.map((a) => `${a.framework}:${a.name}`);
    // Each agent's id is its framework and name when no two agents share them (true of every fixture).
    expect(new Set(ids).size).toBe(ids.length);
    const actions = actionsOf(schema);
    const approvalOf = new Map(inventory.tools.map((t) => [t.id, t.approval]));
    let decided = 0;
    for (const [i, agent] of inventory.agents.entries()) {
      const tools = new Map(agent.tools.map((name, j) => [name, approvalOf.get(agent.toolIds[j]!)]));
      for (const action of actions) {
        const expected = !tools.has(action) ? 'denied' : tools.get(action) ? 'only when approved' : 'allowed';
        const unapproved = decide(schema, policies, ids[i]!, action, false);
        const approved = decide(schema, policies, ids[i]!, action, true);
        const got = unapproved === 'allow' ? 'allowed' : approved === 'allow' ? 'only when approved' : 'denied';
        expect(`${ids[i]} × ${action}: ${got}`).toBe(`${ids[i]} × ${action}: ${expected}`);
        tally.set(got, (tally.get(got) ?? 0) + 1);
        decided++;
      }
      // Every tool the model is given by name is an action of the schema.
      for (const name of agent.tools) if (!name.startsWith('<')) expect(actions).toContain(name);
    }
    expect(decided).toBe(inventory.agents.length * actions.length);
  });

  it('the projects between them decide every kind: allowed, only when approved, denied', () => {
    expect([...tally.keys()].sort()).toEqual(['allowed', 'denied', 'only when approved']);
  });

  it('a tool name Cedar must escape stays one action, and still validates', () => {
    const name = 'say "hi"\\\n\u0001';
    // MCP gives the model a tool's name as registered (OpenAI Agents would make it `say__hi___`).
    const code = `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
const server = new McpServer({ name: 'odd "server"', version: '1.0.0' });
server.registerTool(${JSON.stringify(name)}, { description: 'x' }, async () => ({ content: [] }));`;
    const authority = authorityOf(analyzeFiles({ 'src/a.ts': code }).graph);
    const [schema, policies] = [cedarSchema(authority), cedarPolicies(authority)];
    expect(schema).toContain(`action ${cedarString(name)} appliesTo`);
    expectValid(schema, policies, { oddNames: true });
    expect(decide(schema, policies, 'mcp:odd "server"', name, false)).toBe('allow');
  });

  it('an agent given a payment tool the lockfile does not record is denied it at run time', () => {
    const before = authorityOf(analyzeFiles({ 'src/a.ts': billing('lookup') }).graph);
    const policies = cedarPolicies(before);
    const schema = cedarSchema(authorityOf(analyzeFiles({ 'src/a.ts': billing('lookup, charge') }).graph));
    expectValid(schema, policies);
    expect(decide(schema, policies, 'openai-agents:billing', 'lookup_invoice', false)).toBe('allow');
    expect(decide(schema, policies, 'openai-agents:billing', 'charge_card', true)).toBe('deny');
  });
});

const billing = (tools: string) => `import { Agent, tool } from '@openai/agents';
import Stripe from 'stripe';
import { z } from 'zod';
import { analysisOf, PROJECTS } from '../helpers/projects';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
const lookup = tool({ name: 'lookup_invoice', description: 'x', parameters: z.object({ id: z.string() }), execute: async ({ id }) => stripe.invoices.retrieve(id) });
const charge = tool({ name: 'charge_card', description: 'x', parameters: z.object({ c: z.string() }), execute: async ({ c }) => stripe.paymentIntents.create({ customer: c, amount: 1, currency: 'usd' }) });
export const billing = new Agent({ name: 'billing', instructions: 'x', tools: [${tools}] });`;
