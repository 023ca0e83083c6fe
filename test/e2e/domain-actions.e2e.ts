import * as assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { DEMO_DOMAINS } from '../fake-mailgun';
import { TestDnsServer } from '../fake-dns/server';
import { workbenchForFile } from './workbench';

// Add Domain's live DNS check asks this empty test DNS server, never a real resolver.
let dns: TestDnsServer | undefined;
const settings: Record<string, unknown> = {};
const wb = workbenchForFile({
  settings,
  prepare: async () => {
    dns = await TestDnsServer.start();
    settings['mailgun.dnsServers'] = [dns.address];
  },
});
after(async () => {
  await dns?.close();
});

test('Add Domain from the palette: three steps, then the new domain with its DNS records open', async () => {
  await wb.expand(/^US/);
  await wb.treeRow(DEMO_DOMAINS.us.main).waitFor();
  await wb.runCommand('Mailgun: Add Domain…');
  await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: /^US/ }).first().click(); // the region
  await wb.answerInput('mg.example.com', 'mg.e2e-shop.com');
  const spam = wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Tag spam' });
  await spam.waitFor();
  await wb.screenshot('20-add-domain-spam-step');
  await spam.click();
  await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: '2048-bit DKIM key' }).waitFor();
  await wb.screenshot('21-add-domain-options-step');
  await wb.page.keyboard.press('Enter');
  await wb.treeRow('mg.e2e-shop.com').waitFor();
  await wb.treeRow(/^US/).getByText('7 domains').waitFor();
  await wb.treeRow(/^TXT smtp\._domainkey\.mg\.e2e-shop\.com/).waitFor({ timeout: 30_000 });
  await wb.page.locator('.notifications-toasts', { hasText: 'Copy All Records' }).waitFor();
  await wb.page.locator('.editor-instance .monaco-editor .view-lines', { hasText: new RegExp(`Looked\\s+up\\s+with\\s+${dns!.address.replace(/\./g, '\\.')}`) }).first().waitFor();
  await wb.screenshot('22-add-domain-revealed');
});

test('Delete Domain asks to type the name, then marks the domain as being deleted', async () => {
  await wb.contextMenu(DEMO_DOMAINS.us.newsletter, 'Delete Domain…');
  const input = wb.page.locator(`.quick-input-widget .quick-input-box input[placeholder="${DEMO_DOMAINS.us.newsletter}"]`);
  await input.waitFor();
  await input.fill('news.acme');
  await wb.screenshot('23-delete-domain-type-name');
  await input.fill(DEMO_DOMAINS.us.newsletter);
  wb.fake.control.fault({ method: 'DELETE', path: '/v3/domains/*', delayMs: 3000, times: 1 });
  await input.press('Enter');
  await wb.treeRow(DEMO_DOMAINS.us.newsletter).getByText('Deleting…').waitFor();
  await wb.screenshot('24-domain-deleting');
  const row = wb.treeRow(DEMO_DOMAINS.us.newsletter);
  await row.getByText('being deleted by Mailgun').waitFor({ timeout: 30_000 });
  assert.equal(await row.locator('.action-label').count(), 0, 'no actions on a domain being deleted');
  await wb.screenshot('25-domain-being-deleted');
});
