// The pictures of README.md and the walkthrough, taken from a real workbench on the demo data each e2e run, so they
// never show an older extension. Written to media/readme/ (shipped in the .vsix, so kept small: cropped, 1×).
import * as assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEMO_DOMAINS } from '../fake-mailgun';
import { repoRoot } from '../host/code-server';
import { workbenchForFile } from './workbench';

const readmeDir = join(repoRoot, 'media', 'readme');
const MAX_BYTES = 100_000;

const wb = workbenchForFile({ setUp: () => void mkdirSync(readmeDir, { recursive: true }) });

/** A picture of part of the window; fails when it grows past what the .vsix can carry. */
async function readmeShot(name: string, clip: { x: number; y: number; width: number; height: number }): Promise<void> {
  const path = join(readmeDir, `${name}.png`);
  await wb.page.screenshot({ path, clip });
  const { size } = statSync(path);
  assert.ok(size <= MAX_BYTES, `${name}.png is ${size} bytes; README pictures must stay under ${MAX_BYTES}`);
}

test('explorer: an account, its regions, a domain with its DNS records, tracking, webhooks and suppressions', async () => {
  await wb.expand(/^US/);
  await wb.expand(DEMO_DOMAINS.us.main);
  await wb.expand('DNS records');
  await wb.treeRow('DNS records').first().getByText(/^\d+ of \d+ valid$/).waitFor();
  await wb.expand('Tracking');
  await wb.treeRow('Click tracking').waitFor();
  await wb.treeRow('Bounces').first().waitFor();
  const bar = await wb.page.locator('#workbench\\.parts\\.sidebar').boundingBox();
  assert.ok(bar, 'the side bar is shown');
  await readmeShot('explorer', { x: 0, y: 0, width: Math.round(bar.x + bar.width), height: 620 });
});

test('logs: a domain\'s message events with one event\'s details open', async () => {
  await wb.contextMenu(DEMO_DOMAINS.us.main, 'Open Message Logs');
  const view = wb.webview();
  await view.locator('#grid .row').first().waitFor({ timeout: 30_000 });
  await wb.runCommand('View: Toggle Primary Side Bar Visibility');
  await wb.page.locator('#workbench\\.parts\\.sidebar').waitFor({ state: 'hidden' });
  await wb.page.setViewportSize({ width: 960, height: 760 });
  await view.locator('#grid .row').nth(2).click();
  await view.locator('#detail-json', { hasText: '"event"' }).waitFor({ timeout: 20_000 });
  const editor = await wb.page.locator('#workbench\\.parts\\.editor').boundingBox();
  assert.ok(editor, 'the editor area is shown');
  // The toolbar, rows and details, narrower than the stats shots: a picture of text past 100 KB otherwise.
  const toolbar = await view.locator('#refresh').boundingBox();
  assert.ok(toolbar, 'the toolbar is shown');
  const top = Math.round(toolbar.y - 8);
  await readmeShot('logs', { x: Math.round(editor.x), y: top, width: Math.round(editor.width), height: Math.min(380, Math.round(editor.y + editor.height - top)) });
  // Back as the next picture expects it: the side bar shown, the full window, no editor open.
  await wb.page.setViewportSize({ width: 1400, height: 900 });
  await wb.runCommand('View: Close All Editors');
  await wb.runCommand('View: Toggle Primary Side Bar Visibility');
  await wb.page.locator('#workbench\\.parts\\.sidebar').waitFor({ state: 'visible' });
});

test('stats: a domain over the last 7 days, in a light and a dark theme', async () => {
  await wb.contextMenu(DEMO_DOMAINS.us.main, 'Show Stats');
  await wb.webview().locator('#counts-table tbody tr').first().waitFor({ timeout: 20_000 });
  await wb.runCommand('View: Toggle Primary Side Bar Visibility');
  await wb.page.locator('#workbench\\.parts\\.sidebar').waitFor({ state: 'hidden' });
  // A smaller window, so the panel lays itself out for the picture's width rather than being cut.
  await wb.page.setViewportSize({ width: 1100, height: 760 });
  const editor = await wb.page.locator('#workbench\\.parts\\.editor').boundingBox();
  assert.ok(editor, 'the editor area is shown');
  const clip = { x: Math.round(editor.x), y: Math.round(editor.y), width: Math.round(editor.width), height: Math.round(editor.height) };
  await wb.webview().locator('#counts-chart[data-theme="vscode-light"]').waitFor();
  // The totals, then the chart: the picture starts at the summary line rather than the panel's controls.
  await wb.webview().locator('#totals').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  // The totals and the Events chart only: the .vsix (README pictures included) must stay under 600 KB.
  await readmeShot('stats-light', { ...clip, height: Math.min(460, clip.height) });
  await wb.runCommand('Preferences: Color Theme');
  const input = wb.page.locator('.quick-input-widget .quick-input-box input[placeholder*="Color Theme"]');
  await input.fill('Dark Modern');
  await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Dark Modern' }).first().waitFor();
  await input.press('Enter');
  await wb.webview().locator('#counts-chart[data-theme="vscode-dark"]').waitFor({ timeout: 15_000 });
  // Only the Events chart in the dark picture, for the same reason.
  await wb.webview().locator('#counts-chart').evaluate((el) => (el.closest('section') ?? el).scrollIntoView({ block: 'start' }));
  await readmeShot('stats-dark', { ...clip, height: Math.min(400, clip.height) });
});
