// Send Test Message driven like a user on a domain that can send: every step of the form answered, Mailgun's message
// id in the notification, and "Watch Events" opening the Logs panel on that message, where its events arrive live.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO_DOMAINS } from '../fake-mailgun';
import { workbenchForFile } from './workbench';

const domain = DEMO_DOMAINS.us.main;
const wb = workbenchForFile();

/** Waits for the quick input asking `prompt`, types `text` if given (else keeps its value), and presses Enter. */
async function answer(prompt: string, text?: string): Promise<void> {
  const widget = wb.page.locator('.quick-input-widget', { hasText: prompt });
  await widget.waitFor();
  const input = widget.locator('.quick-input-box input');
  if (text !== undefined) await input.fill(text);
  await input.press('Enter');
}

test('Send Test Message in test mode, then Watch Events shows the message\'s events arriving in the Logs panel', async () => {
  await wb.expand(/^US/);
  await wb.contextMenu(domain, 'Send Test Message…');
  await answer(`The sender's name before @${domain}`, 'e2e');
  await answer('Recipients, separated by commas', 'watch.me@example.com');
  await answer('Subject', 'Hello from the e2e test');
  await answer('The text of the message');
  await answer('Tags, separated by commas');
  await wb.screenshot('97-send-test-message');
  await wb.pickRow('Test mode').click();

  const toast = wb.page.locator('.notifications-toasts .notification-list-item', { hasText: /Mailgun queued the message from .* in test mode/ }).first();
  await toast.waitFor({ timeout: 30_000 });
  const messageId = /Message ID: (\S+)/.exec((await toast.locator('.notification-list-item-message').textContent()) ?? '')?.[1];
  assert.ok(messageId, 'the notification shows Mailgun\'s message id');
  await toast.getByRole('button', { name: 'Watch Events' }).click();

  const view = wb.webview();
  await view.locator('#tail-state[data-state="running"]').waitFor({ timeout: 30_000 });
  assert.equal(await view.locator('#message-id input').inputValue(), messageId.replace(/^<|>$/g, ''));
  const rows = view.locator('#grid .row');
  await rows.filter({ hasText: 'accepted' }).first().waitFor({ timeout: 60_000 });
  await rows.filter({ hasText: 'delivered' }).first().waitFor({ timeout: 60_000 });
  assert.equal(await rows.filter({ hasNotText: 'watch.me@example.com' }).count(), 0, 'only this message\'s events are shown');
  await wb.screenshot('98-send-events-arriving');
});
