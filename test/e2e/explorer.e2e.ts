import { test } from 'node:test';
import { DEMO_DOMAINS } from '../fake-mailgun';
import { workbenchForFile } from './workbench';

const wb = workbenchForFile({
  settings: { 'mailgun.pageSize': 100 },
  setUp: (w) => {
    w.fake.control.seedList({ domain: DEMO_DOMAINS.us.newsletter, list: 'bounces', count: 250, prefix: 'reader' });
  },
});

test('an account shows both regions, and a region its domains with state and sandbox badge', async () => {
  await wb.expand(/^US/);
  await wb.treeRow(DEMO_DOMAINS.us.main).waitFor();
  await wb.treeRow(DEMO_DOMAINS.us.sandbox).getByText('sandbox').first().waitFor();
  await wb.treeRow('Account webhooks').first().waitFor();
  await wb.screenshot('04-region-domains');
});

test('a domain shows DNS records, tracking, webhooks and its suppression lists', async () => {
  await wb.expand(DEMO_DOMAINS.us.main);
  for (const name of ['DNS records', 'Tracking', 'Webhooks', 'Bounces', 'Allowlist', 'Unsubscribes', 'Complaints']) await wb.treeRow(name).first().waitFor();
  await wb.expand('DNS records');
  await wb.treeRow(/^TXT /).first().waitFor();
  // The row's count appears once its records have loaded, without a refresh.
  await wb.treeRow('DNS records').first().getByText(/^\d+ of \d+ valid$/).waitFor();
  await wb.expand('Tracking');
  await wb.treeRow('Click tracking').waitFor();
  await wb.expand('Webhooks');
  await wb.page.locator('#workbench\\.parts\\.sidebar .monaco-list-row[aria-level="6"]').first().waitFor();
  await wb.screenshot('05-domain-children');
  await wb.treeRow(DEMO_DOMAINS.us.main).first().click(); // collapse again for the next scenes
});

test('a bounce list loads one page and ends with "Load more…"', async () => {
  await wb.expand(DEMO_DOMAINS.us.newsletter);
  const bounces = wb.treeRow('Bounces').first();
  await bounces.click();
  await wb.treeRow(/^reader0+1@/).first().waitFor();
  await bounces.getByText('100+').waitFor(); // one page of 100 loaded, more to come
  await wb.page.keyboard.press('End'); // the tree is virtual: scroll to its last row
  const more = wb.treeRow('Load more…');
  await more.waitFor();
  await wb.screenshot('06-bounces-load-more');
  await more.click();
  // The next page arrives asynchronously; keep scrolling to the end until its last entry shows.
  const last = wb.treeRow(/^reader0+199@/).first();
  const list = wb.page.locator('#workbench\\.parts\\.sidebar .monaco-list').first();
  for (let i = 0; i < 50 && !(await last.isVisible()); i++) {
    await list.focus(); // End scrolls only a focused list
    await wb.page.keyboard.press('End');
    // Until the next page arrives, wait for the list to render again (at most 2 s) before scrolling once more.
    // No named inner functions: tsx would wrap them in a naming helper the page does not have.
    await list.evaluate(
      (el) =>
        new Promise<void>((resolve) => {
          const observer = new MutationObserver(() => {
            observer.disconnect();
            resolve();
          });
          observer.observe(el, { childList: true, subtree: true, characterData: true });
          setTimeout(() => {
            observer.disconnect();
            resolve();
          }, 2_000);
        }),
    );
  }
  await wb.treeRow('Load more…').getByText('200 loaded').waitFor();
  await last.waitFor();
});

test('a failed load becomes an error node with Retry', async () => {
  wb.fake.control.fault({ method: 'GET', path: '/v4/domains', region: 'eu', status: 503, body: { message: 'Service Unavailable' } });
  await wb.page.locator('#workbench\\.parts\\.sidebar .action-label[aria-label^="Collapse All"]').first().click();
  await wb.expand('Production');
  await wb.expand(/^EU/);
  const error = wb.treeRow(/server error \(503\)/);
  await error.waitFor({ timeout: 30_000 });
  await wb.screenshot('07-error-node');
  wb.fake.control.clearFaults();
  await error.hover();
  await error.locator('.action-label[aria-label="Retry"]').click();
  await wb.treeRow(DEMO_DOMAINS.eu.main).waitFor();
});
