import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCli } from '../helpers/cli';
import { copyFixture, type LspSession, startLsp } from '../helpers/lsp-client';

/**
 * What the editor's inventory tree, chain graph, CodeLens and hover are built from, over a real stdio
 * connection. The inventory must be exactly the CLI's `inventory --format json` (one source of truth).
 */
describe('inventory, CodeLens and hover over stdio (example project)', () => {
  let s: LspSession;
  let inventoryChanged = 0;
  beforeAll(async () => {
    s = await startLsp(copyFixture(join(REPO, 'examples/support-desk')));
    s.conn.onNotification('agentWarden/inventoryChanged', () => void inventoryChanged++);
    await s.waitReady();
  });
  afterAll(async () => {
    if (s) expect(await s.close()).toBe(0);
  });

  it('agentWarden/inventory is exactly what `agent-warden inventory --format json` prints', async () => {
    const answer = (await s.conn.sendRequest('agentWarden/inventory', {})) as {
      folders: { uri: string; inventory: unknown; findings: Record<string, number> }[];
    };
    const cli = JSON.parse(runCli(['inventory', '.', '--format', 'json'], { cwd: s.root }).stdout);
    expect(answer.folders).toHaveLength(1);
    expect(answer.folders[0]!.inventory).toEqual(cli);
    expect(cli.agents.length).toBeGreaterThan(5);
    // Findings per entity: the Ops helper has no owner (its medium risk asks for no revocation path).
    const ops = cli.agents.find((a: { name: string }) => a.name === 'Ops helper');
    expect(answer.folders[0]!.findings[ops.id]).toBe(1);
  });

  it('a CodeLens above each agent and tool: owner · scopes · risk · approval, revealing it in the inventory', async () => {
    s.open('src/billing/tools.ts');
    const lenses = (await s.conn.sendRequest('textDocument/codeLens', {
      textDocument: { uri: s.uri('src/billing/tools.ts') },
    })) as { range: { start: { line: number } }; command: { title: string; command: string; arguments: string[] } }[];
    const titles = lenses.map((l) => `${l.range.start.line + 1}: ${l.command.title}`);
    expect(titles).toEqual([
      '18: $(shield) owner team-billing · scopes payments:write network:egress · critical risk · human approval required',
      '29: $(shield) owner team-billing · no scope ⚠ · medium risk · no approval gate',
    ]);
    expect(lenses[0]!.command.command).toBe('agentWarden.revealInInventory');
    expect(lenses[0]!.command.arguments).toEqual([s.uri('.').replace(/\/\.?$/, ''), 'src/billing/tools.ts#t0']);
  });

  it('one lens per definition line: none for a tool written inside an agent’s options, which the agent’s counts', async () => {
    const rel = 'src/agents/inline.ts';
    s.open(
      rel,
      `import { Agent, tool } from '@openai/agents';
import { z } from 'zod';

/** @owner team-support */
export const refunds = new Agent({
  name: 'Refunds',
  instructions: 'Refund what the customer asks.',
  tools: [
    tool({
      name: 'refund',
      description: 'Refund a charge',
      parameters: z.object({ id: z.string() }),
      needsApproval: true,
      execute: async ({ id }) => fetch(\`https://pay.example/refunds/\${id}\`, { method: 'POST' }),
    }),
  ],
});
`,
    );
    const lenses = (await s.conn.sendRequest('textDocument/codeLens', { textDocument: { uri: s.uri(rel) } })) as {
      range: { start: { line: number } };
      command: { title: string };
    }[];
    expect(lenses.map((l) => `${l.range.start.line + 1}: ${l.command.title}`)).toEqual([
      '5: $(hubot) owner team-support · no scope ⚠ · critical risk · 1 tool, 1 needing approval',
    ]);
  });

  it('hover shows effective permissions and the chain granting each, with links to the code', async () => {
    s.open('src/agents/triage.ts');
    const text = s.docs.get('src/agents/triage.ts')!.getText();
    const at = text.indexOf("name: 'Triage'");
    const pos = s.docs.get('src/agents/triage.ts')!.positionAt(at + 8);
    const hover = (await s.conn.sendRequest('textDocument/hover', {
      textDocument: { uri: s.uri('src/agents/triage.ts') },
      position: pos,
    })) as { contents: { value: string } };
    const md = hover.contents.value;
    expect(md).toContain('**Effective permissions**');
    expect(md).toContain(
      "`network:egress` **medium** — GET help.acme.example/api/search (sends an HTTP request); granted through hands off to agent 'Technical support'",
    );
    expect(md).toContain("→ tool 'search\\_help\\_centre'");
    expect(md).toMatch(/\(file:\/\/[^)]+\/src\/[^)]+\.ts#L\d+,\d+\)/);
  });

  it('tells the client when the inventory changed, once typing pauses', async () => {
    const before = inventoryChanged;
    const doc = s.docs.get('src/billing/tools.ts')!;
    s.change(
      'src/billing/tools.ts',
      doc.getText().replace('@scope payments:write network:egress', '@scope payments:write'),
    );
    await s.pull('src/billing/tools.ts');
    for (let i = 0; i < 100 && inventoryChanged === before; i++) await new Promise((r) => setTimeout(r, 50));
    expect(inventoryChanged).toBeGreaterThan(before);
    const answer = (await s.conn.sendRequest('agentWarden/inventory', {})) as {
      folders: { inventory: { tools: { name: string; scopes: string[] }[] } }[];
    };
    expect(answer.folders[0]!.inventory.tools.find((t) => t.name === 'refundCharge')?.scopes).toEqual([
      'payments:write',
    ]);
  });
});

describe('a privilege-escalating chain offers to show itself in the graph (chain-across-files)', () => {
  let s: LspSession;
  beforeAll(async () => {
    s = await startLsp(copyFixture(join(REPO, 'test/fixtures/chain-across-files')));
    await s.waitReady();
  });
  afterAll(async () => {
    if (s) expect(await s.close()).toBe(0);
  });

  it('the diagnostic carries the chain as node ids, and a code action opens the graph on it', async () => {
    s.open('src/agents/triage.ts');
    const r = await s.pull('src/agents/triage.ts');
    const chain = r.items!.find(
      (d) => d.code === 'privilege-escalating-chain' && d.message.includes('payments:write'),
    )!;
    expect(chain.data.chain?.split('\n')).toEqual([
      expect.stringMatching(/^src\/agents\/triage\.ts#a\d+$/),
      expect.stringMatching(/^src\/agents\/specialists\.ts#a\d+$/),
      expect.stringMatching(/^src\/tools\/refunds\.ts#t\d+$/),
      'capability:payments:write',
    ]);
    const actions = (await s.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: s.uri('src/agents/triage.ts') },
      range: chain.range,
      context: { diagnostics: [chain] },
    })) as { title: string; command?: { command: string; arguments: { highlight: string[] }[] } }[];
    const show = actions.find((a) => a.title === 'Show this chain in the Agent Warden graph');
    expect(show?.command?.command).toBe('agentWarden.showGraph');
    expect(show?.command?.arguments[0]!.highlight).toEqual(chain.data.chain?.split('\n'));
  });
});
