import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { DEMO_API_KEY, DEMO_DOMAINS } from '../fake-mailgun';
import { openWorkbench, type Workbench } from './workbench';

const domain = DEMO_DOMAINS.us.newsletter;
let wb: Workbench;

before(async () => {
  wb = await openWorkbench();
  await wb.openMailgun();
  await wb.runCommand('Mailgun: Add API Key…');
  await wb.answerInput('Production', 'Production');
  await wb.answerInput('Mailgun API key', DEMO_API_KEY);
  await wb.treeRow('Production').waitFor();
});
after(async () => {
  await wb?.close();
});

async function expand(text: string | RegExp): Promise<void> {
  const row = wb.treeRow(text).first();
  await row.waitFor();
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
}

async function contextMenu(row: string | RegExp, entry: string): Promise<void> {
  await wb.treeRow(row).first().click({ button: 'right' });
  const item = wb.page.locator('.monaco-menu .action-item .action-label', { hasText: entry }).first();
  await item.waitFor();
  await item.click();
}

test('Add Suppression from a list\'s context menu: the address is checked as it is typed, then listed', async () => {
  await expand(/^US/);
  await expand(domain);
  await expand(/^Complaints/);
  await contextMenu(/^Complaints/, 'Add Suppression…');
  const input = wb.page.locator('.quick-input-widget .quick-input-box input[placeholder="alice@example.com"]');
  await input.waitFor();
  await input.fill('aaa.e2e@');
  await wb.page.locator('.quick-input-widget', { hasText: 'is not a valid email address' }).waitFor();
  assert.ok(existsSync(await wb.screenshot('30-add-suppression-invalid')));
  await input.fill('aaa.e2e@example.com');
  await input.press('Enter');
  await wb.treeRow('aaa.e2e@example.com').waitFor();
  assert.ok(existsSync(await wb.screenshot('31-suppression-added')));
});

test('Clear Suppression List offers an export, then asks to type the domain name', async () => {
  await contextMenu(/^Complaints/, 'Clear Suppression List…');
  const dialog = wb.page.locator('.monaco-dialog-box');
  await dialog.getByText(`Clear the complaint list of ${domain}?`).waitFor();
  assert.ok(existsSync(await wb.screenshot('32-clear-offers-export')));
  await dialog.getByRole('button', { name: 'Clear Without Export' }).click();
  const input = wb.page.locator(`.quick-input-widget .quick-input-box input[placeholder="${domain}"]`);
  await input.waitFor();
  await input.fill('news');
  assert.ok(existsSync(await wb.screenshot('33-clear-type-name')));
  await input.fill(domain);
  await input.press('Enter');
  await wb.treeRow('No complaints for this domain.').waitFor();
  assert.equal(wb.fake.control.requests({ method: 'DELETE', path: `/v3/${domain}/complaints` }).length, 1);
  assert.ok(existsSync(await wb.screenshot('34-list-cleared')));
});
