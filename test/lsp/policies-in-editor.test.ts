import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli';
import { copyFixture, type LspSession, startLsp } from '../helpers/lsp-client';

const POLICY = {
  id: 'deletes-need-approval',
  for: 'tool',
  deny: "tool.capabilities.exists(c, c.endsWith(':delete')) && tool.approval == ''",
  message: "Tool '{{name}}' deletes data without a human approval gate.",
  severity: 'warning',
};

/** A workspace's own policies, in the editor as any rule, and a broken one shown on the config. */
describe('policies of agent-warden.json in the language server', () => {
  let s: LspSession;
  const rel = 'src/crm/crm-server.ts';

  beforeAll(async () => {
    const root = copyFixture(join(REPO, 'examples/support-desk'));
    const config = join(root, 'agent-warden.json');
    // The example's config is JSONC: its policies go in before its last brace.
    const text = readFileSync(config, 'utf8');
    writeFileSync(config, `${text.slice(0, text.lastIndexOf('}'))},\n  "policies": [${JSON.stringify(POLICY)}]\n}\n`);
    s = await startLsp(root);
    await s.waitReady();
  });
  afterAll(async () => {
    if (s) expect(await s.close()).toBe(0);
  });

  it('reports a policy as a diagnostic of its own code, with no docs link of ours', async () => {
    s.open(rel);
    const found = (await s.pull(rel)).items!.filter((d) => d.code === 'policy/deletes-need-approval');
    expect(found.map((d) => [d.message, d.severity])).toEqual([
      ["Tool 'merge_customers' deletes data without a human approval gate.", 2],
    ]);
    expect(found[0]!.codeDescription).toBeUndefined();
    const actions = (await s.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: s.uri(rel) },
      range: found[0]!.range,
      context: { diagnostics: [found[0]], only: ['quickfix'] },
    })) as CodeAction[];
    expect(actions.map((a) => a.title)).toEqual([
      'Disable policy/deletes-need-approval for this line',
      'Disable policy/deletes-need-approval for the entire file',
    ]);
  });

  it('a policy that does not check is shown on agent-warden.json, where it is wrong', async () => {
    const config = join(s.root, 'agent-warden.json');
    writeFileSync(config, readFileSync(config, 'utf8').replace("tool.approval == ''", "tool.aproval == ''"));
    void s.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: s.uri('agent-warden.json'), type: 2 }],
    });
    s.open('agent-warden.json', readFileSync(config, 'utf8'));
    const r = await s.pull('agent-warden.json');
    expect(r.items!.map((d) => d.code)).toEqual(['invalid-config']);
    expect(r.items![0]!.message).toMatch(
      /^policies\[0\]\.deny: policy 'deletes-need-approval': No such key: aproval\./,
    );
  });
});
