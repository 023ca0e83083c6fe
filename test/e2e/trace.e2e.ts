// Trace Recipient… driven like a user: from a domain's context menu, an address typed (a wrong one refused in the
// box), where to look picked, and the panel's verdict for an address on the bounce list. Screenshots on the way.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO_DOMAINS } from '../fake-mailgun';
import { workbenchForFile } from './workbench';

/** On the bounce list of the demo's main US domain (test/fake-mailgun/seeds/demo.ts). */
const BOUNCED = 'first.last+promo@gmail.com';

const wb = workbenchForFile();

test('Trace Recipient… on a domain: a bounced address is said to be suppressed, with the bounce and a way to remove it', async () => {
  await wb.expand(/^US/);
  await wb.contextMenu(DEMO_DOMAINS.us.main, 'Trace Recipient…');
  const input = wb.page.locator('.quick-input-widget .quick-input-box input[placeholder="alice@example.com"]');
  await input.waitFor();
  await input.fill('first.last@');
  await wb.page.locator('.quick-input-widget .quick-input-message').filter({ hasText: /\S/ }).waitFor();
  await wb.screenshot('80-trace-address-refused');
  await input.fill(BOUNCED);
  await input.press('Enter');
  const scope = wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Every domain of every region' }).first();
  await scope.waitFor();
  await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: `Only ${DEMO_DOMAINS.us.main}` }).first().waitFor();
  await wb.screenshot('81-trace-scope');
  await scope.click();

  const view = wb.webview();
  const verdict = view.locator('#verdict');
  await verdict.waitFor({ timeout: 60_000 });
  assert.equal(await verdict.getAttribute('class'), 'verdict suppressed');
  assert.match((await verdict.textContent()) ?? '', /^Suppressed: .*bounce/i);
  const section = view.locator('section.domain', { hasText: DEMO_DOMAINS.us.main }).first();
  await section.getByRole('cell', { name: /^552 5\.2\.2 .*out of storage space/ }).waitFor();
  await section.getByRole('button', { name: 'Remove from bounces' }).waitFor();
  await wb.page.getByRole('tab', { name: new RegExp(`Trace: ${BOUNCED.replace(/[.+]/g, '\\$&')}`) }).waitFor();
  await wb.screenshot('82-trace-verdict');
});
