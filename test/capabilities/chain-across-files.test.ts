import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { inventoryOf } from '../helpers/inventory';

/** A chain across four files and three agents: a handoff and an agent-as-tool, with the path hop by hop. */
describe('fixture: chain-across-files', () => {
  const out = JSON.parse(runCli(['scan', 'test/fixtures/chain-across-files', '--format', 'json']).stdout);
  const chains = out.findings.filter((f: { ruleId: string }) => f.ruleId === 'privilege-escalating-chain');
  const base = 'test/fixtures/chain-across-files/src';

  it('the handoff to Billing reaches payments, beyond the triage agent’s scope', () => {
    const f = chains.find((x: { message: string }) => x.message.includes('payments:write'));
    expect(f).toMatchObject({ file: `${base}/agents/triage.ts`, line: 11 });
    expect(f.message).toContain(
      "through hands off to agent 'Billing' → tool 'issue_refund', beyond its scope (tickets:read)",
    );
    expect(
      f.related.map(
        (r: { message: string; file: string; line: number }) =>
          `${r.message} @ ${r.file.slice(base.length + 1)}:${r.line}`,
      ),
    ).toEqual([
      "hands off to agent 'Billing' @ agents/specialists.ts:9",
      "tool 'issue_refund' @ tools/refunds.ts:12",
      'payments:write: moves money or changes billing (Stripe) @ tools/refunds.ts:16',
    ]);
  });

  it('the agent-as-tool reaches the shell through the Ops agent', () => {
    const f = chains.find((x: { message: string }) => x.message.includes('system:exec'));
    expect(f.message).toContain("through tool 'ask_ops' → runs agent 'Ops' → tool 'run_shell'");
    expect(f.related.map((r: { file: string; line: number }) => `${r.file.slice(base.length + 1)}:${r.line}`)).toEqual([
      'agents/triage.ts:14',
      'agents/specialists.ts:6',
      'tools/shell.ts:10',
      'tools/shell.ts:14',
    ]);
  });

  it('the inventory shows the triage agent’s effective permission at the highest tier', () => {
    const inv = JSON.parse(runCli(['inventory', 'test/fixtures/chain-across-files']).stdout);
    const triage = inv.agents.find((a: { name: string }) => a.name === 'Triage');
    expect(triage.risk).toBe('critical');
    expect(triage.effectivePermissions.map((c: { capability: string }) => c.capability).sort()).toEqual([
      'payments:write',
      'system:exec',
    ]);
    expect(triage.delegates.sort()).toEqual(['Billing', 'Ops']);
  });
});

describe('chains inside tools', () => {
  it('a tool calling another tool’s execute, and a tool invoking a LangGraph agent, reach their capabilities', () => {
    const inv = inventoryOf({
      'src/tools.ts': `import { tool } from 'ai';
import { rmSync } from 'node:fs';
export const wipe = tool({ description: '', inputSchema: {} as any, execute: async ({ p }: { p: string }) => rmSync(p, { recursive: true }) });
export const tidy = tool({ description: '', inputSchema: {} as any, execute: async ({ p }: { p: string }) => wipe.execute!({ p }, {} as any) });`,
      'src/graph.ts': `import { createReactAgent } from '@langchain/langgraph/prebuilt';
import { createSwarm, createHandoffTool } from '@langchain/langgraph-swarm';
import { tool } from '@langchain/core/tools';
import { execSync } from 'node:child_process';
const shell = tool(async ({ cmd }: { cmd: string }) => execSync(cmd).toString(), { name: 'shell', description: '' });
const ops = createReactAgent({ llm: {} as any, tools: [shell], name: 'ops' });
export const askOps = tool(async ({ q }: { q: string }) => ops.invoke({ messages: [q] }), { name: 'ask_ops', description: '' });
const toOps = createHandoffTool({ agentName: 'ops' });
export const front = createReactAgent({ llm: {} as any, tools: [toOps], name: 'front' });
export const swarm = createSwarm({ agents: [front, ops], defaultActiveAgent: 'front' });`,
    });
    const tool = (n: string) => inv.tools.find((t) => t.name === n)!;
    expect(tool('tidy').capabilities[0]).toMatchObject({
      capability: 'file:delete',
      path: [expect.stringMatching(/^via \.execute\(\)/)],
    });
    expect(tool('ask_ops').capabilities[0]).toMatchObject({ capability: 'system:exec', tier: 'critical' });
    expect(tool('transfer_to_ops')).toMatchObject({ delegatesTo: 'ops', risk: 'critical' });
    expect(inv.agents.find((a) => a.name === 'front')).toMatchObject({ delegates: ['ops'], risk: 'critical' });
  });
});
