// A new user's first minutes: the walkthrough's steps tick as the real events happen, and the tree is usable from the
// keyboard alone (arrows to a row, Shift+F10 for its context menu, Enter to run an action).
import * as assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_API_KEY, DEMO_DOMAINS } from '../fake-mailgun';
import { openWorkbench, type Workbench } from './workbench';

let wb: Workbench;
before(async () => {
  wb = await openWorkbench();
});
after(async () => {
  await wb?.close();
});

const step = (id: string) => wb.page.locator(`button.getting-started-step[data-step-id$="${id}"]`);

test('the walkthrough opens from the palette and ticks each step on the real event', async () => {
  await wb.runCommand('Welcome: Open Walkthrough...');
  await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Get started with Mailgun' }).first().click();
  await step('addKey').waitFor();
  assert.equal(await step('addKey').getAttribute('aria-checked'), 'false');
  await wb.screenshot('95-walkthrough');

  await step('addKey').click();
  await wb.page.locator('.getting-started-step.expanded a, .getting-started-step.expanded button', { hasText: 'Add API Key' }).first().click();
  await wb.answerInput('Production', 'Production');
  await wb.answerInput('Mailgun API key', DEMO_API_KEY);
  await wb.page.locator('button.getting-started-step[data-step-id$="addKey"][aria-checked="true"]').waitFor();

  await wb.openMailgun();
  await wb.page.locator('button.getting-started-step[data-step-id$="explore"][aria-checked="true"]').waitFor();

  await wb.runCommand('Mailgun: Show Stats');
  await wb.page.keyboard.press('Escape');
  await wb.page.locator('button.getting-started-step[data-step-id$="stats"][aria-checked="true"]').waitFor();
});

test('from the keyboard alone: arrows reach a domain, Shift+F10 opens its menu, Enter runs Copy Domain Name', async () => {
  if ((await wb.treeRow('Production').count()) === 0) {
    // Run alone, without the walkthrough test before it.
    await wb.openMailgun();
    await wb.addDemoAccount('Production');
  }
  await wb.treeQuiet();
  // A click toggles the row, so from here on only keys: Right expands, Down moves.
  const account = wb.treeRow('Production').first();
  await account.click();
  const focused = wb.page.locator('#workbench\\.parts\\.sidebar .monaco-list-row.focused');
  const press = async (key: string) => {
    await wb.page.keyboard.press(key);
    await wb.treeQuiet();
  };
  if ((await account.getAttribute('aria-expanded')) !== 'true') await press('ArrowRight');
  for (let i = 0; i < 20 && !((await focused.textContent()) ?? '').startsWith('US'); i++) await press('ArrowDown');
  assert.match((await focused.textContent()) ?? '', /^US/);
  if ((await focused.getAttribute('aria-expanded')) !== 'true') await press('ArrowRight');
  for (let i = 0; i < 20 && !((await focused.textContent()) ?? '').startsWith(DEMO_DOMAINS.us.main); i++) await press('ArrowDown');
  assert.ok(((await focused.textContent()) ?? '').startsWith(DEMO_DOMAINS.us.main), 'the domain row has the focus');
  await wb.page.keyboard.press('Shift+F10');
  const item = wb.page.locator('.monaco-menu .action-item', { hasText: 'Copy Domain Name' }).first();
  await item.waitFor();
  // Down until the item is the focused one, then Enter.
  for (let i = 0; i < 30 && !(await item.evaluate((el) => el.classList.contains('focused'))); i++) await wb.page.keyboard.press('ArrowDown');
  assert.ok(await item.evaluate((el) => el.classList.contains('focused')), 'Copy Domain Name has the focus in the menu');
  await wb.screenshot('96-keyboard-context-menu');
  await wb.page.keyboard.press('Enter');
  await wb.page.locator('.monaco-menu').waitFor({ state: 'detached' });
  await wb.page.locator('.statusbar, .notifications-toasts', { hasText: DEMO_DOMAINS.us.main }).first().waitFor();
});
