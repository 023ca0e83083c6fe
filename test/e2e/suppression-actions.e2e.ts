import * as assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_DOMAINS } from '../fake-mailgun';
import { openWorkbenchWithAccount, type Workbench } from './workbench';

const domain = DEMO_DOMAINS.us.newsletter;
let wb: Workbench;

before(async () => {
  wb = await openWorkbenchWithAccount();
});
after(async () => {
  await wb?.close();
});

test('Add Suppression from a list\'s context menu: the address is checked as it is typed, then listed', async () => {
  await wb.expand(/^US/);
  await wb.expand(domain);
  await wb.expand(/^Complaints/);
  await wb.contextMenu(/^Complaints/, 'Add Suppression…');
  const input = wb.page.locator('.quick-input-widget .quick-input-box input[placeholder="alice@example.com"]');
  await input.waitFor();
  await input.fill('aaa.e2e@');
  await wb.page.locator('.quick-input-widget', { hasText: 'is not a valid email address' }).waitFor();
  await wb.screenshot('30-add-suppression-invalid');
  await input.fill('aaa.e2e@example.com');
  await input.press('Enter');
  await wb.treeRow('aaa.e2e@example.com').waitFor();
  await wb.screenshot('31-suppression-added');
});

test('Clear Suppression List offers an export, then asks to type the domain name', async () => {
  await wb.contextMenu(/^Complaints/, 'Clear Suppression List…');
  const dialog = wb.page.locator('.monaco-dialog-box');
  await dialog.getByText(`Clear the complaint list of ${domain}?`).waitFor();
  await wb.screenshot('32-clear-offers-export');
  await dialog.getByRole('button', { name: 'Clear Without Export' }).click();
  const input = wb.page.locator(`.quick-input-widget .quick-input-box input[placeholder="${domain}"]`);
  await input.waitFor();
  await input.fill('news');
  await wb.screenshot('33-clear-type-name');
  await input.fill(domain);
  await input.press('Enter');
  await wb.treeRow('No complaints for this domain.').waitFor();
  assert.equal(wb.fake.control.requests({ method: 'DELETE', path: `/v3/${domain}/complaints` }).length, 1);
  await wb.screenshot('34-list-cleared');
});
