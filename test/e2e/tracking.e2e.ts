// Tracking and HTTPS tracking toggled like a user: inline buttons and context menus on the Tracking rows.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO_DOMAINS } from '../fake-mailgun';
import { client } from '../fake-mailgun/contract/client';
import type { Locator } from 'playwright-core';
import { workbenchForFile } from './workbench';

interface Tracking {
  open: { active: boolean };
  click: { active: boolean | 'htmlonly' };
  web_scheme: string;
}

const wb = workbenchForFile();

/** The domain's tracking as the fake Mailgun holds it. */
async function tracking(region: 'us' | 'eu', domain: string): Promise<Tracking> {
  const res = await client(region === 'us' ? wb.fake.usUrl : wb.fake.euUrl).get(`v3/domains/${domain}/tracking`);
  return res.json<{ tracking: Tracking }>().tracking;
}

/** The row showing `label` under the expanded domain, once its description reads `description`. */
async function settled(label: string, description: string | RegExp): Promise<Locator> {
  const row = wb.treeRow(label).first();
  await row.locator('.label-description', { hasText: description }).waitFor({ timeout: 30_000 });
  return row;
}

async function clickInline(label: string, action: string): Promise<void> {
  await wb.treeQuiet();
  const row = wb.treeRow(label).first();
  await row.hover();
  await row.locator(`.action-label[aria-label^="${action}"]`).click();
}


test('Open tracking turned off with its inline button, and on again from its context menu', async () => {
  const domain = DEMO_DOMAINS.us.main;
  await wb.expand(/^US/);
  await wb.expand(domain);
  await wb.expand(/^Tracking/);
  await settled('Open tracking', 'on, pixel at the top');
  await clickInline('Open tracking', 'Turn Off Tracking');
  await settled('Open tracking', /^off$/);
  assert.equal((await tracking('us', domain)).open.active, false);
  await wb.screenshot('50-open-tracking-off');
  await wb.contextMenu('Open tracking', 'Turn On Tracking');
  await settled('Open tracking', /^on/);
  assert.equal((await tracking('us', domain)).open.active, true);
});

test('Set Click Tracking from the context menu offers On, HTML only and Off', async () => {
  const domain = DEMO_DOMAINS.us.main;
  await settled('Click tracking', 'HTML only');
  await wb.contextMenu('Click tracking', 'Set Click Tracking…');
  const on = wb.page.locator('.quick-input-widget .monaco-list-row', { has: wb.page.locator('.label-name', { hasText: /^On$/ }) });
  await on.waitFor();
  await wb.screenshot('51-set-click-tracking');
  await on.click();
  await settled('Click tracking', /^on$/);
  assert.equal((await tracking('us', domain)).click.active, true);
});

test('HTTPS tracking turned off with its inline button, and on again with an active certificate', async () => {
  const domain = DEMO_DOMAINS.us.main;
  await settled('HTTPS tracking', /^on/);
  await clickInline('HTTPS tracking', 'Turn Off HTTPS Tracking');
  await settled('HTTPS tracking', /^off/);
  assert.equal((await tracking('us', domain)).web_scheme, 'http');
  await wb.screenshot('52-https-tracking-off');
  await wb.contextMenu('HTTPS tracking', 'Turn On HTTPS Tracking');
  await wb.page.locator('.notifications-toasts', { hasText: `Tracked links of ${domain} now use HTTPS.` }).waitFor({ timeout: 30_000 });
  await settled('HTTPS tracking', /^on/);
  assert.equal((await tracking('us', domain)).web_scheme, 'https');
  await wb.page.locator('#workbench\\.parts\\.sidebar .action-label[aria-label^="Collapse All"]').first().click();
});

test('Turning HTTPS on with an expired certificate asks to regenerate it first', async () => {
  const domain = DEMO_DOMAINS.eu.main;
  await wb.expand('Production');
  await wb.expand(/^EU/);
  await wb.expand(domain);
  await wb.expand(/^Tracking/);
  await settled('HTTPS tracking', /^on/);
  await clickInline('HTTPS tracking', 'Turn Off HTTPS Tracking');
  await settled('HTTPS tracking', /^off/);
  assert.equal((await tracking('eu', domain)).web_scheme, 'http');
  await clickInline('HTTPS tracking', 'Turn On HTTPS Tracking');
  const dialog = wb.page.locator('.monaco-dialog-box');
  await dialog.getByText('its certificate has expired').waitFor();
  await wb.screenshot('53-https-regenerate-certificate');
  await dialog.getByRole('button', { name: 'Regenerate and Turn On' }).click();
  await wb.page.locator('.notifications-toasts', { hasText: 'Mailgun is issuing the certificate' }).waitFor({ timeout: 30_000 });
  await settled('HTTPS tracking', /^on/);
  assert.equal((await tracking('eu', domain)).web_scheme, 'https');
  assert.equal(wb.fake.control.requests({ method: 'PUT', region: 'eu', path: `/v2/x509/email.${domain}` }).length, 1, 'one regenerate request');
  await wb.screenshot('54-https-on-certificate-regenerating');
});
