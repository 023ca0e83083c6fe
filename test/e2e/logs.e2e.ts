// The Message Logs panel driven like a user: opened from a domain's context menu, its rows shown, a row's details
// opened with a click. Screenshots on the way (its axe-core scan is in accessibility.e2e.ts).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO_DOMAINS } from '../fake-mailgun';
import { workbenchForFile } from './workbench';

const domain = DEMO_DOMAINS.us.main;

const wb = workbenchForFile();

test('Open Message Logs on a domain shows its events, newest first, and a row\'s details', async () => {
  await wb.expand(/^US/);
  await wb.contextMenu(domain, 'Open Message Logs');
  const view = wb.webview();
  await view.locator('#grid .row').first().waitFor({ timeout: 30_000 });
  assert.match((await view.locator('#title').textContent()) ?? '', new RegExp(domain.replace(/\./g, '\\.')));
  assert.ok((await view.locator('#grid .row').count()) >= 5, 'several rows are shown');
  await wb.screenshot('60-logs-panel');
  await view.locator('#grid .row').nth(1).click();
  await view.locator('#detail:not([hidden])').waitFor();
  await view.locator('#detail-json', { hasText: '"event"' }).waitFor({ timeout: 20_000 });
  assert.match((await view.locator('#detail-json').textContent()) ?? '', /"recipient"/);
  await wb.screenshot('61-logs-detail');
  // Narrowed by the details, the table scrolls sideways to its last column, and its column heads follow.
  const frame = await wb.webviewFrame();
  assert.ok(await frame.evaluate(() => { const g = document.getElementById('grid')!; return g.scrollWidth > g.clientWidth; }), 'the table scrolls sideways');
  await frame.evaluate(() => { document.getElementById('grid')!.scrollLeft = 10_000; });
  await frame.waitForFunction(() => {
    const [grid, head] = [document.getElementById('grid')!, document.getElementById('grid-head-box')!];
    return grid.scrollLeft > 0 && head.scrollLeft === grid.scrollLeft;
  });
  const tagsInView = await frame.evaluate(() => {
    const grid = document.getElementById('grid')!.getBoundingClientRect();
    const tags = document.querySelector('#grid .row .cell:last-child')!.getBoundingClientRect();
    return tags.width > 0 && tags.left >= grid.left && tags.right <= grid.right;
  });
  assert.ok(tagsInView, 'the Tags column is scrolled into view');
});


test("a failed event's details offer its stored message and the recipient's suppressions, both opened outside the panel", async () => {
  const address = 'bounced.e2e@example.com';
  // A few seconds back: the query's end is sent to the second.
  const now = Date.now() - 5_000;
  const key = `${new Date(now).toISOString().replace(/\D/g, '').slice(0, 10)}e2e1`;
  wb.fake.control.putRecords({ domain, list: 'bounces', records: [{ address, code: '550', error: '5.1.1 The email account does not exist.', created_at: new Date(now).toUTCString() }] });
  wb.fake.control.appendEvents({
    domain,
    events: [{ event: 'failed', timestamp: now, recipient: address, subject: 'Your order has shipped', severity: 'permanent', reason: 'suppress-bounce', fields: { storage: { key, url: [`${wb.fake.usUrl}v3/domains/${domain}/messages/${key}`] } } }],
  });
  const view = wb.webview();
  await view.locator('#refresh').click();
  const row = view.locator('#grid .row', { hasText: address }).first();
  await row.waitFor({ timeout: 30_000 });
  await row.click();
  await view.locator('#detail-json', { hasText: address }).waitFor({ timeout: 20_000 });
  const stored = view.locator('#open-stored');
  const suppressions = view.locator('#show-suppressions');
  await stored.waitFor({ state: 'visible' });
  await suppressions.waitFor({ state: 'visible' });
  await wb.screenshot('62-logs-detail-actions');

  await stored.click();
  await wb.page.locator('.tab', { hasText: `.eml` }).first().waitFor({ timeout: 30_000 });
  await wb.page.locator('.view-lines', { hasText: 'Mime-Version: 1.0' }).first().waitFor({ timeout: 20_000 });
  await wb.screenshot('63-logs-stored-message');

  await suppressions.click();
  const escaped = address.replace(/\./g, '\\.');
  // The entry's own row (the lists' rows only name the address in their filter).
  await wb.treeRow(new RegExp(`^${escaped}`)).first().waitFor({ timeout: 30_000 });
  await view.locator('#show-suppressions:not([disabled])').waitFor({ timeout: 30_000 });
  assert.equal(await wb.treeRow(new RegExp(`^(Bounces|Unsubscribes|Complaints)\\s*filter: ${escaped}`)).count(), 3, 'the three lists say they are filtered');
  await wb.treeQuiet();
  await wb.screenshot('64-logs-recipient-suppressions');
});
