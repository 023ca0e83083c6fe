import * as assert from 'node:assert/strict';
import { DEMO_DOMAINS } from '../fake-mailgun/seeds/names';
import type { TestApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/node';
import { addDemoAccount, child, description, label, removeAllAccounts, startClean } from './helpers';

// What a newcomer reads in the tree says what is true: nothing unchecked reads as failed, one word per state.
suite('Wording of the explorer', () => {
  let api: TestApi;
  let us: TreeNode;

  suiteSetup(async () => {
    ({ api } = await startClean());
    await addDemoAccount();
    us = await child(api, (await api.tree.getChildren())[0], 'US');
  });

  suiteTeardown(async () => {
    await removeAllAccounts(api);
  });

  test('DNS records Mailgun has not checked yet are counted as not checked, not as 0 valid', async () => {
    const records = await child(api, await child(api, us, DEMO_DOMAINS.us.unverified), 'DNS records');
    const rows = await api.tree.getChildren(records);
    assert.match(description(records), new RegExp(`^${rows.length} records, not checked yet — Verify DNS$`));
    const checked = await child(api, await child(api, us, DEMO_DOMAINS.us.newsletter), 'DNS records');
    const checkedRows = await api.tree.getChildren(checked);
    assert.match(description(checked), new RegExp(`^\\d+ of ${checkedRows.length} valid$`));
    assert.notEqual(description(checked), `${checkedRows.length} of ${checkedRows.length} valid`, 'the newsletter domain has an invalid MX record');
  });

  test('the Tracking row uses the words of its rows: click tracking in HTML only is not plain "click"', async () => {
    const tracking = await child(api, await child(api, us, DEMO_DOMAINS.us.main), 'Tracking');
    const click = await child(api, tracking, 'Click tracking');
    assert.equal(description(click), 'HTML only');
    assert.match(description(tracking), /^click \(HTML only\), /);
  });

  test('a legacy webhook name is marked legacy, with its name today in the tooltip', async () => {
    const webhooks = await child(api, await child(api, us, DEMO_DOMAINS.us.disabled), 'Webhooks');
    const events = await api.tree.getChildren(webhooks);
    const bounce = events.find((e) => label(e) === 'bounce');
    assert.ok(bounce, `a "bounce" row among ${events.map(label).join(', ')}`);
    assert.match(description(bounce), /^legacy · 1 URL$/);
    const tooltip = bounce.getTreeItem().tooltip;
    assert.match(typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? ''), /Mailgun calls these events "permanent_fail" today/);
    const delivered = events.find((e) => label(e) === 'delivered');
    assert.ok(delivered);
    assert.equal(description(delivered), '1 URL');
  });
});
