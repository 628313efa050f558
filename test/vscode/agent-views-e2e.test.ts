import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { graphOf } from '../../client/src/graph-model';
import { REPO, runCli } from '../helpers/cli';
import {
  assertSetUp,
  type CodeServer,
  DEFAULT_WINDOW,
  goTo,
  launchBrowser,
  openQuickFixMenu,
  openFile,
  openWorkbench,
  screenshot,
  screenshotOnFailure,
  startCodeServer,
  until,
} from '../helpers/code-server';

/**
 * The inventory tree, the chain graph webview, CodeLens and hover in a real VS Code (code-server
 * 4.100.3 = VS Code 1.100.3, the packaged .vsix installed), driven through its UI by Chromium.
 * Expected contents come from the CLI's `inventory --format json` on the same folder.
 */
const EXAMPLE = join(REPO, 'examples/support-desk');
const inventory = JSON.parse(runCli(['inventory', '.', '--format', 'json'], { cwd: EXAMPLE }).stdout);

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 60_000 });
  await page.keyboard.press('Enter');
}

/** Labels of the rows the Agent Inventory view shows now. */
async function treeRows(page: Page): Promise<string[]> {
  const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Agent Inventory' }) });
  return view.locator('.monaco-list-row .label-name').allInnerTexts();
}

/**
 * Shows the hover at the cursor until it holds `text` (the server may still be indexing at first), and returns it
 * while it is shown: the editor closes a hover when diagnostics arrive, so it is asked for again rather than waited on.
 */
async function hoverWith(page: Page, text: string) {
  const hover = page.locator('.monaco-hover-content', { hasText: text }).first();
  for (let i = 0; i < 20; i++) {
    if (await hover.isVisible().catch(() => false)) return hover;
    await page.keyboard.press('Escape');
    await runCommand(page, 'Show or Focus Hover');
    await hover.waitFor({ timeout: 3_000 }).catch(() => undefined);
  }
  throw new Error(`no hover holding '${text}' after 20 tries`);
}

/** The chain graph's document: the webview's inner frame holding the SVG. */
async function graphFrame(page: Page): Promise<Frame> {
  const found = await until(
    async () => {
      for (const f of page.frames())
        if (
          await f
            .locator('svg#graph')
            .count()
            .catch(() => 0)
        )
          return f;
      return undefined;
    },
    (f) => !!f,
    60_000,
  );
  if (!found) throw new Error('the chain graph webview did not render an svg#graph');
  return found;
}

describe('agent views in VS Code (real editor, installed from the .vsix)', { timeout: 240_000 }, () => {
  let browser: Browser;
  let cs: CodeServer;
  let page: Page;

  beforeAll(async () => {
    assertSetUp();
    browser = await launchBrowser();
    // Every output channel at trace level: the most a user can make the extension log (checked last).
    cs = await startCodeServer(EXAMPLE, { logLevel: 'trace' });
    page = await openWorkbench(browser, cs.url, true);
  });
  afterAll(async () => {
    await browser?.close();
    cs?.stop();
  });
  afterEach((ctx) => screenshotOnFailure(page, ctx.task));

  it('the Agent Inventory tree lists the agents and tools the CLI inventory lists, and opens their code', async () => {
    // The activity-bar entry appears once VS Code has read the extension's contributions (slow on a busy machine).
    const entry = page.locator('.activitybar .action-item a[aria-label^="Agent Warden"]').first();
    await entry.waitFor({ timeout: 90_000 });
    await entry.click();
    const agentNames: string[] = inventory.agents.map((a: { name: string }) => a.name);
    const rows = await until(
      () => treeRows(page),
      (r) => agentNames.every((n) => r.includes(n)),
      90_000,
    );
    for (const name of agentNames) expect(rows).toContain(name);
    // Agents open on their tools: every tool given to an agent is listed under it.
    const given = inventory.tools
      .filter((t: { agents: string[] }) => t.agents.length)
      .map((t: { name: string }) => t.name);
    for (const name of given) expect(rows).toContain(name);
    const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Agent Inventory' }) });
    // Owner, risk and approval are on the row.
    const refund = view.locator('.monaco-list-row', { hasText: 'refundCharge' }).first();
    expect(await refund.locator('.label-description').innerText()).toBe(
      'critical · team-billing · payments:write network:egress · ✓ approval · 2 findings',
    );
    await screenshot(page, '6-inventory-tree');
    await view.locator('.monaco-list-row', { hasText: 'Ops helper' }).first().click();
    await page.locator('.tab.active', { hasText: 'ops-agent.ts' }).waitFor({ timeout: 20_000 });
  });

  it('filters the tree to agents and tools with findings, or to the current file', async () => {
    await runCommand(page, 'Agent Warden: Inventory: Only Agents and Tools with Findings');
    const rows = await until(
      () => treeRows(page),
      (r) => !r.includes('Technical support'),
    );
    expect(rows).toContain('Ops helper'); // no owner
    expect(rows).not.toContain('Technical support'); // owned, scoped, revocable: nothing to report
    await screenshot(page, '7-inventory-filtered');
    // The current file (ops-agent.ts, opened from the tree above): its agent and tool only.
    await runCommand(page, 'Agent Warden: Inventory: Only the Current File');
    const mine = await until(
      () => treeRows(page),
      (r) => !r.includes('Triage'),
    );
    expect(mine).toEqual(['Ops helper', 'restartWorker']);
    await runCommand(page, 'Agent Warden: Inventory: Show Everything');
    await until(
      () => treeRows(page),
      (r) => r.includes('Technical support'),
    );
  });

  it('a CodeLens above each tool shows owner · scopes · risk · approval, and reveals it in the inventory', async () => {
    await openFile(page, 'tools.ts');
    const lens = page.locator('.codelens-decoration', {
      hasText: 'owner team-billing · scopes payments:write network:egress · critical risk · human approval required',
    });
    await lens.first().waitFor({ timeout: 60_000 });
    expect(
      await page
        .locator('.codelens-decoration', {
          hasText: 'owner team-billing · no scope ⚠ · medium risk · no approval gate',
        })
        .count(),
    ).toBe(1);
    await screenshot(page, '8-codelens');
    await lens.locator('a').first().click();
    const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Agent Inventory' }) });
    await view.locator('.monaco-list-row.selected', { hasText: 'refundCharge' }).waitFor({ timeout: 20_000 });
  });

  it('the tree follows the code as it is typed (unsaved)', async () => {
    await openFile(page, 'tools.ts');
    await goTo(page, '15'); // ` * @scope payments:write network:egress`
    await page.keyboard.press('End');
    for (let i = 0; i < ' network:egress'.length; i++) await page.keyboard.press('Backspace');
    const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Agent Inventory' }) });
    const description = () =>
      view.locator('.monaco-list-row', { hasText: 'refundCharge' }).first().locator('.label-description').innerText();
    expect(await until(description, (d) => d.startsWith('critical · team-billing · payments:write ·'))).toMatch(
      /^critical · team-billing · payments:write ·/,
    );
    await screenshot(page, '8b-tree-follows-typing');
    await page.keyboard.press('Control+Z');
    await until(description, (d) => d.includes('payments:write network:egress'));
  });

  it('hover shows the effective permissions and the chain that grants each', async () => {
    await openFile(page, 'triage.ts');
    await goTo(page, '52:11'); // inside 'Triage'
    const hover = await hoverWith(page, 'Effective permissions');
    const text = await hover.innerText();
    expect(text).toContain('Agent Triage');
    expect(text).toContain("granted through hands off to agent 'Technical support'");
    expect(text).toContain("tool 'search_help_centre'");
    expect(await hover.locator('a', { hasText: 'src/agents/triage.ts:17' }).count()).toBe(1);
    // For the screenshot: an agent with no diagnostic on it, so the hover holds only the permissions card.
    await page.keyboard.press('Escape');
    await goTo(page, '34:12'); // inside 'Technical support'
    await hoverWith(page, 'Agent Technical support');
    await screenshot(page, '9-hover-effective-permissions');
    await page.keyboard.press('Escape');
  });

  it('the chain graph renders every agent, tool and capability, and highlights a chain from its diagnostic', async () => {
    // From the privilege-escalating-chain diagnostic on 'Triage': the quick-fix menu opens the graph on it.
    await goTo(page, '52:11');
    await page.waitForTimeout(1000);
    const title = 'Show this chain in the Agent Warden graph';
    await openQuickFixMenu(page, title);
    await screenshot(page, '10-chain-quick-fix');
    for (
      let i = 0;
      i < 12 && !(await page.locator('.action-widget .monaco-list-row.focused', { hasText: title }).count());
      i++
    )
      await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const frame = await graphFrame(page);
    const expected = graphOf([{ uri: 'file:///x', name: 'x', inventory, findings: {} }]);
    const ids = await until(
      () => frame.locator('g.node').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-id'))),
      (r) => r.length === expected.nodes.length,
    );
    expect(ids.sort()).toEqual(expected.nodes.map((n) => n.id).sort());
    expect(await frame.locator('path.edge').count()).toBe(expected.edges.length);
    // Fitted on the chain it was opened on: each hop inside the panel, at half its size or more beside the code (text
    // of 6 px and up), and still inside once the window shrinks.
    const inside = (selector: string, minScale: number) =>
      frame.locator(selector).evaluateAll(
        (nodes, min) =>
          nodes.length > 0 &&
          nodes.every((n) => {
            const r = n.getBoundingClientRect();
            const scale = r.width / Number(n.querySelector('rect')!.getAttribute('width'));
            const seen = r.left >= -1 && r.top >= -1 && r.right <= innerWidth + 1 && r.bottom <= innerHeight + 1;
            return seen && scale >= min;
          }),
        minScale,
      );
    const fitsInPanel = (selector: string, minScale: number) =>
      until(
        () => inside(selector, minScale),
        (ok) => ok,
        15_000,
      );
    expect(await fitsInPanel('g.node.highlight', 0.5)).toBe(true);
    await page.setViewportSize({ width: 800, height: 600 });
    expect(await fitsInPanel('g.node.highlight', 0.3)).toBe(true);
    await screenshot(page, '11b-chain-graph-800x600');
    await page.setViewportSize(DEFAULT_WINDOW);
    // The legend shows each risk's colour (and the delegation line) as a swatch, not only as words.
    const swatches = await frame
      .locator('#legend .swatch')
      .evaluateAll((els) => els.map((e) => getComputedStyle(e).borderTopColor));
    expect(swatches).toHaveLength(5);
    expect(new Set(swatches.slice(0, 4)).size).toBe(4);
    const triage = inventory.agents.find((a: { name: string }) => a.name === 'Triage');
    const technical = inventory.agents.find((a: { name: string }) => a.name === 'Technical support');
    const search = inventory.tools.find((t: { name: string }) => t.name === 'search_help_centre');
    const lit = await frame
      .locator('g.node.highlight')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-id')));
    expect(lit.sort()).toEqual([triage.id, technical.id, search.id, 'capability:network:egress'].sort());
    expect(await frame.locator('path.edge.highlight').count()).toBe(3);
    await screenshot(page, '11-chain-graph');
    // Selecting a node reveals its code. The graph is drawn again whenever the inventory changes, which can replace the
    // node between finding it and clicking it: a click that opened nothing is made again.
    const node = frame.locator(`g.node[data-id="${search.id}"]`);
    const cursor = page.locator('#status\\.editor\\.selection');
    const revealed = (t: string) => t.includes(`Ln ${search.nameLine}, Col ${search.nameColumn}`);
    const at = await until(async () => {
      const t = await cursor.innerText().catch(() => '');
      if (!revealed(t)) await node.click();
      return t;
    }, revealed);
    expect(at).toContain(`Ln ${search.nameLine}, Col ${search.nameColumn}`);
    // Opened without a chain, the whole graph is fitted into the panel.
    await runCommand(page, 'Agent Warden: Show Chain Graph');
    expect(
      await until(
        () => frame.locator('g.node.highlight').count(),
        (n) => n === 0,
        15_000,
      ),
    ).toBe(0);
    expect(await fitsInPanel('g.node', 0)).toBe(true);
    await screenshot(page, '11c-whole-graph');
  });

  it('rule documentation opens inside VS Code: what, why, how to fix, incorrect and correct examples', async () => {
    await runCommand(page, 'Agent Warden: Show Rule Documentation');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await page.keyboard.type('unscoped-tool');
    await page.keyboard.press('Enter');
    const frame = await until(
      async () => {
        for (const f of page.frames())
          if (
            await f
              .locator('h2', { hasText: 'Why it matters' })
              .count()
              .catch(() => 0)
          )
            return f;
        return undefined;
      },
      (f) => !!f,
      60_000,
    );
    const headings = await frame!.locator('h1, h2').allInnerTexts();
    expect(headings).toEqual([
      'unscoped-tool',
      'Why it matters',
      'When it fires',
      'How to fix',
      'Incorrect',
      'Correct',
    ]);
    expect(await frame!.locator('pre code').count()).toBeGreaterThanOrEqual(2);
    // A read-only preview of a virtual document: no untitled buffer that asks to be saved.
    const tabs = await page.locator('.tabs-container .tab').allInnerTexts();
    expect(tabs.filter((t) => /Untitled/.test(t))).toEqual([]);
    expect(tabs.some((t) => t.includes('unscoped-tool.md'))).toBe(true);
    expect(await page.locator('.tabs-container .tab.dirty').count()).toBe(0);
    await screenshot(page, '12-rule-docs');
  });

  it('at trace level, no log of the session holds the example project’s key or its document text', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const logs: string[] = [];
    const walk = (d: string) => {
      for (const n of readdirSync(d)) {
        const p = join(d, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (n.endsWith('.log')) logs.push(p);
      }
    };
    walk(join(cs.userData, 'logs'));
    const ours = logs.filter((p) => p.includes('agent-warden.agent-warden'));
    expect(ours.length).toBeGreaterThan(0);
    const text = ours.map((p) => readFileSync(p, 'utf8')).join('\n');
    // The trace really is on: protocol messages are in the log, with document text left out.
    expect(text.includes('textDocument/didOpen')).toBe(true);
    expect(/characters of document text not logged/.test(text)).toBe(true);
    // The example's planted key (tools.ts), in full or its first 10 characters, appears in none of our logs
    // (the extension's channel and the language server's). VS Code's own TypeScript trace is not ours to police.
    expect(text.includes('lk_9f3KqL2x')).toBe(false);
  });
});
