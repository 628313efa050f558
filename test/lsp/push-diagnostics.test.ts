import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli';
import { copyFixture, type LspSession, startLsp } from '../helpers/lsp-client';

/** A client without pull diagnostics (LSP before 3.17, and some editors still): the server pushes them. */
describe('a client that does not pull diagnostics', () => {
  let s: LspSession;
  const rel = 'src/billing/tools.ts';
  const latest = () => s.published.get(s.uri(rel))?.at(-1);
  const codes = () => latest()?.diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}`);

  beforeAll(async () => {
    s = await startLsp(copyFixture(join(REPO, 'examples/support-desk')), { pull: false });
    await s.waitReady();
  });
  afterAll(async () => {
    if (s) expect(await s.close()).toBe(0);
  });

  it('gets an opened file’s diagnostics pushed, with the document version', async () => {
    s.open(rel);
    await expect
      .poll(codes, { timeout: 10_000 })
      .toEqual(['hardcoded-secret@11', 'long-lived-credential@18', 'unlogged-action@18', 'unscoped-tool@29']);
    expect(latest()?.version).toBe(1);
    expect(latest()?.diagnostics[0]).toMatchObject({ source: 'agent-warden', codeDescription: { href: /\.md$/ } });
  });

  it('gets them again as the buffer changes, once per change of the diagnostics', async () => {
    const before = s.published.get(s.uri(rel))!.length;
    const text = s.docs.get(rel)!.getText();
    s.change(
      rel,
      text.replace('export const lookupInvoice', '/** @scope network:egress */\nexport const lookupInvoice'),
    );
    await expect.poll(() => latest()?.version, { timeout: 10_000 }).toBe(2);
    expect(codes()!.filter((c) => c.startsWith('unscoped-tool'))).toEqual([]);
    // A change that leaves the diagnostics as they were is not sent again.
    s.change(rel, `${s.docs.get(rel)!.getText()}\n`);
    await new Promise((r) => setTimeout(r, 500));
    expect(s.published.get(s.uri(rel))!.length).toBe(before + 1);
  });

  it('gets them cleared when the document closes', async () => {
    void s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: s.uri(rel) } });
    await expect.poll(() => latest()?.diagnostics, { timeout: 10_000 }).toEqual([]);
  });
});
