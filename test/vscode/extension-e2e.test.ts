import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli';
import {
  assertSetUp,
  type CodeServer,
  goTo,
  launchBrowser,
  openQuickFixMenu,
  openFile,
  openWorkbench,
  problems,
  screenshot,
  screenshotOnFailure,
  startCodeServer,
  until,
} from '../helpers/code-server';

/**
 * The packaged .vsix installed into a real VS Code (code-server 4.100.3 = VS Code 1.100.3), driven
 * through its UI by Debian's Chromium: what a developer sees, including Restricted Mode.
 */
const EXAMPLE = join(REPO, 'examples/support-desk');

describe('VS Code extension (real editor, installed from the .vsix)', { timeout: 180_000 }, () => {
  let browser: Browser;
  const servers: CodeServer[] = [];

  beforeAll(async () => {
    assertSetUp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    for (const s of servers) s.stop();
  });

  describe('trusted workspace', () => {
    let page: Page;
    let trusted: CodeServer;
    beforeAll(async () => {
      trusted = await startCodeServer(EXAMPLE);
      servers.push(trusted);
      page = await openWorkbench(browser, trusted.url, true);
    });
    afterEach((ctx) => screenshotOnFailure(page, ctx.task));

    it('shows the example project’s findings in the Problems panel, secrets masked', async () => {
      const owners = await until(
        () => problems(page, 'has no owner'),
        (rows) => rows.some((r) => r.includes("Agent 'Ops helper' (medium risk) has no owner")),
        90_000,
      );
      expect(owners.some((r) => r.includes("Agent 'Ops helper' (medium risk) has no owner"))).toBe(true);
      const expired = await until(
        () => problems(page, 'expired on'),
        (rows) => rows.length > 0,
      );
      expect(expired.some((r) => r.includes("Tool 'merge_customers' expired on 2026-03-31"))).toBe(true);
      const secret = await until(
        () => problems(page, 'Hardcoded'),
        (rows) => rows.length > 0,
      );
      expect(secret.some((r) => r.includes('generic-secret, lk_9…(31 chars)'))).toBe(true);
      expect(secret.join('\n')).not.toContain('lk_9f3KqL2x');
      await screenshot(page, '1-problems-panel');
    });

    it('typing a change updates the diagnostics (unsaved buffer)', async () => {
      await openFile(page, 'ops-agent.ts');
      await goTo(page, '15'); // the empty line above `export const opsAgent = new Agent({`
      await page.keyboard.type('// agent-warden-ignore-next-line missing-owner -- e2e: typed in the editor');
      const rows = await until(
        () => problems(page, 'has no owner'),
        (r) => !r.some((x) => x.includes("Agent 'Ops helper'")),
      );
      expect(rows.some((x) => x.includes("Agent 'Ops helper'"))).toBe(false);
      // Only that finding went: the file's other finding stays.
      const scope = "Tool 'restartWorker' (medium risk) has no declared scope";
      const others = await until(
        () => problems(page, scope),
        (r) => r.some((x) => x.includes(scope)),
      );
      expect(others.some((x) => x.includes(scope))).toBe(true);
      await screenshot(page, '2-typed-suppression');
    });

    it('a quick-fix applied through the UI (Ctrl+.) removes its finding', async () => {
      const message = "Tool 'restartWorker' (medium risk) has no declared scope";
      const rows = () => problems(page, message).then((r) => r.filter((x) => x.includes(message)));
      expect(await until(rows, (r) => r.length > 0)).toHaveLength(1);
      await goTo(page, '7:9'); // inside the tool's id, which the fix points at
      await page.waitForTimeout(1000);
      await openQuickFixMenu(page, "Add @scope to 'restartWorker' (network:send)");
      await screenshot(page, '3-quick-fix-menu');
      // The preferred fix is first and focused; Enter applies it (as a developer would).
      expect(await page.locator('.action-widget .monaco-list-row.focused').innerText()).toContain(
        "Add @scope to 'restartWorker' (network:send)",
      );
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape'); // leave snippet mode; the inferred scope stays
      expect(await until(rows, (r) => r.length === 0)).toEqual([]);
      await screenshot(page, '4-quick-fix-applied');
    });

    it("a tool given beyond the lockfile is marked, and its quick fix records the agent's entry in the lockfile", async () => {
      await openFile(page, 'triage.ts');
      await goTo(page, '43:22'); // after `tools: [formatReply` of the Accounts agent
      await page.keyboard.type(', searchHelpCentre');
      const message = "Not in agent-warden.lock.json: agent 'openai-agents:Accounts' gains tool 'search_help_centre'";
      const rows = () => problems(page, message).then((r) => r.filter((x) => x.includes(message)));
      expect(await until(rows, (r) => r.length > 0)).toHaveLength(1);
      await goTo(page, '13:12'); // the tool's name, where the finding is
      await page.waitForTimeout(1000);
      const record = "Record agent 'openai-agents:Accounts' as it is now in agent-warden.lock.json";
      await openQuickFixMenu(page, record);
      await screenshot(page, '13-record-in-lockfile');
      // The fix comes first in the menu, focused: Enter applies it.
      expect(await page.locator('.action-widget .monaco-list-row.focused').innerText()).toContain(record);
      await page.keyboard.press('Enter');
      // The fix edits the lockfile (another file): saved, the server reads it again and the finding goes.
      await page.keyboard.press('F1');
      await page.keyboard.type('File: Save All');
      await page.keyboard.press('Enter');
      const lockfile = join(trusted.workspace, 'agent-warden.lock.json');
      const recorded = await until(
        async () => JSON.parse(readFileSync(lockfile, 'utf8')).agents['openai-agents:Accounts'].tools,
        (tools) => 'search_help_centre' in tools,
      );
      expect(Object.keys(recorded)).toEqual(['format_reply', 'search_help_centre']);
      expect(await until(rows, (r) => r.length === 0)).toEqual([]);
    });
  });

  describe('Restricted Mode (untrusted workspace)', () => {
    let page: Page;
    beforeAll(async () => {
      const cs = await startCodeServer(EXAMPLE);
      servers.push(cs);
      // An untrusted folder tries to switch a rule off through its own settings: Restricted Mode must ignore it.
      mkdirSync(join(cs.workspace, '.vscode'), { recursive: true });
      writeFileSync(
        join(cs.workspace, '.vscode/settings.json'),
        JSON.stringify({ 'agentWarden.rules': { 'missing-owner': 'off' } }),
      );
      page = await openWorkbench(browser, cs.url, false);
    });
    afterEach((ctx) => screenshotOnFailure(page, ctx.task));

    it('analyses the files you open, reads nothing else, and ignores the folder’s own rule settings', async () => {
      await openFile(page, 'ops-agent.ts');
      const rows = await until(
        () => problems(page, 'has no owner'),
        (r) => r.some((x) => x.includes("Agent 'Ops helper' (medium risk) has no owner")),
        90_000,
      );
      expect(rows.some((x) => x.includes("Agent 'Ops helper' (medium risk) has no owner"))).toBe(true);
      // Files that are not open are not indexed in Restricted Mode.
      expect(await problems(page, 'expired on')).toEqual([]);
      expect(await problems(page, 'Hardcoded')).toEqual([]);
      await screenshot(page, '5-restricted-mode');
    });
  });
});
