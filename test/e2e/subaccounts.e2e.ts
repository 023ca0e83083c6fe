// Subaccounts in a real workbench: the parent account's "Subaccounts" with a subaccount's own subtree, and the stats
// panel of a parent region with its view by subaccount.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_SUBACCOUNTS } from '../fake-mailgun';
import { openWorkbenchWithAccount, type Workbench } from './workbench';

const { bakery, cafe } = DEMO_SUBACCOUNTS;
let wb: Workbench;

before(async () => {
  wb = await openWorkbenchWithAccount();
});
after(async () => {
  await wb?.close();
});

test('a parent account shows its subaccounts, each with its own regions and domains', async () => {
  await wb.expand('Subaccounts');
  await wb.treeRow(cafe.name).waitFor();
  await wb.expand(bakery.name);
  await wb.treeQuiet();
  // The parent's regions stay collapsed: the last US row is the subaccount's.
  await wb.treeRow(/^US/).last().click();
  await wb.treeRow(bakery.us).waitFor();
  await wb.treeQuiet();
  await wb.screenshot('subaccounts-tree');
});

test('the stats panel of a parent region shows every subaccount for the chosen series', async () => {
  await wb.runCommand('Mailgun: Show Stats');
  await wb.answerInput('Choose a Mailgun region', 'US');
  await wb.answerInput('Choose a domain, or the whole region', 'All domains');
  const view = wb.page.locator('iframe.webview.ready').last().contentFrame().locator('iframe#active-frame').contentFrame();
  const rows = view.locator('#by-subaccount-table tbody tr');
  await rows.first().waitFor({ timeout: 30_000 });
  assert.equal(await rows.count(), 2);
  await view.locator('#by-subaccount-section').scrollIntoViewIfNeeded();
  await wb.screenshot('subaccounts-stats-by-subaccount');
});
