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
});

