// Check DNS Now driven like a user on an unverified domain whose records are not published: the live lookups go to a
// local test DNS server, the notification counts what is missing and the report beside names each record and its fix.
import * as assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_DOMAINS } from '../fake-mailgun';
import { TestDnsServer } from '../fake-dns/server';
import { correctRecords, zoneWith } from '../fake-dns/zones';
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

test('Check DNS Now names two usual mistakes at once: two SPF records, and a tracking host behind a proxy', async () => {
  const records = correctRecords(domain);
  records[domain].TXT = [['v=spf1 include:_spf.google.com ~all'], ['v=spf1 include:mailgun.org -all']];
  records[`email.${domain}`] = { A: ['104.16.0.1', '104.16.0.2'] };
  dns.zone = zoneWith(domain, records);
  await wb.contextMenu(domain, 'Check DNS Now');
  const toast = wb.page.locator('.notifications-toasts .notification-list-item-message', { hasText: /with a wrong value/ }).first();
  await toast.waitFor({ timeout: 60_000 });
  assert.match((await toast.textContent()) ?? '', new RegExp(`^\\d of 3 sending records of ${domain.replace(/\./g, '\\.')} are published correctly, .*\\d with a wrong value`));
  // The report is longer than the editor shows (Monaco renders only the visible lines): find each mistake in it.
  const report = wb.page.locator('.editor-instance .monaco-editor').last();
  await report.getByText(`Live DNS check of ${domain}`).waitFor();
  for (const mistake of ['a proxy such as a CDN', 'include:_spf.google.com include:mailgun.org ~all', 'has 2 SPF records']) {
    await report.locator('.view-lines').click();
    await wb.page.keyboard.press('Control+F');
    const find = report.locator('.find-widget textarea, .find-widget input').first();
    await find.fill(mistake);
    await report.locator('.find-widget .matchesCount', { hasText: /^1 of 1$/ }).waitFor({ timeout: 15_000 });
    await wb.page.keyboard.press('Escape');
  }
  await wb.page.keyboard.press('Home');
  await wb.page.keyboard.press('Home'); // the second goes to column 1: scrolled back left
  await wb.screenshot('91-dns-check-two-mistakes');
});
