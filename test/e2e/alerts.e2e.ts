// Send alerts driven like a user: the Alerts node of a region expanded, Add Alert… answered step by step in its
// multi-step input, and the stats panel drawing the alerts' thresholds. Screenshots on the way.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO_DOMAINS } from '../fake-mailgun';
import { workbenchForFile } from './workbench';

const wb = workbenchForFile();

test('the Alerts node under a region lists the region\'s send alerts', async () => {
  await wb.expand(/^US/);
  await wb.expand(/^Alerts/);
  await wb.treeRow('complaint rate').first().waitFor();
  await wb.treeRow('delivery rate').first().waitFor();
  await wb.screenshot('70-alerts-node');
});

test('Add Alert… on the Alerts node: name, metric, comparator, limit, period, dimension, filters, channels', async () => {
  await wb.contextMenu(/^Alerts/, 'Add Alert…');
  await wb.answerInput('e.g. hard bounce rate', 'e2e delivery rate');
  await wb.pickRow('Delivery rate').waitFor();
  await wb.screenshot('71-add-alert-metric');
  await wb.pickRow('Delivery rate').click();
  await wb.pickRow(/^<(?!=)/).click();
  const limit = wb.page.locator('.quick-input-widget .quick-input-box input[placeholder="e.g. 2 for 2 %, 0.1 for 0.1 %"]');
  await limit.waitFor();
  await limit.fill('250');
  await wb.page.locator('.quick-input-widget .quick-input-message').filter({ hasText: /\S/ }).waitFor();
  await wb.screenshot('72-add-alert-limit-refused');
  await limit.fill('98');
  await limit.press('Enter');
  await wb.answerInput('1h or 1d', '1d');
  await wb.pickRow('Sender domain').click();
  await wb.answerInput('e.g. domain = mg.example.com; recipient_provider contains Gmail', `domain = ${DEMO_DOMAINS.us.main}`);
  await wb.pickRow(/^email/).waitFor();
  await wb.page.locator('.quick-input-widget .monaco-button', { hasText: /^OK$/ }).click();
  await wb.page.locator('.notifications-toasts', { hasText: 'e2e delivery rate' }).first().waitFor({ timeout: 30_000 });
  const saved = wb.fake.control.world.us.alerts.get('e2e delivery rate');
  assert.ok(saved, 'the fake Mailgun holds the new alert');
  assert.equal(saved.metric, 'delivered_rate');
  assert.equal(saved.comparator, '<');
  assert.equal(saved.limit, '0.98', 'a limit of 98 % is sent as the fraction 0.98');
  assert.equal(saved.period, '1d');
  await wb.treeRow('e2e delivery rate').first().waitFor();
  await wb.screenshot('73-alert-added');
});

test('the stats panel of a domain draws its alerts as threshold lines and says whether they were crossed', async () => {
  await wb.contextMenu(DEMO_DOMAINS.us.main, 'Show Stats');
  const view = wb.webview();
  await view.locator('#counts-table tbody tr').first().waitFor({ timeout: 30_000 });
  const thresholds = view.locator('#totals dt', { hasText: /^alert: / });
  await thresholds.first().waitFor();
  const labels = await thresholds.allTextContents();
  assert.ok(labels.some((l) => /complaint rate/i.test(l)), `the complaint rate alert is shown: ${labels.join(' | ')}`);
  assert.ok(labels.some((l) => /delivery rate < 98 % over 1 d/.test(l)), `the new alert is shown: ${labels.join(' | ')}`);
  await wb.runCommand('View: Toggle Primary Side Bar Visibility');
  await wb.page.locator('#workbench\\.parts\\.sidebar').waitFor({ state: 'hidden' });
  await view.locator('#rates-chart, #counts-chart').last().evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await wb.screenshot('74-stats-threshold-lines');
});
