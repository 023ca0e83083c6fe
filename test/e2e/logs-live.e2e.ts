// The Message Logs panel's filters, live tail and error state driven like a user, each with its screenshot: a
// recipient typed and applied, events appended to the fake while the tail runs, and Mailgun failing then recovering.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO_DOMAINS } from '../fake-mailgun';
import { workbenchForFile } from './workbench';

const domain = DEMO_DOMAINS.us.main;
const wb = workbenchForFile();

const rows = () => wb.webview().locator('#grid .row');

test('a recipient typed in the filters and applied leaves only that recipient\'s events', async () => {
  wb.fake.control.appendEvents({
    domain,
    events: [
      { event: 'accepted', recipient: 'filter.me@example.com', subject: 'Your receipt' },
      { event: 'delivered', recipient: 'filter.me@example.com', subject: 'Your receipt' },
    ],
  });
  await wb.expand(/^US/);
  await wb.contextMenu(domain, 'Open Message Logs');
  const view = wb.webview();
  await rows().first().waitFor({ timeout: 30_000 });
  assert.ok((await rows().filter({ hasNotText: 'filter.me@example.com' }).count()) > 0, 'other recipients are shown first');

  await view.locator('#recipient input').fill('filter.me@example.com');
  await view.locator('#apply').click();
  await view.locator('#count', { hasText: /^2 events loaded/ }).waitFor({ timeout: 30_000 });
  assert.equal(await rows().count(), 2);
  assert.equal(await rows().filter({ hasText: 'filter.me@example.com' }).count(), 2);
  await wb.screenshot('62-logs-filtered');
});

test('live tail shows events appended to Mailgun while it runs, and stops on request', async () => {
  const view = wb.webview();
  await view.locator('#tail').click();
  await view.locator('#tail-state[data-state="running"]').waitFor({ timeout: 15_000 });
  wb.fake.control.appendEvents({ domain, events: [{ event: 'opened', recipient: 'filter.me@example.com', subject: 'Your receipt' }] });
  await rows().filter({ hasText: 'opened' }).first().waitFor({ timeout: 30_000 });
  assert.equal(await rows().count(), 3, 'the new event is added once, above the two');
  await wb.screenshot('63-logs-live-tail');
  await view.locator('#tail').click();
  await view.locator('#tail-state[data-state="off"]').waitFor({ state: 'attached', timeout: 15_000 });
});

test('a failing Logs API is a sentence with Retry in the panel, and Retry loads once Mailgun is back', async () => {
  const view = wb.webview();
  const fault = wb.fake.control.fault({ method: 'POST', path: '/v1/analytics/logs', status: 400, body: { message: 'Invalid filter: the e2e test refused it' } });
  await view.locator('#refresh').click();
  await view.locator('#error:not([hidden])').waitFor({ timeout: 30_000 });
  assert.match((await view.locator('#error-message').textContent()) ?? '', /the e2e test refused it/);
  await wb.screenshot('64-logs-error');
  wb.fake.control.removeFault(fault);
  await view.locator('#retry').click();
  await view.locator('#error').waitFor({ state: 'hidden', timeout: 30_000 });
  await view.locator('#count', { hasText: /^3 events loaded/ }).waitFor({ timeout: 30_000 });
});
