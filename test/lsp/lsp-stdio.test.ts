import { readFileSync, writeFileSync } from 'node:fs';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli';
import { FAKE_KEYS } from '../helpers/fake-keys';
import {
  applyWorkspaceEdit,
  copyFixture,
  type LspSession,
  type ServerDiagnostic,
  startLsp,
} from '../helpers/lsp-client';

describe('language server over stdio', () => {
  let s: LspSession;
  const planted = FAKE_KEYS['anthropic-api-key']!();

  beforeAll(async () => {
    const root = copyFixture(join(REPO, 'examples/support-desk'));
    writeFileSync(
      join(root, 'src/leak.ts'),
      `import Anthropic from '@anthropic-ai/sdk';\nexport const c = new Anthropic({ apiKey: '${planted}' });\n`,
    );
    s = await startLsp(root);
    await s.waitReady();
  });
  afterAll(async () => {
    if (s) expect(await s.close()).toBe(0);
  });

  it('pulls diagnostics for an opened file: source, rule code, docs link, masked secrets', async () => {
    s.open('src/billing/tools.ts');
    const r = await s.pull('src/billing/tools.ts');
    expect(r.kind).toBe('full');
    const codes = r.items!.map((d) => `${d.code}@${d.range.start.line + 1}:${d.range.start.character + 1}`);
    expect(codes).toEqual([
      'hardcoded-secret@11:25',
      'long-lived-credential@18:14',
      'unlogged-action@18:14',
      'unscoped-tool@29:14',
    ]);
    for (const d of r.items!) {
      expect(d.source).toBe('agent-warden');
      expect(d.codeDescription.href).toMatch(new RegExp(`/${d.code}\\.md$`));
    }
    s.open('src/leak.ts');
    const leak = await s.pull('src/leak.ts');
    expect(JSON.stringify(leak)).not.toContain(planted.slice(0, 12));
    expect(leak.items![0]!.message).toContain('sk-a…(108 chars)');
  });

  it('follows buffer changes, unsaved, and answers unchanged for an unchanged file', async () => {
    const first = await s.pull('src/billing/tools.ts');
    const again = await s.conn.sendRequest('textDocument/diagnostic', {
      textDocument: { uri: s.uri('src/billing/tools.ts') },
      previousResultId: first.resultId,
    });
    expect((again as { kind: string }).kind).toBe('unchanged');
    const doc = s.docs.get('src/billing/tools.ts')!;
    s.change(
      'src/billing/tools.ts',
      doc
        .getText()
        .replace(
          '// Mistake: no @scope — what may this tool read? (Agent Warden infers network:egress.)',
          '/** @scope network:egress */',
        ),
    );
    const r = await s.pull('src/billing/tools.ts');
    expect(r.items!.map((d) => d.code)).toEqual(['hardcoded-secret', 'long-lived-credential', 'unlogged-action']);
  });

  it('a change in one file changes findings in another, and the server asks the client to re-pull', async () => {
    // The billing agent's owner comes from agent-warden.json globs; its tools live in tools.ts. Renaming the
    // tool's registration key in billing-agent.ts changes the name the finding in tools.ts reports.
    const toolsDoc = s.docs.get('src/billing/tools.ts')!;
    s.change('src/billing/tools.ts', toolsDoc.getText().replace('/** @scope network:egress */', '// no scope again'));
    const before = await s.pull('src/billing/tools.ts');
    expect(
      before.items!.some((d) => d.message.startsWith("Tool 'lookupInvoice' (medium risk) has no declared scope")),
    ).toBe(true);
    const refreshes = s.refreshes();
    s.open('src/billing/billing-agent.ts');
    const agentFile = s.docs.get('src/billing/billing-agent.ts')!;
    s.change(
      'src/billing/billing-agent.ts',
      agentFile
        .getText()
        .replace('tools: { lookupInvoice, refundCharge }', 'tools: { find_invoice: lookupInvoice, refundCharge }'),
    );
    await s.pull('src/billing/billing-agent.ts');
    await new Promise((r) => setTimeout(r, 200));
    expect(s.refreshes()).toBeGreaterThan(refreshes);
    const after = await s.pull('src/billing/tools.ts');
    expect(
      after.items!.some((d) => d.message.startsWith("Tool 'find_invoice' (medium risk) has no declared scope")),
    ).toBe(true);
  });

  it('offers quick-fixes for every finding; applying each removes its finding after a re-pull', async () => {
    const rel = 'src/ops/ops-agent.ts';
    s.open(rel);
    let applied = 0;
    for (let round = 0; round < 10; round++) {
      const r = await s.pull(rel);
      const target = r.items!.find((d) => d.code !== 'dynamic-tool-registration');
      if (!target) break;
      const actions = (await s.conn.sendRequest('textDocument/codeAction', {
        textDocument: { uri: s.uri(rel) },
        range: target.range,
        context: { diagnostics: [target], only: ['quickfix'] },
      })) as CodeAction[];
      const fix = actions.find((a) => a.edit && !a.title.startsWith('Disable'));
      expect(fix, `a fix for ${target.code}`).toBeTruthy();
      expect(actions.some((a) => a.title === `Show documentation for ${target.code}`)).toBe(true);
      s.change(rel, applyWorkspaceEdit(s.docs.get(rel)!, fix?.edit));
      const after = await s.pull(rel);
      expect(after.items!.some((d) => d.code === target.code && d.message === target.message)).toBe(false);
      applied++;
    }
    expect(applied).toBe(2); // a scope on the tool, an owner on the agent (which its tool inherits)
    expect((await s.pull(rel)).items).toEqual([]);
  });

  it('disable-for-line and disable-for-file actions suppress with a reason', async () => {
    const rel = 'src/billing/tools.ts';
    const r = await s.pull(rel);
    const target = r.items!.find((d) => d.code === 'unscoped-tool')!;
    const actions = (await s.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: s.uri(rel) },
      range: target.range,
      context: { diagnostics: [target] },
    })) as CodeAction[];
    const disable = actions.find((a) => a.title === 'Disable unscoped-tool for this line');
    const text = applyWorkspaceEdit(s.docs.get(rel)!, disable?.edit);
    expect(text).toContain('// agent-warden-ignore-next-line unscoped-tool -- reason');
    s.change(rel, text);
    expect((await s.pull(rel)).items!.some((d) => d.code === 'unscoped-tool')).toBe(false);
  });

  it('actions come as vscode-eslint orders them: fixes, then the chain, the suppressions, the docs last', async () => {
    const actionsOn = async (rel: string, code: string) => {
      s.open(rel);
      const target = (await s.pull(rel)).items!.find((d) => d.code === code)!;
      return (await s.conn.sendRequest('textDocument/codeAction', {
        textDocument: { uri: s.uri(rel) },
        range: target.range,
        context: { diagnostics: [target] },
      })) as CodeAction[];
    };
    const shape = (actions: CodeAction[]) =>
      actions.map((a) => `${a.kind}: ${a.title.replace(/'[^']*'/g, "'…'").replace(/ \(.*\)$/, '')}`);
    // Requiring approval is the quick fix of an unapproved action, offered once, first, and not again as a rewrite.
    expect(shape(await actionsOn('src/crm/crm-server.ts', 'unapproved-high-risk-action'))).toEqual([
      "quickfix: Require human approval for '…'",
      'quickfix: Disable unapproved-high-risk-action for this line',
      'quickfix: Disable unapproved-high-risk-action for the entire file',
      'quickfix: Show documentation for unapproved-high-risk-action',
    ]);
    expect(shape(await actionsOn('src/agents/triage.ts', 'privilege-escalating-chain'))).toEqual([
      'quickfix: Show this chain in the Agent Warden graph',
      'quickfix: Disable privilege-escalating-chain for this line',
      'quickfix: Disable privilege-escalating-chain for the entire file',
      'quickfix: Show documentation for privilege-escalating-chain',
    ]);
    // The disk is the truth again for the tests after this one.
    for (const rel of ['src/crm/crm-server.ts', 'src/agents/triage.ts'])
      void s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: s.uri(rel) } });
  });

  it('with snippet support, placeholders become tab stops', async () => {
    const rel = 'src/crm/crm-server.ts';
    const snip = await startLsp(s.root, { snippets: true });
    try {
      await snip.waitReady();
      snip.open(rel, readFileSync(join(s.root, rel), 'utf8'));
      const target = (await snip.pull(rel)).items!.find((d) => d.code === 'missing-revocation')!;
      const actions = (await snip.conn.sendRequest('textDocument/codeAction', {
        textDocument: { uri: snip.uri(rel) },
        range: target.range,
        context: { diagnostics: [target] },
      })) as CodeAction[];
      const add = actions.find((a) => a.title.startsWith('Add @revocation'));
      const change = add?.edit?.documentChanges?.[0];
      const edit = change && 'edits' in change ? change.edits[0] : undefined;
      expect(edit && 'snippet' in edit ? edit.snippet.value : undefined).toContain(
        '@revocation ${1:feature flag, credential to revoke, or runbook link}',
      );
    } finally {
      await snip.close();
    }
  });

  it('fix-all applies the safe fixes (a hardcoded key moved to process.env)', async () => {
    const actions = (await s.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: s.uri('src/leak.ts') },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.agent-warden'] },
    })) as CodeAction[];
    expect(actions).toHaveLength(1);
    const text = applyWorkspaceEdit(s.docs.get('src/leak.ts')!, actions[0]!.edit);
    expect(text).toContain('apiKey: process.env.ANTHROPIC_API_KEY');
    s.change('src/leak.ts', text);
    expect((await s.pull('src/leak.ts')).items!.filter((d) => d.code === 'hardcoded-secret')).toEqual([]);
  });

  it('hover on a tool shows owner, scopes, approval and credentials', async () => {
    s.open('src/research/researcher.ts');
    const doc = s.docs.get('src/research/researcher.ts')!;
    const offset = doc.getText().indexOf("'web_search'") + 2;
    const hover = (await s.conn.sendRequest('textDocument/hover', {
      textDocument: { uri: doc.uri },
      position: doc.positionAt(offset),
    })) as { contents: { value: string } };
    expect(hover.contents.value).toContain('**Tool `web_search`**');
    expect(hover.contents.value).toContain('**Owner:** @acme/research-platform');
    expect(hover.contents.value).toContain('`network:send`');
    expect(hover.contents.value).toContain('`TAVILY_API_KEY`');
  });

  it('hover leaves to the diagnostics under the cursor what they say (no scope), and says the rest', async () => {
    const rel = 'src/billing/tools.ts';
    s.open(rel);
    const doc = s.docs.get(rel)!;
    const hoverAt = async (text: string) =>
      (
        (await s.conn.sendRequest('textDocument/hover', {
          textDocument: { uri: doc.uri },
          position: doc.positionAt(doc.getText().indexOf(text) + 2),
        })) as { contents: { value: string } }
      ).contents.value;
    const diagnostics = (await s.pull(rel)).items!.map((d) => `${d.code}@${d.range.start.line + 1}`);
    expect(diagnostics).toContain('unscoped-tool@29');
    // lookupInvoice (`find_invoice` to the model): its unscoped-tool diagnostic sits where the hover is asked for.
    const unscoped = await hoverAt('lookupInvoice');
    expect(unscoped).toContain('**Tool `find_invoice`**');
    expect(unscoped).not.toContain('**Scopes:**');
    expect(unscoped).toContain('**Owner:** team-billing');
    expect(unscoped).toContain('**Effective permissions**');
    // refundCharge has scopes and no finding about them: the hover says them.
    expect(await hoverAt('refundCharge')).toContain('**Scopes:** `payments:write`');
    void s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: doc.uri } });
  });

  it('workspace diagnostics cover files that are not open', async () => {
    const r = (await s.conn.sendRequest('workspace/diagnostic', { previousResultIds: [] })) as {
      items: { uri: string; items: ServerDiagnostic[] }[];
    };
    const crm = r.items.find((i) => i.uri.endsWith('src/crm/crm-server.ts'));
    expect(crm?.items.map((d) => d.code)).toEqual(
      expect.arrayContaining(['expired-grant', 'dynamic-tool-registration', 'missing-revocation']),
    );
  });

  it('a file changed on disk is re-read (watcher)', async () => {
    writeFileSync(join(s.root, 'src/crm/crm-server.ts'), 'export const nothing = 1;\n');
    void s.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: s.uri('src/crm/crm-server.ts'), type: 2 }],
    });
    const r = (await s.conn.sendRequest('workspace/diagnostic', { previousResultIds: [] })) as {
      items: { uri: string; items: ServerDiagnostic[] }[];
    };
    expect(r.items.find((i) => i.uri.endsWith('src/crm/crm-server.ts'))).toBeUndefined();
  });

  it('a broken config is reported on the config file, and analysis goes on', async () => {
    writeFileSync(join(s.root, 'agent-warden.json'), '{\n  "rules": { "unscoped-tol": "off" }\n}\n');
    void s.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: s.uri('agent-warden.json'), type: 2 }],
    });
    s.open('agent-warden.json');
    const r = await s.pull('agent-warden.json');
    expect(r.items![0]).toMatchObject({ code: 'invalid-config', range: { start: { line: 1 } } });
    expect(r.items![0]!.message).toMatch(/rules\["unscoped-tol"\]: unknown rule id/);
    expect((await s.pull('src/agents/triage.ts')).items!.length).toBeGreaterThan(0);
  });

  it('serves rule documentation (what, why, fix, examples) for the client to show', async () => {
    const md = (await s.conn.sendRequest('agentWarden/ruleDocs', { ruleId: 'unscoped-tool' })) as string;
    expect(md).toMatch(/^# unscoped-tool/);
    expect(md).toContain('## Why it matters');
    expect(md).toContain('## Incorrect');
    expect(md).toContain('## Correct');
  });

  it('no answer carries a planted secret: diagnostics, hover, code-action titles, CodeLens, inventory, workspace diagnostics', async () => {
    // A key inside a tool (where it reaches names, capabilities and credentials), and in the client above.
    const toolKey = FAKE_KEYS['openai-api-key']!();
    const rel = 'src/leak-tool.ts';
    const text = `import { tool } from 'ai';\n/** @owner team-x @scope network:egress */\nexport const leaky = tool({\n  description: 'uses ${toolKey.slice(0, 20)}' + '${toolKey.slice(20)}',\n  execute: async () => fetch('https://api.example.com/v1?key=${toolKey}', { headers: { authorization: 'Bearer ${toolKey}' } }),\n});\n`;
    writeFileSync(join(s.root, rel), text);
    s.open(rel, text);
    const answers: unknown[] = [];
    for (const f of [rel, 'src/leak.ts']) {
      const diags = await s.pull(f);
      answers.push(diags);
      const d = s.docs.get(f)!;
      answers.push(
        await s.conn.sendRequest('textDocument/codeAction', {
          textDocument: { uri: s.uri(f) },
          range: { start: { line: 0, character: 0 }, end: d.positionAt(d.getText().length) },
          context: { diagnostics: diags.items },
        }),
      );
      answers.push(await s.conn.sendRequest('textDocument/codeLens', { textDocument: { uri: s.uri(f) } }));
      for (let line = 0; line < d.lineCount; line++)
        answers.push(
          await s.conn.sendRequest('textDocument/hover', {
            textDocument: { uri: s.uri(f) },
            position: { line, character: 16 },
          }),
        );
    }
    answers.push(await s.conn.sendRequest('agentWarden/inventory', {}));
    answers.push(await s.conn.sendRequest('workspace/diagnostic', { previousResultIds: [] }));
    const all = JSON.stringify(answers);
    expect(all).toContain('leaky'); // the answers are about the planted file
    for (const key of [toolKey, planted]) expect(all.includes(key.slice(0, 12)), key.slice(0, 4)).toBe(false);
  });

  it('never logs a planted secret', () => {
    expect(s.logs.join('\n')).not.toContain(planted.slice(0, 12));
  });
});
