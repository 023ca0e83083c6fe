// A real VS Code workbench (code-server) in headless Chromium with the extension loaded, for UI scenarios and screenshots.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { after, afterEach, before } from 'node:test';
import type { Browser, Frame, FrameLocator, Locator, Page } from 'playwright-core';
import { launchBrowser, workbenchUrl } from '../host/browser';
import { repoRoot, startCodeServer, type CodeServer } from '../host/code-server';
import { DEMO_API_KEY, startFakeMailgun, type FakeMailgun, type SeedName } from '../fake-mailgun';

export const screenshotDir = join(repoRoot, 'test-results', 'screenshots');

export interface Workbench {
  page: Page;
  fake: FakeMailgun;
  server: CodeServer;
  /** Clicks the Mailgun icon in the activity bar. */
  openMailgun(): Promise<void>;
  /** Runs a command from the palette by its full title, e.g. "Mailgun: Add API Key…". */
  runCommand(title: string): Promise<void>;
  /** Types into the quick input showing `placeholder` (so a closing one is not mistaken for it) and presses Enter. */
  answerInput(placeholder: string, text: string): Promise<void>;
  treeRow(text: string | RegExp): Locator;
  /** The first row of the open quick pick showing `text`. */
  pickRow(text: string | RegExp): Locator;
  /** The document of the newest webview panel (VS Code nests it in two iframes). */
  webview(): FrameLocator;
  /** The same document as a Frame, to evaluate code in (waits for the panel to be there). */
  webviewFrame(): Promise<Frame>;
  /** Expands the first tree row showing `text`, unless it is expanded already. */
  expand(text: string | RegExp): Promise<void>;
  /**
   * Resolves once the side bar's tree has not changed for a while. A list that finished loading re-renders its
   * row (and so its subtree) 400 ms later with its new description, which closes a context menu opened meanwhile.
   */
  treeQuiet(): Promise<void>;
  /** Right-clicks the first tree row showing `row` and picks `entry` of its context menu. */
  contextMenu(row: string | RegExp, entry: string): Promise<void>;
  /** Adds the demo seed's key as `label` through "Mailgun: Add API Key…" and waits for its row. */
  addDemoAccount(label: string): Promise<void>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface WorkbenchOptions {
  seed?: SeedName;
  settings?: Record<string, unknown>;
  theme?: string;
}

export async function openWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  mkdirSync(screenshotDir, { recursive: true });
  const fake = await startFakeMailgun({ seed: options.seed ?? 'demo' });
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startCodeServer({
      settings: {
        'mailgun.apiBaseUrl.us': fake.usUrl,
        'mailgun.apiBaseUrl.eu': fake.euUrl,
        ...(options.theme ? { 'workbench.colorTheme': options.theme } : {}),
        ...options.settings,
      },
    });
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // A machine loaded by parallel runs can take minutes to load the workbench and answer clicks: wait on UI state longer.
    page.setDefaultTimeout(60_000);
    await page.goto(workbenchUrl(server, repoRoot), { timeout: 180_000 });
    await page.waitForSelector('.monaco-workbench .activitybar', { timeout: 60_000 });
    const srv = server;
    const br = browser;
    const quickInput = page.locator('.quick-input-widget .quick-input-box input');
    const treeRow = (text: string | RegExp): Locator => page.locator('#workbench\\.parts\\.sidebar .monaco-list-row', { hasText: text });
    const answerInput = async (placeholder: string, text: string): Promise<void> => {
      const input = page.locator(`.quick-input-widget .quick-input-box input[placeholder="${placeholder}"]`);
      await input.waitFor();
      await input.fill(text);
      await input.press('Enter');
    };
    // A string, not a function: tsx would wrap a named inner function in a naming helper the page does not have.
    const treeQuiet = (): Promise<void> =>
      page.evaluate(`new Promise((resolve) => {
        const tree = document.querySelector('#workbench\\\\.parts\\\\.sidebar') ?? document.body;
        const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, 800); });
        const done = () => { observer.disconnect(); resolve(); };
        let timer = setTimeout(done, 800);
        observer.observe(tree, { subtree: true, childList: true, characterData: true });
      })`);
    const runCommand = async (title: string): Promise<void> => {
      await page.keyboard.press('F1');
      await quickInput.waitFor();
      await quickInput.fill(`>${title}`);
      const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
      await row.waitFor();
      await row.click();
    };
    return {
      page,
      fake,
      server: srv,
      async openMailgun() {
        await page.locator('.activitybar a.action-label[aria-label^="Mailgun"]').click();
        // With one view in the container its header is hidden, so wait for it to be attached, not visible.
        await page.locator('#workbench\\.parts\\.sidebar .pane-header[aria-label="Accounts Section"]').waitFor({ state: 'attached' });
        // Widen the side bar (drag its edge) so descriptions and messages are readable in screenshots.
        const bar = await page.locator('#workbench\\.parts\\.sidebar').boundingBox();
        if (bar && bar.width < 500) {
          const edge = bar.x + bar.width;
          await page.mouse.move(edge, bar.y + 300);
          await page.mouse.down();
          await page.mouse.move(edge + 300, bar.y + 300, { steps: 8 });
          await page.mouse.up();
        }
      },
      runCommand,
      answerInput,
      treeRow,
      pickRow: (text) => page.locator('.quick-input-widget .monaco-list-row', { hasText: text }).first(),
      webview: () => page.locator('iframe.webview.ready').last().contentFrame().locator('iframe#active-frame').contentFrame(),
      async webviewFrame() {
        const outer = page.locator('iframe.webview.ready').last();
        await outer.waitFor();
        const frame = await (await outer.contentFrame().locator('iframe#active-frame').elementHandle())?.contentFrame();
        if (!frame) throw new Error('The webview panel has no page frame.');
        return frame;
      },
      async expand(text) {
        const row = treeRow(text).first();
        await row.waitFor();
        if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
      },
      treeQuiet,
      async contextMenu(row, entry) {
        // A row can be re-rendered with another node between the pointer landing and the menu opening (a reload
        // above it shifts the rows), so check that the menu opened for the row asked for, and else try again.
        const focused = page.locator('#workbench\\.parts\\.sidebar .monaco-list-row.focused');
        const menu = page.locator('.monaco-menu');
        for (let attempt = 1; ; attempt++) {
          await treeQuiet();
          await treeRow(row).first().click({ button: 'right' });
          await menu.first().waitFor();
          const text = (await focused.first().textContent()) ?? '';
          if (typeof row === 'string' ? text.includes(row) : row.test(text)) break;
          await page.keyboard.press('Escape');
          await menu.first().waitFor({ state: 'detached' });
          if (attempt === 3) throw new Error(`The context menu kept opening for "${text}" instead of the row showing ${String(row)}.`);
        }
        // Chromium can deliver the click to a menu that just opened before the menu takes it (the entry shows as
        // hovered and nothing runs), so point at the entry and press Enter, which the menu takes once the entry has focus.
        const item = page.locator('.monaco-menu .action-item', { has: page.locator('.action-label', { hasText: entry }) }).first();
        await item.hover();
        await page.locator('.monaco-menu .action-item.focused', { hasText: entry }).first().waitFor();
        await page.keyboard.press('Enter');
        await menu.first().waitFor({ state: 'detached' });
      },
      async addDemoAccount(label) {
        await runCommand('Mailgun: Add API Key…');
        await answerInput('Production', label);
        await answerInput('Mailgun API key', DEMO_API_KEY);
        await treeRow(label).waitFor();
        // The confirmation ("Added Production: 6 domains in US, 3 in EU.") would stay over every later screenshot.
        await page.locator('.notifications-toasts .notification-list-item-message', { hasText: `Added ${label}` }).first().waitFor();
        await runCommand('Notifications: Clear All Notifications');
        await page.locator('.notifications-toasts .notification-list-item-message', { hasText: `Added ${label}` }).first().waitFor({ state: 'detached' });
      },
      async screenshot(name) {
        const path = join(screenshotDir, `${name}.png`);
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))); // what was waited for is painted
        await page.screenshot({ path });
        return path;
      },
      async close() {
        await br.close();
        await srv.stop();
        await fake.close();
      },
    };
  } catch (err) {
    await browser?.close();
    await server?.stop();
    await fake.close();
    throw err;
  }
}

/** Polls until `check` returns a value other than undefined: for state outside the page (the fake, files, events heard). */
export async function until<T>(check: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await setTimeout(50);
  }
}

/** A workbench with the Mailgun view open and the demo key added through the palette as "Production". */
export async function openWorkbenchWithAccount(options: WorkbenchOptions = {}): Promise<Workbench> {
  const wb = await openWorkbench(options);
  try {
    await wb.openMailgun();
    await wb.addDemoAccount('Production');
    return wb;
  } catch (err) {
    await wb.close();
    throw err;
  }
}

export interface FileWorkbenchOptions extends WorkbenchOptions {
  /** Adds the demo key as "Production" first (the default). */
  withAccount?: boolean;
  /** Runs before the workbench opens: e.g. starts a server whose address it puts into `settings`. */
  prepare?: () => Promise<void> | void;
  /** Runs once the workbench is open, before the file's first test. */
  setUp?: (wb: Workbench) => Promise<void> | void;
}

/**
 * One workbench for a test file: opened before its first test, closed after its last. The object returned stands
 * for it (its members are the workbench's once open), so a file writes `const wb = workbenchForFile();`.
 */
export function workbenchForFile(options: FileWorkbenchOptions = {}): Workbench {
  const { withAccount = true, prepare, setUp, ...open } = options;
  let wb: Workbench | undefined;
  before(async () => {
    await prepare?.();
    wb = await (withAccount ? openWorkbenchWithAccount(open) : openWorkbench(open));
    await setUp?.(wb);
  });
  // What the page showed at the end of each test, to read a failure by (not counted as the README's screenshots).
  let n = 0;
  afterEach(async (t) => {
    const dir = join(repoRoot, 'test-results', 'e2e-after');
    mkdirSync(dir, { recursive: true });
    const name = `${String(++n).padStart(2, '0')}-${t.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.png`;
    await wb?.page.screenshot({ path: join(dir, name) }).catch(() => undefined);
  });
  after(async () => {
    await wb?.close();
  });
  return new Proxy({} as Workbench, {
    get(_, key) {
      if (!wb) throw new Error(`The workbench is not open yet (asked for "${String(key)}" before the file's first test).`);
      // Its members are closures over the page, not methods that need `this`.
      return Reflect.get(wb, key) as unknown;
    },
  });
}
