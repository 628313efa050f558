import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { TOOLS_DIR } from '../../scripts/tools-dir.mjs';
import { REPO } from './cli';

export const CODE_SERVER_VERSION = '4.100.3';
/** Where scripts/setup-test-tools.sh builds it. */
const ENTRY = join(TOOLS_DIR, `code-server-${CODE_SERVER_VERSION}/node_modules/code-server/out/node/entry.js`);
export const VSIX = join(REPO, 'dist/agent-warden.vsix');
export const SCREENSHOTS = join(REPO, 'test-output/vscode');

export function assertSetUp(): void {
  if (!existsSync(ENTRY))
    throw new Error(`code-server is not set up: run scripts/setup-test-tools.sh (npm run test:all does)`);
  if (!existsSync(VSIX)) throw new Error(`${VSIX} is missing: run \`npm run package\` (npm test does)`);
  if (!existsSync('/usr/bin/chromium')) throw new Error('Debian chromium is missing: run scripts/setup-test-tools.sh');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface CodeServer {
  url: string;
  workspace: string;
  /** The profile folder: settings, extensions and the logs of every output channel. */
  userData: string;
  proc: ChildProcess;
  stop(): void;
}

async function answers(url: string, withinMs: number): Promise<boolean> {
  const end = Date.now() + withinMs;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/**
 * Keeps the last `limit` characters read from the streams, for the message of a server that does not start: a pipe
 * nobody reads blocks its writer once full.
 */
function drain(streams: (NodeJS.ReadableStream | null)[], limit = 64 * 1024): () => string {
  let tail = '';
  for (const stream of streams)
    stream?.on('data', (chunk: Buffer) => {
      tail = (tail + chunk.toString('utf8')).slice(-limit);
    });
  return () => tail;
}

/** Installs the packaged .vsix into a fresh profile and starts code-server on a copy of `fixture`. */
export async function startCodeServer(
  fixture: string,
  opts: { logLevel?: 'trace' | 'debug' | 'info' } = {},
): Promise<CodeServer> {
  const base = mkdtempSync(join(tmpdir(), 'agent-warden-vscode-'));
  const userData = join(base, 'user');
  const extensions = join(base, 'extensions');
  const workspace = join(base, 'workspace');
  cpSync(fixture, workspace, { recursive: true });
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(
    join(userData, 'User/settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'workbench.enableExperiments': false,
      'extensions.ignoreRecommendations': true,
      'telemetry.telemetryLevel': 'off',
      'typescript.disableAutomaticTypeAcquisition': true,
      'git.enabled': false,
      'editor.quickSuggestions': { other: false, comments: false, strings: false },
      'editor.suggestOnTriggerCharacters': false,
      'editor.acceptSuggestionOnEnter': 'off',
      'editor.autoClosingBrackets': 'never',
      'editor.autoClosingQuotes': 'never',
      'editor.formatOnType': false,
      'agentWarden.trace.server': 'verbose',
    }),
  );
  const install = spawnSync(
    process.execPath,
    [ENTRY, '--install-extension', VSIX, '--extensions-dir', extensions, '--user-data-dir', userData],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (install.status !== 0 || !/successfully installed/.test(install.stdout + install.stderr))
    throw new Error(`vsix install failed: ${install.stdout}${install.stderr}`);
  const port = await freePort();
  const proc = spawn(
    process.execPath,
    [
      ENTRY,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--user-data-dir',
      userData,
      '--extensions-dir',
      extensions,
      ...(opts.logLevel ? ['--log', opts.logLevel] : []),
      workspace,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output = drain([proc.stdout, proc.stderr]);
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
  if (!(await answers(`http://127.0.0.1:${port}/healthz`, 30_000))) {
    proc.kill('SIGKILL');
    throw new Error(`code-server did not answer within 30 s:\n${output()}`);
  }
  // The profile goes with the run's temporary folder (test/global-setup.ts).
  return { url, workspace, userData, proc, stop: () => proc.kill('SIGTERM') };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** The size of a new VS Code window (1024×768): what users see first, so what the screenshots show. */
export const DEFAULT_WINDOW = { width: 1024, height: 768 };

/** Opens the workbench and answers the workspace-trust question. */
export async function openWorkbench(browser: Browser, url: string, trust: boolean): Promise<Page> {
  const context = await browser.newContext({ viewport: DEFAULT_WINDOW });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
  const button = page.getByRole('button', {
    name: trust ? /Yes, I trust the authors/ : /No, I don.t trust the authors/,
  });
  await button.waitFor({ timeout: 60_000 });
  await button.click();
  return page;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** After a failed test, a screenshot named after it: what the editor showed when it failed. */
export async function screenshotOnFailure(
  page: Page | undefined,
  task: { name: string; result?: { state?: string } },
): Promise<void> {
  if (page && task.result?.state === 'fail')
    await screenshot(page, `failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}`);
}

/** Opens a workspace file through Quick Open. */
export async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(name);
  // File search is slow the first time: wait for the file among the results, then pick that row (Enter would take
  // whichever row is selected, which under load can still be one from before the query was typed).
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
  await row.waitFor({ timeout: 30_000 });
  await row.click();
  await page.locator('.tab.active', { hasText: name }).waitFor({ timeout: 20_000 });
}

/** Moves the cursor with Go to Line (`line` or `line:column`, 1-based). */
export async function goTo(page: Page, position: string): Promise<void> {
  await page.keyboard.press('Control+G');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(position);
  // Enter only once the picker has taken the typed line in (pressed earlier, it is sometimes lost).
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: /Go to line/ })
    .first()
    .waitFor({ timeout: 10_000 })
    .catch(() => undefined);
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Enter');
    if (
      await page
        .locator('.quick-input-widget')
        .waitFor({ state: 'hidden', timeout: 3_000 })
        .then(
          () => true,
          () => false,
        )
    )
      break;
  }
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await page.waitForTimeout(200);
}

/**
 * The Problems panel, filtered to `filter`: the texts of the rows it shows. The panel applies a filter a few hundred
 * ms after the last keystroke, and later still on a loaded machine, so rows read too early belong to the previous
 * one. The filter is first cleared (the panel then shows every problem, and its "Showing N of M" badge hides); once
 * the new filter is typed, the rows are read until each problem row (rows with a position; file rows have none)
 * matches it.
 */
export async function problems(page: Page, filter: string): Promise<string[]> {
  const input = page.locator('.markers-panel-container .viewpane-filter input, .panel .viewpane-filter input').first();
  if (!(await input.isVisible().catch(() => false))) {
    await page.keyboard.press('Control+Shift+M');
    await input.waitFor({ state: 'visible', timeout: 20_000 });
  }
  const rows = () => page.locator('.markers-panel .monaco-list-row').allInnerTexts();
  if ((await input.inputValue()) !== filter) {
    await input.fill('');
    const filterWidget = input.locator('xpath=ancestor::*[contains(concat(" ", @class, " "), " viewpane-filter ")][1]');
    await filterWidget.locator('.viewpane-filter-badge.hidden').waitFor({ state: 'attached', timeout: 15_000 });
    await input.fill(filter);
  }
  const matches = (text: string) =>
    !/\[Ln \d+, Col \d+\]/.test(text) || text.toLowerCase().includes(filter.toLowerCase());
  return until(rows, (texts) => texts.every(matches), 15_000);
}

/**
 * Opens the quick-fix menu (Ctrl+.) at the cursor and waits for an entry. Shortly after typing, VS Code now and
 * then answers a keyboard Ctrl+. with "No code actions available" although its own lightbulb on the same line
 * has the fixes (seen in about one run in three, also before the current changes; the server's answer in that
 * state, requested over stdio, never varied): the menu is closed and asked for again, as a user would.
 */
export async function openQuickFixMenu(page: Page, entry: string): Promise<void> {
  const item = page.locator('.action-widget .monaco-list-row', { hasText: entry });
  for (let attempt = 0; attempt < 4; attempt++) {
    await page.keyboard.press('Control+.');
    if (
      await item.waitFor({ timeout: 8_000 }).then(
        () => true,
        () => false,
      )
    )
      return;
    console.warn(`quick-fix menu without '${entry}' (attempt ${attempt + 1}); asking again`);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(1000);
  }
  await item.waitFor({ timeout: 1_000 });
}

/** Polls `fn` until `ok` holds or the timeout passes; returns the last value. */
export async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let v = await fn();
  while (!ok(v) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 500));
    v = await fn();
  }
  return v;
}
