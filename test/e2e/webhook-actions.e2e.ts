// Domain and account webhooks driven like a user: context menus, the URL input box, the event-type multi-select,
// the delete-scope pick and the confirm dialog; a test event to a local receiver, and its signature checked.
import * as assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { DEMO_DOMAINS } from '../fake-mailgun';
import { client } from '../fake-mailgun/contract/client';
import { openWorkbenchWithAccount, until, type Workbench } from './workbench';

const domain = DEMO_DOMAINS.us.main;
let wb: Workbench;
let receiver: Server;
let hookUrl: string;
const received: string[] = [];

/** The domain's webhooks as the fake Mailgun holds them: event type → URLs. */
async function domainHooks(): Promise<Record<string, string[]>> {
  const res = await client(wb.fake.usUrl).get(`v3/domains/${domain}/webhooks`);
  const { webhooks } = res.json<{ webhooks: Record<string, { urls: string[] }> }>();
  return Object.fromEntries(Object.entries(webhooks).map(([type, { urls }]) => [type, urls]));
}

/** The event types the fake Mailgun posts to `url` for the domain. */
async function typesOf(url: string): Promise<string[]> {
  return Object.entries(await domainHooks())
    .filter(([, urls]) => urls.includes(url))
    .map(([type]) => type)
    .sort();
}

async function accountHooks(): Promise<Array<{ url: string; event_types: string[]; description?: string }>> {
  return (await client(wb.fake.usUrl).get('v1/webhooks')).json<{ webhooks: Array<{ url: string; event_types: string[]; description?: string }> }>().webhooks;
}

/** Waits for a notification toast that contains `text`. */
async function toast(text: string | RegExp): Promise<void> {
  await wb.page.locator('.notifications-toasts', { hasText: text }).first().waitFor({ timeout: 30_000 });
}

/** The sentence after a webhook change; the event types are listed in the picker's order, checked on the fake. */
const posts = (url: string): RegExp => new RegExp(`now posts [a-z_, ]+ events to ${url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\.`);

/** In the open multi-select quick pick, checks or unchecks the event type rows until exactly `wanted` are checked. */
async function pickEventTypes(wanted: string[]): Promise<void> {
  const rows = wb.page.locator('.quick-input-widget .monaco-list-row');
  await rows.first().waitFor();
  for (const type of ['accepted', 'delivered', 'opened', 'clicked', 'unsubscribed', 'complained', 'permanent_fail', 'temporary_fail']) {
    const row = rows.filter({ hasText: new RegExp(`^${type}`) }).first();
    const want = String(wanted.includes(type));
    if ((await row.getAttribute('aria-checked')) !== want) await row.click();
    await row.and(wb.page.locator(`[aria-checked="${want}"]`)).waitFor();
  }
}

/** Accepts the open multi-select quick pick with its OK button. */
async function accept(): Promise<void> {
  await wb.page.locator('.quick-input-widget .monaco-button', { hasText: /^OK$/ }).click();
}

before(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push(body);
      res.end('ok, got it');
    });
  });
  receiver.listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/mailgun`;
  wb = await openWorkbenchWithAccount();
});
after(async () => {
  await wb?.close();
  receiver.closeAllConnections();
  receiver.close();
});

test('Add Webhook on a domain\'s Webhooks row: the URL, then several event types', async () => {
  await wb.expand(/^US/);
  await wb.expand(domain);
  await wb.contextMenu(/^Webhooks/, 'Add Webhook…');
  const input = wb.page.locator('.quick-input-widget .quick-input-box input[placeholder="https://example.com/mailgun/events"]');
  await input.waitFor();
  await input.fill('ftp://example.com/hook');
  await wb.page.locator('.quick-input-widget', { hasText: 'must start with https:// or http://' }).waitFor();
  await input.fill(hookUrl);
  await input.press('Enter');
  await pickEventTypes(['delivered', 'opened']);
  await wb.screenshot('40-add-webhook-event-types');
  await accept();
  await toast(posts(hookUrl));
  assert.deepEqual(await typesOf(hookUrl), ['delivered', 'opened']);
  await wb.expand(/^Webhooks/);
  await wb.expand(/^delivered/);
  await wb.treeRow(hookUrl).first().waitFor();
  await wb.screenshot('41-webhook-added');
});

test('Edit Webhook Events on a URL row: one event type off, another on', async () => {
  await wb.contextMenu(hookUrl, 'Edit Webhook Events…');
  await pickEventTypes(['delivered', 'clicked']);
  await wb.screenshot('42-edit-webhook-events');
  await accept();
  await toast(posts(hookUrl));
  // The Add test's toast says the same words: wait for the fake's state, not only for a toast.
  await until(async () => (JSON.stringify(await typesOf(hookUrl)) === JSON.stringify(['clicked', 'delivered']) ? true : undefined), 'the edited event types on the fake');
});

test('Delete Webhook on a URL row under one event type: only from that event type, after confirming', async () => {
  // Expanded rows stay expanded across reloads: the URL's first row would be the one under "clicked" (listed first),
  // whose scope pick offers "Only from clicked". Collapse it so the row right-clicked is the one under "delivered".
  const clicked = wb.treeRow(/^clicked/).first();
  if ((await clicked.getAttribute('aria-expanded')) === 'true') await clicked.click();
  await wb.contextMenu(hookUrl, 'Delete Webhook…');
  const only = wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Only from delivered' });
  await only.waitFor();
  await wb.screenshot('43-delete-webhook-scope');
  await only.click();
  const dialog = wb.page.locator('.monaco-dialog-box');
  await dialog.getByText(`Stop posting "delivered" events of ${domain} to ${hookUrl}?`).waitFor();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await toast(`Deleted the webhook ${hookUrl} from delivered`);
  assert.deepEqual(await typesOf(hookUrl), ['clicked'], 'the URL keeps clicked');
  assert.deepEqual((await domainHooks()).delivered, ['https://hooks.acme-demo.com/mailgun/delivered'], 'the other URL of delivered stays');
  await wb.screenshot('44-webhook-deleted-from-one-type');
});

test('Send Test Webhook Event posts a signed sample to the URL, and Verify Webhook Signature says it is valid', async () => {
  const delivered = wb.treeRow(/^delivered/).first();
  if ((await delivered.getAttribute('aria-expanded')) === 'true') await delivered.click(); // its row of the URL would come first
  await wb.expand(/^clicked/);
  const row = wb.treeRow(hookUrl).first();
  await row.waitFor();
  await row.hover();
  await row.locator('.action-label[aria-label^="Send Test Webhook Event"]').click();
  await toast(/Test "clicked" event to .*: 200/);
  assert.equal(received.length, 1, 'the receiver got one request');
  const payload = JSON.parse(received[0]) as { 'event-data': { event: string } };
  assert.equal(payload['event-data'].event, 'clicked');
  await wb.screenshot('45-test-event-sent');

  await wb.contextMenu('Production', 'Verify Webhook Signature…');
  const input = wb.page.locator('.quick-input-widget .quick-input-box input').first();
  await wb.page.locator('.quick-input-widget', { hasText: 'Verify Webhook Signature' }).waitFor();
  await input.fill('not a signature');
  await wb.page.locator('.quick-input-widget .quick-input-message').filter({ hasText: /\S/ }).waitFor();
  await input.fill(received[0]);
  await input.press('Enter');
  await toast('Valid: this "clicked" event was signed with the webhook signing key of "Production"');
  await wb.screenshot('46-signature-valid');
});

test('Add Account Webhook on the region\'s Account webhooks row, then Delete Account Webhook', async () => {
  const url = 'https://alerts.e2e.example.com/mailgun';
  await wb.contextMenu(/^Account webhooks/, 'Add Account Webhook…');
  await wb.answerInput('https://example.com/mailgun/events', url);
  await pickEventTypes(['complained', 'unsubscribed']);
  await accept();
  await wb.answerInput('e.g. Production alerts', 'E2E alerts');
  await toast(posts(url));
  const added = (await accountHooks()).find((h) => h.url === url);
  assert.ok(added, 'the fake holds the new account webhook');
  assert.deepEqual([...added.event_types].sort(), ['complained', 'unsubscribed']);
  assert.equal(added.description, 'E2E alerts');
  await wb.expand(/^Account webhooks/);
  await wb.treeRow(url).getByText('E2E alerts').waitFor();
  await wb.screenshot('47-account-webhook-added');

  await wb.contextMenu(url, 'Delete Account Webhook…');
  const dialog = wb.page.locator('.monaco-dialog-box');
  await dialog.getByText(`Delete the account webhook ${url}?`).waitFor();
  await wb.screenshot('48-delete-account-webhook-confirm');
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await toast(`Deleted the account webhook ${url}.`);
  assert.equal((await accountHooks()).find((h) => h.url === url), undefined, 'the fake no longer holds it');
  await wb.treeRow(url).waitFor({ state: 'detached' });
  await wb.screenshot('49-account-webhook-deleted');
});
