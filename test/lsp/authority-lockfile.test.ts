import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCli } from '../helpers/cli';
import { applyWorkspaceEdit, copyFixture, type LspSession, startLsp } from '../helpers/lsp-client';

const CHARGE_CARD = `
export const chargeCard = tool({
  description: 'Charge the saved card of the customer in this conversation',
  inputSchema: z.object({ customerId: z.string(), amountCents: z.number().int().positive() }),
  execute: async ({ customerId, amountCents }) => stripe.paymentIntents.create({ customer: customerId, amount: amountCents, currency: 'usd' }),
});
`;

describe('the language server with an authority lockfile', () => {
  let s: LspSession;
  let lockfile: string;

  beforeAll(async () => {
    const root = copyFixture(join(REPO, 'examples/support-desk'));
    expect(runCli(['lock'], { cwd: root }).code).toBe(0);
    lockfile = join(root, 'agent-warden.lock.json');
    s = await startLsp(root);
    await s.waitReady();
  });
  afterAll(async () => {
    if (s) expect(await s.close()).toBe(0);
  });

  const watched = (rel: string) =>
    s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: s.uri(rel), type: 2 }] });

  it('shows, as the user types, a payment tool given to an agent beyond the lockfile', async () => {
    const tools = readFileSync(join(s.root, 'src/billing/tools.ts'), 'utf8') + CHARGE_CARD;
    s.open('src/billing/tools.ts', tools);
    const agent = readFileSync(join(s.root, 'src/billing/billing-agent.ts'), 'utf8');
    s.open(
      'src/billing/billing-agent.ts',
      agent
        .replace('import { lookupInvoice, refundCharge }', 'import { chargeCard, lookupInvoice, refundCharge }')
        .replace('tools: { lookupInvoice, refundCharge }', 'tools: { lookupInvoice, refundCharge, chargeCard }'),
    );
    const r = await s.pull('src/billing/tools.ts');
    const beyond = r.items!.filter((d) => d.code === 'authority-beyond-lockfile');
    expect(beyond.map((d) => [d.range.start.line + 1, d.severity, d.message])).toEqual([
      [
        38,
        2,
        "Not in agent-warden.lock.json: agent 'ai-sdk:answerBillingQuestion' gains tool 'chargeCard' (critical risk: payments:write, no approval).",
      ],
    ]);
  });

  it("offers first the fix that records the agent's entry in the lockfile, an edit of that file", async () => {
    const target = (await s.pull('src/billing/tools.ts')).items!.find((d) => d.code === 'authority-beyond-lockfile')!;
    const actions = (await s.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: s.uri('src/billing/tools.ts') },
      range: target.range,
      context: { diagnostics: [target], only: ['quickfix'] },
    })) as CodeAction[];
    expect(actions.map((a) => a.title)).toEqual([
      "Record agent 'ai-sdk:answerBillingQuestion' as it is now in agent-warden.lock.json",
      'Disable authority-beyond-lockfile for this line',
      'Disable authority-beyond-lockfile for the entire file',
      'Show documentation for authority-beyond-lockfile',
    ]);
    const record = actions[0]!;
    expect(record.isPreferred).toBe(true);
    const change = record.edit!.documentChanges![0] as TextDocumentEdit;
    expect(change.textDocument).toEqual({ uri: s.uri('agent-warden.lock.json'), version: null });
    const before = readFileSync(lockfile, 'utf8');
    const after = applyWorkspaceEdit(TextDocument.create(change.textDocument.uri, 'json', 0, before), record.edit);
    expect(JSON.parse(after).agents['ai-sdk:answerBillingQuestion'].tools.chargeCard).toMatchObject({
      risk: 'critical',
      approval: null,
    });
    // Saved, as the editor does after applying it: the server reads the lockfile again and the finding is gone.
    writeFileSync(lockfile, after);
    await watched('agent-warden.lock.json');
    const r = await s.pull('src/billing/tools.ts');
    expect(r.items!.filter((d) => d.code === 'authority-beyond-lockfile')).toEqual([]);
  });

  it('a lockfile that cannot be read is shown on the lockfile, and the code is still analysed', async () => {
    writeFileSync(lockfile, '{\n  "lockfileVersion": 1,\n<<<<<<< HEAD\n');
    await watched('agent-warden.lock.json');
    s.open('agent-warden.lock.json', readFileSync(lockfile, 'utf8'));
    const r = await s.pull('agent-warden.lock.json');
    expect(r.items!.map((d) => [d.code, d.range.start.line + 1])).toEqual([['invalid-lockfile', 3]]);
    expect(r.items![0]!.message).toContain('invalid JSON');
    const code = await s.pull('src/billing/tools.ts');
    expect(code.items!.some((d) => d.code === 'unscoped-tool')).toBe(true);
  });
});
