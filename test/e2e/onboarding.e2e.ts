// From a new key to a sandbox domain that can send: the account confirmed with its domain counts, an authorized
// recipient added from the sandbox domain's list (Mailgun invites it), shown activated once it accepted, and Send Test
// Message offering only that activated recipient.
import * as assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_API_KEY, DEMO_DOMAINS } from '../fake-mailgun';
import { openWorkbenchWithAccount, until, type Workbench } from './workbench';

const sandbox = DEMO_DOMAINS.us.sandbox;
let wb: Workbench;

const toast = (text: string | RegExp) => wb.page.locator('.notifications-toasts .notification-list-item-message', { hasText: text }).first().waitFor({ timeout: 30_000 });

before(async () => {
  wb = await openWorkbenchWithAccount();
});
after(async () => {
  await wb?.close();
});

test('Add API Key confirms the account with the domains found in each region', async () => {
  await wb.runCommand('Mailgun: Add API Key…');
  await wb.answerInput('Production', 'Staging');
  await wb.answerInput('Mailgun API key', DEMO_API_KEY);
  await toast(/^Added Staging: \d+ domains in US, \d+ in EU\.$/);
  await wb.treeRow('Staging').first().waitFor();
  await wb.screenshot('94-account-added');
  await wb.runCommand('Mailgun: Remove API Key');
  await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Staging' }).first().click();
  await wb.page.locator('.monaco-dialog-box').getByRole('button', { name: 'Remove' }).click();
  await wb.treeRow('Staging').first().waitFor({ state: 'detached' });
  await wb.runCommand('Notifications: Clear All Notifications');
});

test('Add Authorized Recipient on a sandbox domain: Mailgun invites the address, and the list shows it invited, then activated', async () => {
  await wb.expand(/^US/);
  await wb.expand(sandbox);
  await wb.treeRow(/^Authorized recipients/).first().waitFor();
  await wb.contextMenu(/^Authorized recipients/, 'Add Authorized Recipient…');
  const input = wb.page.locator('.quick-input-widget .quick-input-box input[placeholder="you@example.com"]');
  await input.waitFor();
  await input.fill('ana@example');
  await wb.page.locator('.quick-input-widget', { hasText: 'is not a valid email address' }).waitFor();
  await input.fill('ana@example.com');
  await input.press('Enter');
  await toast('Mailgun emailed an invitation to ana@example.com.');
  const stored = await until(() => wb.fake.control.world.sandboxRecipients?.get('ana@example.com'), 'the fake to hold ana');
  assert.equal(stored.activated, false);
  await wb.expand(/^Authorized recipients/);
  await wb.treeRow('ana@example.com').filter({ hasText: 'invited, not accepted yet' }).first().waitFor();

  // Ana accepts Mailgun's invitation; Bob is invited and has not yet.
  stored.activated = true;
  wb.fake.control.putSandboxRecipient({ email: 'bob@example.com', activated: false });
  await wb.treeQuiet();
  const list = wb.treeRow(/^Authorized recipients/).first();
  await list.hover();
  await list.locator('.action-label[aria-label^="Refresh"]').click();
  await wb.treeRow('ana@example.com').filter({ hasText: 'activated' }).first().waitFor();
  await wb.treeRow('bob@example.com').first().waitFor();
  await wb.treeRow(/^Authorized recipients/).filter({ hasText: '2 of 5 · 1 activated' }).first().waitFor();
  await wb.treeQuiet();
  await wb.screenshot('95-sandbox-authorized-recipients');
});

test('Send Test Message on the sandbox domain offers only its activated recipient', async () => {
  await wb.contextMenu(sandbox, 'Send Test Message…');
  const sender = wb.page.locator('.quick-input-widget .quick-input-box input');
  await wb.page.locator('.quick-input-widget', { hasText: `The sender's name before @${sandbox}` }).waitFor();
  await sender.press('Enter');
  const rows = wb.page.locator('.quick-input-widget .monaco-list-row');
  await rows.filter({ hasText: 'ana@example.com' }).first().waitFor();
  assert.equal(await rows.filter({ hasText: 'bob@example.com' }).count(), 0, 'an invited recipient is not offered');
  await wb.screenshot('96-sandbox-send-recipients');
  await wb.page.keyboard.press('Escape');
});
