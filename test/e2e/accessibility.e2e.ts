// The stats and Message Logs panels for keyboard and assistive technology users: an axe-core scan with no serious or critical
// violation in a light and a dark theme, every control labelled, and Tab reaching the controls in reading order.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { DEMO_DOMAINS } from '../fake-mailgun';
import { workbenchForFile } from './workbench';

interface AxeViolation { id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const wb = workbenchForFile({
  setUp: async (w) => {
    await w.expand(/^US/);
    await w.contextMenu(DEMO_DOMAINS.us.main, 'Show Stats');
    await (await w.webviewFrame()).locator('#counts-table tbody tr').first().waitFor({ timeout: 30_000 });
  },
});

/** axe-core's serious and critical findings (run through the debugger protocol, which the panel's CSP does not govern). */
async function seriousViolations(): Promise<string[]> {
  const frame = await wb.webviewFrame();
  await frame.evaluate(`${axeSource}\nvoid 0;`);
  const violations = await frame.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('axe-core finds no serious or critical violation in the stats panel, light theme', async () => {
  assert.deepEqual(await seriousViolations(), []);
});

test('every control of the stats panel has a name a screen reader reads', async () => {
  const frame = await wb.webviewFrame();
  const unnamed = await frame.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('vscode-button, vscode-single-select, vscode-textfield, vscode-checkbox, button, select, input')]
      .filter((el) => el.offsetParent !== null)
      .filter((el) => !(el.getAttribute('aria-label') || el.getAttribute('label') || el.textContent?.trim() || el.getAttribute('title')))
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(unnamed, []);
});

test('Tab walks the controls in reading order: range, resolution, Refresh, Export CSV', async () => {
  const frame = await wb.webviewFrame();
  await frame.locator('#range').focus();
  const order: string[] = [];
  for (let i = 0; i < 4; i++) {
    order.push(await frame.evaluate(() => document.activeElement?.id ?? ''));
    await wb.page.keyboard.press('Tab');
  }
  assert.deepEqual(order, ['range', 'resolution', 'refresh', 'export']);
});

test('axe-core finds no serious or critical violation in a dark theme either', async () => {
  await wb.runCommand('Preferences: Color Theme');
  const input = wb.page.locator('.quick-input-widget .quick-input-box input[placeholder*="Color Theme"]');
  await input.fill('Dark Modern');
  await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Dark Modern' }).first().waitFor();
  await input.press('Enter');
  await (await wb.webviewFrame()).locator('#counts-chart[data-theme="vscode-dark"]').waitFor({ timeout: 15_000 });
  assert.deepEqual(await seriousViolations(), []);
});

test('axe-core finds no serious or critical violation in the Message Logs panel with a detail pane open', async () => {
  await wb.contextMenu(DEMO_DOMAINS.us.main, 'Open Message Logs');
  const logs = wb.webview();
  await logs.locator('#grid .row').first().waitFor({ timeout: 30_000 });
  await logs.locator('#grid .row').first().click();
  await logs.locator('#detail-json', { hasText: '"event"' }).waitFor({ timeout: 20_000 });
  assert.deepEqual(await seriousViolations(), []);
});
