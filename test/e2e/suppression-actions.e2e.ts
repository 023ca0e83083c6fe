import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEMO_DOMAINS } from '../fake-mailgun';
import { until, workbenchForFile } from './workbench';

const domain = DEMO_DOMAINS.us.newsletter;
const wb = workbenchForFile();

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
  // The export is offered as a quick pick first.
  await wb.page.locator('.quick-input-widget .quick-input-box input[placeholder="Keep a copy as a CSV file first?"]').waitFor();
  await wb.screenshot('32-clear-offers-export');
  await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Clear Without Export' }).first().click();
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

/** Answers VS Code's own file dialog (a quick input in the browser) with a full path. */
async function answerFileDialog(path: string): Promise<void> {
  const widget = wb.page.locator('.quick-input-widget');
  const input = widget.locator('.quick-input-box input');
  await input.waitFor();
  // The simple file dialog puts its default path in a moment after it opens, which can replace what was typed:
  // type until the path has stayed for a few looks in a row (they are 50 ms apart).
  let looks = 0;
  await until(async () => {
    if ((await input.inputValue()) !== path) {
      looks = 0;
      await input.fill(path);
    } else if (++looks >= 4) return true;
    return undefined;
  }, `the file dialog to keep ${path}`);
  await input.press('Enter');
  await widget.waitFor({ state: 'hidden' });
}

const bounces = () => wb.fake.control.records({ domain, list: 'bounces' }) as Array<{ address: string }>;

test('Import Suppressions from CSV with a bad row: the problem is shown before anything is sent, then the good rows go', async () => {
  const file = join(wb.server.workspaceDir, 'bounces-import.csv');
  writeFileSync(file, 'address,code,error\ngood1.e2e@example.com,550,Mailbox does not exist\nnot-an-address,550,Bad\ngood2.e2e@example.com,554,Rejected\n');
  await wb.contextMenu(/^Bounces/, 'Import Suppressions from CSV…');
  await answerFileDialog(file);
  const dialog = wb.page.locator('.monaco-dialog-box');
  await dialog.getByText('1 row of bounces-import.csv cannot be imported. Nothing has been sent.').waitFor({ timeout: 30_000 });
  await dialog.getByText(/Line 3/).waitFor();
  assert.equal(wb.fake.control.requests({ method: 'POST', path: `/v3/${domain}/bounces/import` }).length, 0, 'nothing sent while asking');
  await wb.screenshot('35-import-bad-row');
  await dialog.getByRole('button', { name: 'Import the 2 Valid Rows' }).click();
  await wb.page.locator('.notifications-toasts', { hasText: 'Mailgun accepted 2 rows of bounces-import.csv (1 bad row left out)' }).waitFor({ timeout: 30_000 });
  const addresses = bounces().map((b) => b.address);
  assert.ok(addresses.includes('good1.e2e@example.com') && addresses.includes('good2.e2e@example.com'), 'the good rows are on the fake');
  assert.ok(!addresses.includes('not-an-address'), 'the bad row is not');
  await wb.screenshot('36-import-sent');
});

test('Export Suppressions to CSV writes every entry of the list to the file chosen', async () => {
  const file = join(wb.server.workspaceDir, 'bounces-export.csv');
  await wb.contextMenu(/^Bounces/, 'Export Suppressions to CSV…');
  await answerFileDialog(file);
  const expected = bounces().length;
  await wb.page.locator('.notifications-toasts', { hasText: `Exported ${expected} rows of` }).waitFor({ timeout: 30_000 });
  // The file appears under its name once complete (written aside, then renamed).
  await until(() => (existsSync(file) ? true : undefined), 'the exported file');
  const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  assert.equal(lines.length, expected + 1, 'a header and one line per entry');
  assert.match(lines[0], /^address,/);
  assert.ok(lines.some((l) => l.startsWith('good1.e2e@example.com,')));
  await wb.screenshot('37-exported');
});

test('Delete Suppression on an entry\'s row asks, then removes it from Mailgun and the list', async () => {
  await wb.page.locator('#workbench\\.parts\\.sidebar .action-label[aria-label^="Collapse All"]').first().click();
  await wb.expand('Production');
  await wb.expand(/^US/);
  await wb.expand(domain);
  await wb.expand(/^Bounces/);
  await wb.contextMenu('good1.e2e@example.com', 'Delete Suppression…');
  const dialog = wb.page.locator('.monaco-dialog-box');
  await dialog.getByText(/Remove good1\.e2e@example\.com from/).waitFor();
  await wb.screenshot('38-delete-suppression-confirm');
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await wb.treeRow('good1.e2e@example.com').waitFor({ state: 'detached', timeout: 30_000 });
  assert.ok(!bounces().some((b) => b.address === 'good1.e2e@example.com'), 'gone from the fake');
  assert.ok(bounces().some((b) => b.address === 'good2.e2e@example.com'), 'the other entry stays');
  await wb.screenshot('39-suppression-deleted');
});
