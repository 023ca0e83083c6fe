// The stats panel in a real workbench: opened from the palette for a domain whose name is HTML, shown in light, dark
// and both high-contrast themes (screenshots), driven by keyboard, restored after a reload, with no CSP violation.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { newDomain } from '../fake-mailgun/routes/domains';
import { screenshotDir, until, workbenchForFile, type Workbench } from './workbench';

/** A sending domain whose name is markup: it must show up as these characters, never as elements. */
const HTML_DOMAIN = '<img src=x onerror=alert(1)><b>bold</b>.tricky.example';
const HOUR = 3_600_000;

const violations: string[] = [];

const wb = workbenchForFile({ withAccount: false, theme: 'Default Light Modern', setUp });

function setUp(wb: Workbench): void {
  const world = wb.fake.control.world;
  world.us.domains.set(HTML_DOMAIN, newDomain(world, HTML_DOMAIN, { state: 'active' }));
  for (let h = 1; h <= 72; h++) {
    wb.fake.control.addEvents({ domain: HTML_DOMAIN, time: Date.now() - h * HOUR, counts: { accepted_outgoing: 20 + (h % 9), delivered_smtp: 19 + (h % 9), opened: h % 7, clicked: h % 3 } });
  }

  // Chromium reports every CSP violation on the console, the webview frames' included. The workbench page has its own
  // policy, which its offline extension-gallery lookups (127.0.0.1:9) break by design; those are not ours.
  wb.page.on('console', (m) => {
    if (/Content[- ]Security[- ]Policy/i.test(m.text()) && !m.text().includes('127.0.0.1:9/')) violations.push(`console: ${m.text()}`);
  });
}

/** A second listener, inside the panel's page (VS Code writes that document itself, so it is added after load). */
async function listenInPanel(): Promise<void> {
  const frame = await wb.webviewFrame();
  await frame.evaluate(() => {
    const w = window as unknown as { cspEvents?: string[] };
    if (w.cspEvents) return;
    w.cspEvents = [];
    document.addEventListener('securitypolicyviolation', (e) => w.cspEvents!.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

async function panelEvents(): Promise<string[]> {
  return (await wb.webviewFrame()).evaluate(() => (window as unknown as { cspEvents?: string[] }).cspEvents ?? ['listener missing']);
}

async function panelShot(name: string): Promise<void> {
  // The colours were checked already; let the page inside the webview paint them before the shot.
  await (await wb.webviewFrame()).evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await wb.screenshot(name);
  await wb.page.locator('iframe.webview.ready').last().screenshot({ path: join(screenshotDir, `${name}-webview.png`) });
}

async function switchTheme(label: string, bodyClass: string): Promise<void> {
  await wb.runCommand('Preferences: Color Theme');
  const input = wb.page.locator('.quick-input-widget .quick-input-box input[placeholder*="Color Theme"]');
  await input.fill(label);
  await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first().waitFor();
  await input.press('Enter');
  await wb.webview().locator(`#counts-chart[data-theme="${bodyClass}"]`).waitFor({ timeout: 15_000 });
}

/** The chart's canvas colour for Accepted (uPlot's legend marker shows the stroke) and the theme's --vscode-charts-blue. */
async function acceptedColours(): Promise<{ stroke: string; theme: string }> {
  const frame = await wb.webviewFrame();
  return frame.evaluate(() => {
    const marker = document.querySelector<HTMLElement>('#counts-chart .u-legend .u-series:nth-child(2) .u-marker');
    const probe = document.createElement('span');
    probe.style.color = getComputedStyle(document.body).getPropertyValue('--vscode-charts-blue');
    document.body.append(probe);
    const theme = getComputedStyle(probe).color;
    probe.remove();
    return { stroke: marker ? getComputedStyle(marker).borderTopColor : 'no marker', theme };
  });
}

test('Show Stats from the palette: account, region and a domain whose name is HTML, shown as text', async () => {
  await wb.openMailgun();
  await wb.addDemoAccount('Demo account');

  await wb.runCommand('Mailgun: Show Stats');
  await wb.answerInput('Choose a Mailgun region', 'US');
  const quickInput = wb.page.locator('.quick-input-widget .quick-input-box input[placeholder="Choose a domain, or the whole region"]');
  await quickInput.fill('tricky');
  await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'tricky.example' }).first().waitFor();
  await quickInput.press('Enter');

  const view = wb.webview();
  await view.locator('#title').waitFor();
  await view.locator('#counts-table tbody tr').first().waitFor({ timeout: 20_000 });
  assert.equal(await view.locator('#title').textContent(), HTML_DOMAIN);
  assert.equal(await view.locator('b, img').count(), 0, 'no element was made from the name');
  assert.match((await view.locator('#source').textContent()) ?? '', /Metrics API/);
  assert.ok((await view.locator('#counts-chart canvas').count()) > 0, 'the chart is drawn');
  assert.match((await view.locator('#counts-chart').getAttribute('aria-label')) ?? '', /^Line chart of events per day/);
  await listenInPanel();
  await wb.page.getByRole('tab', { name: /Stats: <img src=x/ }).waitFor();
  // The rest of the scenario is about the panel: give it the whole width, so chart and table sit side by side.
  await wb.runCommand('View: Toggle Primary Side Bar Visibility');
  await wb.page.locator('#workbench\\.parts\\.sidebar').waitFor({ state: 'hidden' });
});

test('keyboard: the range is changed with Enter and the arrow keys', async () => {
  const view = wb.webview();
  await view.locator('#range').focus();
  await wb.page.keyboard.press('Enter');
  await wb.page.keyboard.press('ArrowUp'); // Last 7 days → Last 24 hours
  await wb.page.keyboard.press('Enter');
  await view.locator('#counts-caption', { hasText: 'Events per hour' }).waitFor({ timeout: 15_000 });
  assert.ok((await view.locator('#counts-table tbody tr').count()) >= 24);
  await view.locator('#range').focus();
  await wb.page.keyboard.press('Enter');
  await wb.page.keyboard.press('ArrowDown'); // back to Last 7 days
  await wb.page.keyboard.press('Enter');
  await view.locator('#counts-caption', { hasText: 'Events per day' }).waitFor({ timeout: 15_000 });
});

/** The events table's rows built now, as aria-rowindex → the time in their first cell. */
async function builtRows(): Promise<Map<number, string>> {
  const frame = await wb.webviewFrame();
  const rows = await frame.evaluate(() =>
    [...document.querySelectorAll<HTMLTableRowElement>('#counts-table tbody tr:not(.spacer)')].map((r): [number, string] => [Number(r.getAttribute('aria-rowindex')), r.cells[0].textContent ?? '']),
  );
  return new Map(rows);
}

/** Opens a select with Enter, moves to `value` with the arrow keys and picks it with Enter. */
async function chooseWithKeyboard(select: '#range' | '#resolution', value: string): Promise<void> {
  const frame = await wb.webviewFrame();
  const moves = await frame.evaluate(
    ([id, wanted]) => {
      const el = document.querySelector<HTMLElement & { value: string }>(id)!;
      const values = [...el.querySelectorAll('vscode-option')].map((o) => o.getAttribute('value'));
      return values.indexOf(wanted) - values.indexOf(el.value);
    },
    [select, value] as const,
  );
  await wb.webview().locator(select).focus();
  await wb.page.keyboard.press('Enter');
  for (let i = 0; i < Math.abs(moves); i++) await wb.page.keyboard.press(moves > 0 ? 'ArrowDown' : 'ArrowUp');
  await wb.page.keyboard.press('Enter');
}

test('a long table builds the rows in view, and the keyboard scrolls through every row of a page', async () => {
  const view = wb.webview();
  await chooseWithKeyboard('#range', '60d');
  await view.locator('#counts-caption', { hasText: 'Events per day' }).waitFor({ timeout: 15_000 });
  await chooseWithKeyboard('#resolution', 'hour');
  await view.locator('#counts-caption', { hasText: 'Events per hour' }).waitFor({ timeout: 15_000 });
  const total = Number((await view.locator('#counts-table').getAttribute('aria-rowcount')) ?? 0) - 1;
  assert.ok(total >= 1400, `about 60 days of hours: ${total}`);
  assert.match((await view.locator('#counts-position').textContent()) ?? '', new RegExp(`^Rows 1–100 of ${total.toLocaleString('en-US')}$`));

  const first = await builtRows();
  assert.ok(first.size >= 10 && first.size < 100, `only the rows in view and a few more are built: ${first.size}`);
  const start = Date.parse(`${first.get(2)?.replace(' ', 'T')}:00Z`);
  assert.ok(Number.isFinite(start), `the first row starts at an hour: ${first.get(2)}`);

  // Page Down through the scroll box, as a keyboard user does: every row of the page shows up, in order, one hour apart.
  const seen = new Map(first);
  await view.locator('#counts-table').locator('xpath=..').focus();
  for (let i = 0; i < 40 && !seen.has(101); i++) {
    await wb.page.keyboard.press('PageDown');
    // Page Down scrolls smoothly: wait until the scroll box stops moving, so that no built window is skipped.
    await (await wb.webviewFrame()).evaluate(async () => {
      const wrap = document.getElementById('counts-table')!.parentElement!;
      for (let last = -1; wrap.scrollTop !== last; ) {
        last = wrap.scrollTop;
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      }
    });
    for (const [index, time] of await builtRows()) seen.set(index, time);
  }
  const hour = (index: number): string => new Date(start + (index - 2) * HOUR).toISOString().slice(0, 16).replace('T', ' ');
  for (let index = 2; index <= 101; index++) assert.equal(seen.get(index), hour(index), `row ${index}`);

  await view.locator('#counts-next').click();
  await view.locator('#counts-position', { hasText: 'Rows 101–200' }).waitFor();
  const second = await builtRows();
  assert.ok([...second.keys()].every((index) => index >= 102 && index <= 201), `the second page's rows: ${[...second.keys()].join(', ')}`);
  for (const [index, time] of second) assert.equal(time, hour(index), `row ${index}`);

  await chooseWithKeyboard('#range', '7d'); // back to Last 7 days, by day
  await view.locator('#counts-caption', { hasText: 'Events per day' }).waitFor({ timeout: 15_000 });
});

test('light theme: screenshot; the canvas uses the theme colours', async () => {
  const { stroke, theme } = await acceptedColours();
  assert.equal(stroke, theme);
  await panelShot('stats-light');
});

test('dark theme: the charts redraw with the dark colours', async () => {
  const light = await acceptedColours();
  await switchTheme('Dark Modern', 'vscode-dark');
  const dark = await acceptedColours();
  assert.equal(dark.stroke, dark.theme);
  assert.notEqual(dark.stroke, light.stroke, 'the colour changed with the theme');
  await panelShot('stats-dark');
});

test('both high-contrast themes', async () => {
  await switchTheme('Dark High Contrast', 'vscode-high-contrast');
  const hc = await acceptedColours();
  assert.equal(hc.stroke, hc.theme);
  await panelShot('stats-high-contrast-dark');
  await switchTheme('Light High Contrast', 'vscode-high-contrast-light');
  const hcLight = await acceptedColours();
  assert.equal(hcLight.stroke, hcLight.theme);
  await panelShot('stats-high-contrast-light');
});

test('the panel comes back after a window reload', async () => {
  assert.deepEqual(await panelEvents(), [], 'no violation in the panel before the reload');
  await wb.page.reload();
  await wb.page.waitForSelector('.monaco-workbench .activitybar', { timeout: 60_000 });
  const view = wb.webview();
  await view.locator('#counts-table tbody tr').first().waitFor({ timeout: 60_000 });
  assert.equal(await view.locator('#title').textContent(), HTML_DOMAIN);
  await listenInPanel();
  await panelShot('stats-restored');
});

test('no CSP violation happened, and the listeners do hear one', async () => {
  assert.deepEqual(violations, []);
  assert.deepEqual(await panelEvents(), []);
  const frame = await wb.webviewFrame();
  await frame.evaluate(() => document.body.setAttribute('style', 'outline: 1px solid red')); // an inline style: blocked
  await frame.waitForFunction(() => ((window as unknown as { cspEvents?: string[] }).cspEvents?.length ?? 0) > 0);
  assert.equal((await panelEvents()).length, 1, 'the listener in the panel heard it');
  await until(() => (violations.some((v) => /inline style/i.test(v)) ? true : undefined), `the console listener to hear it (heard: ${violations.join(' | ')})`);
});
