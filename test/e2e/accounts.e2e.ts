import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { workbenchForFile } from './workbench';

const wb = workbenchForFile({ withAccount: false });

test('the Mailgun container shows the welcome view when no key is stored', async () => {
  await wb.openMailgun();
  const welcome = wb.page.locator('#workbench\\.parts\\.sidebar .welcome-view-content');
  await welcome.getByText('No API key is stored yet').waitFor();
  await welcome.getByRole('button', { name: 'Add API Key' }).waitFor();
  await wb.screenshot('01-welcome');
});

test('Add API Key from the command palette shows the account with US and EU', async () => {
  await wb.addDemoAccount('Demo account');
  await wb.treeRow(/^US/).waitFor();
  await wb.treeRow(/^EU/).waitFor();
  await wb.screenshot('02-account-with-regions');
});

test('Remove API Key asks first, then brings the welcome view back', async () => {
  await wb.runCommand('Mailgun: Remove API Key');
  const dialog = wb.page.locator('.monaco-dialog-box');
  await dialog.getByText('Remove the API key of "Demo account"').waitFor();
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await wb.page.locator('#workbench\\.parts\\.sidebar .welcome-view-content').getByText('No API key is stored yet').waitFor();
  assert.equal(await wb.treeRow('Demo account').count(), 0);
  await wb.screenshot('03-key-removed');
});
