// Check DNS Now driven like a user on an unverified domain whose records are not published: the live lookups go to a
// local test DNS server, the notification counts what is missing and the report beside names each record and its fix.
import * as assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_DOMAINS } from '../fake-mailgun';
import { TestDnsServer } from '../fake-dns/server';
import { zoneWith } from '../fake-dns/zones';
import { openWorkbenchWithAccount, type Workbench } from './workbench';

/** Unverified, with no DNS records in place (test/fake-mailgun/seeds/names.ts). */
const domain = DEMO_DOMAINS.us.unconfigured;

let wb: Workbench;
let dns: TestDnsServer;
before(async () => {
  dns = await TestDnsServer.start(zoneWith(domain, {}));
  wb = await openWorkbenchWithAccount({ settings: { 'mailgun.dnsServers': [dns.address] } });
});
after(async () => {
  await wb?.close();
  await dns?.close();
});

test('Check DNS Now on an unverified domain: the missing records counted, and a report with each fix', async () => {
  await wb.expand(/^US/);
  await wb.contextMenu(domain, 'Check DNS Now');
  const summary = new RegExp(`^0 of 3 sending records of ${domain.replace(/\./g, '\\.')} are published correctly, 3 missing \\(looked up with 127\\.0\\.0\\.1:${dns.port}\\)`);
  await wb.page.locator('.notifications-toasts .notification-list-item-message', { hasText: summary }).first().waitFor({ timeout: 60_000 });
  const report = wb.page.locator('.editor-instance .monaco-editor .view-lines').last();
  await report.getByText(`Live DNS check of ${domain}`).waitFor();
  const text = ((await report.textContent()) ?? '').replace(/\u00a0/g, ' '); // the editor renders spaces as no-break spaces
  assert.match(text, /Mailgun asks for:/);
  assert.match(text, /Fix:/);
  await wb.page.getByRole('tab', { name: new RegExp(domain.replace(/\./g, '\\.')) }).first().waitFor();
  await wb.screenshot('90-dns-check-report');
});
