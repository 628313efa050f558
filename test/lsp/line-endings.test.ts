import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli';
import { applyWorkspaceEdit, copyFixture, type LspSession, startLsp } from '../helpers/lsp-client';

/** The example project's source files, relative to its folder. */
function sourcesOf(dir: string): string[] {
  return readdirSync(join(dir, 'src'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(dir, join(e.parentPath, e.name)));
}

/** An editor on a checkout with `\r\n` line endings (Git for Windows' default), beside one with `\n`. */
describe('the language server on a project checked out with CRLF line endings', () => {
  let lf: LspSession;
  let crlf: LspSession;
  let files: string[];

  beforeAll(async () => {
    const example = join(REPO, 'examples/support-desk');
    const windows = copyFixture(example);
    files = sourcesOf(windows);
    for (const rel of files)
      writeFileSync(join(windows, rel), readFileSync(join(windows, rel), 'utf8').replace(/\r?\n/g, '\r\n'));
    [lf, crlf] = await Promise.all([startLsp(copyFixture(example)), startLsp(windows)]);
    await Promise.all([lf.waitReady(), crlf.waitReady()]);
  });
  afterAll(async () => {
    if (lf) expect(await lf.close()).toBe(0);
    if (crlf) expect(await crlf.close()).toBe(0);
  });

  const shown = async (s: LspSession, rel: string) => {
    s.open(rel);
    return ((await s.pull(rel)).items ?? []).map((d) => `${d.code} ${JSON.stringify(d.range)} ${d.message}`);
  };

  it('shows each opened file the same diagnostics, at the same ranges', async () => {
    let total = 0;
    for (const rel of files) {
      const expected = await shown(lf, rel);
      expect(await shown(crlf, rel), rel).toEqual(expected);
      total += expected.length;
    }
    expect(total).toBeGreaterThan(10);
  });

  it('offers fixes that keep the file’s CRLF line endings', async () => {
    let multiLine = 0;
    for (const rel of files) {
      for (const d of (await crlf.pull(rel)).items ?? []) {
        const actions = (await crlf.conn.sendRequest('textDocument/codeAction', {
          textDocument: { uri: crlf.uri(rel) },
          range: d.range,
          context: { diagnostics: [d] },
        })) as CodeAction[];
        for (const action of actions.filter((a) => a.edit)) {
          const text = applyWorkspaceEdit(crlf.docs.get(rel)!, action.edit);
          if (text.split('\r\n').length > crlf.docs.get(rel)!.getText().split('\r\n').length) multiLine++;
          expect(text, action.title).not.toMatch(/(^|[^\r])\n/);
        }
      }
    }
    expect(multiLine).toBeGreaterThan(5);
  });
});
