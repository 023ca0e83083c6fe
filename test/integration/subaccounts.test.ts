import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/node';
import type { LogsPanel } from '../../src/webview/logs/logs-panel';
import type { StatsPanel } from '../../src/webview/panel';
import { DEMO_DOMAINS, DEMO_SUBACCOUNTS } from '../fake-mailgun/seeds/names';
import { fake } from './fake';
import { addDemoAccount, child, contextValue, description, eventually, label, labels, removeAllAccounts, standInForUser, startClean } from './helpers';
import { rowsShown } from './logs-panel';
import { answering, TestUserInput } from './userInput';

const { bakery, cafe } = DEMO_SUBACCOUNTS;
const ON_BEHALF = 'x-mailgun-on-behalf-of';

suite('Subaccounts', () => {
  let api: TestApi;
  let user: ReturnType<typeof standInForUser>;
  const account = async () => (await api.tree.getChildren())[0];
  const subaccounts = async () => child(api, await account(), 'Subaccounts');
  const subaccount = async (name: string) => child(api, await subaccounts(), name);
  /** Expands a node and everything below it that loads without a click (lists, not "Load more…"). */
  const expandAll = async (node: TreeNode, depth: number): Promise<void> => {
    if (depth === 0) return;
    for (const c of await api.tree.getChildren(node)) if (c.getTreeItem().collapsibleState !== vscode.TreeItemCollapsibleState.None) await expandAll(c, depth - 1);
  };

  suiteSetup(async () => {
    ({ api } = await startClean());
    user = standInForUser(api);
    await addDemoAccount('Parent');
  });

  suiteTeardown(async () => {
    user.restore();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeAllAccounts(api);
  });

  setup(async () => {
    await fake.clearRequests();
    user.reset();
  });

  test('a parent account shows its subaccounts, each with its own regions and domains, every request acting for it', async () => {
    assert.deepEqual(await labels(api, await account()), ['US', 'EU', 'Subaccounts']);
    const list = await subaccounts();
    assert.equal(description(list), '2');
    const subs = await api.tree.getChildren(list);
    assert.deepEqual(subs.map(label), [bakery.name, cafe.name]);
    assert.deepEqual(subs.map(description), ['open', 'open']);
    assert.equal(contextValue(subs[0]), 'mailgun.subaccount.open');
    assert.match((subs[0].getTreeItem().tooltip as vscode.MarkdownString).value, new RegExp(bakery.id));

    await fake.clearRequests();
    const bakeryNode = await subaccount(bakery.name);
    assert.deepEqual(await labels(api, bakeryNode), ['US', 'EU']);
    const us = await child(api, bakeryNode, 'US');
    assert.deepEqual(await labels(api, us), [bakery.us, 'Account webhooks', 'Alerts']);
    assert.deepEqual(await labels(api, await child(api, bakeryNode, 'EU')), [bakery.eu, 'Account webhooks', 'Alerts']);
    await expandAll(await child(api, us, bakery.us), 2);
    const bounces = await child(api, await child(api, us, bakery.us), 'Bounces');
    assert.equal((await api.tree.getChildren(bounces)).length, 12);
    const requests = await fake.requests();
    assert.ok(requests.some((r) => r.path === `/v3/${bakery.us}/bounces`) && requests.some((r) => r.path === `/v3/domains/${bakery.us}/webhooks`), requests.map((r) => r.path).join(', '));
    for (const r of requests) assert.equal(r.headers[ON_BEHALF], bakery.id, `${r.method} ${r.path} acts for the subaccount`);

    // The parent's own regions never show a subaccount's domain, and ask without the header.
    await fake.clearRequests();
    const parentUs = await child(api, await account(), 'US');
    const parentDomains = await labels(api, parentUs);
    assert.ok(parentDomains.includes(DEMO_DOMAINS.us.main) && !parentDomains.includes(bakery.us) && !parentDomains.includes(cafe.us));
    for (const r of await fake.requests()) assert.equal(r.headers[ON_BEHALF], undefined, `${r.method} ${r.path}`);
  });

  test('a write on behalf of one subaccount lands only there', async () => {
    const bounces = await child(api, await child(api, await child(api, await subaccount(bakery.name), 'US'), bakery.us), 'Bounces');
    await api.tree.getChildren(bounces);
    assert.equal(await answering(api, ['only.bakery@example.com', '550', 'No such mailbox'], () => vscode.commands.executeCommand('mailgun.addSuppression', bounces)), true);
    const [post] = await fake.requests({ method: 'POST', path: `/v3/${bakery.us}/bounces` });
    assert.equal(post.headers[ON_BEHALF], bakery.id);
    assert.ok((await fake.records({ domain: bakery.us, list: 'bounces', subaccount: bakery.id })).some((r) => r.address === 'only.bakery@example.com'));
    assert.ok(!(await fake.records({ domain: cafe.us, list: 'bounces', subaccount: cafe.id })).some((r) => r.address === 'only.bakery@example.com'));
    for (const d of Object.values(DEMO_DOMAINS.us)) {
      assert.ok(!(await fake.records({ domain: d, list: 'bounces' })).some((r) => r.address === 'only.bakery@example.com'), `not on the parent's ${d}`);
    }
    assert.ok((await labels(api, bounces)).includes('only.bakery@example.com'));
  });

  test('Disable asks to type the name and says what it does; the subtree then shows Mailgun\'s refusal; Enable brings it back', async () => {
    const node = await subaccount(cafe.name);
    const disabled = await answering(api, [cafe.name], () => vscode.commands.executeCommand<{ status: string }>('mailgun.disableSubaccount', node));
    assert.equal(disabled.status, 'disabled');
    assert.match(user.lastSaid().message, /"Corner Cafe" is disabled: its API access is suspended/);
    const after = await eventually(async () => {
      const n = await subaccount(cafe.name);
      return description(n) === 'disabled' ? n : undefined;
    }, 'the subaccount shows as disabled');
    assert.equal(contextValue(after), 'mailgun.subaccount.disabled');
    const [error] = await api.tree.getChildren(await child(api, after, 'US'));
    assert.equal(contextValue(error), 'mailgun.error');
    assert.match(label(error), new RegExp(`Mailgun refused to act for subaccount ${cafe.id} \\(403\\)\\. Mailgun said: "Forbidden"\\. A disabled subaccount has its API access suspended: enable it with "Mailgun: Enable Subaccount"`));
    assert.deepEqual(await labels(api, await account()), ['US', 'EU', 'Subaccounts'], 'the parent account is not marked as rejected');

    const enabled = await vscode.commands.executeCommand<{ status: string }>('mailgun.enableSubaccount', after);
    assert.equal(enabled.status, 'open');
    const reopened = await eventually(async () => {
      const n = await subaccount(cafe.name);
      return description(n) === 'open' ? n : undefined;
    }, 'the subaccount shows as open');
    assert.deepEqual(await labels(api, await child(api, reopened, 'US')), [cafe.us, 'Account webhooks', 'Alerts']);
  });

  test('a wrongly typed name disables nothing', async () => {
    const node = await subaccount(cafe.name);
    await answering(api, ['Corner'], () => vscode.commands.executeCommand('mailgun.disableSubaccount', node));
    assert.equal((await fake.requests({ method: 'POST' })).length, 0);
    assert.match(user.lastSaid().message, /"Corner" is not Corner Cafe, so nothing was changed/);
  });

  test('palette: Create Subaccount asks for the name; the tree shows it', async () => {
    await assert.rejects(answering(api, ['   '], () => vscode.commands.executeCommand('mailgun.createSubaccount')), /Enter a name/);
    const created = await answering(api, ['Delta Dental'], () => vscode.commands.executeCommand<{ id: string; name: string }>('mailgun.createSubaccount'));
    assert.equal(created.name, 'Delta Dental');
    const [post] = await fake.requests({ method: 'POST', path: '/v5/accounts/subaccounts' });
    assert.deepEqual(post.query, { name: 'Delta Dental' });
    await eventually(async () => ((await labels(api, await subaccounts())).includes('Delta Dental') ? true : undefined), 'the new subaccount in the tree');
    assert.equal(description(await subaccounts()), '3');
  });

  test('palette: Disable, then Enable, list only the subaccounts they apply to', async () => {
    await answering(api, [cafe.name, cafe.name], () => vscode.commands.executeCommand('mailgun.disableSubaccount'));
    assert.deepEqual((await fake.requests({ method: 'POST' })).map((r) => r.path), [`/v5/accounts/subaccounts/${cafe.id}/disable`]);
    await fake.clearRequests();
    // Only the disabled one is offered: answering with an open one would fail.
    await assert.rejects(answering(api, [bakery.name], () => vscode.commands.executeCommand('mailgun.enableSubaccount')), /Bluebird Bakery/);
    await answering(api, [cafe.name], () => vscode.commands.executeCommand('mailgun.enableSubaccount'));
    assert.deepEqual((await fake.requests({ method: 'POST' })).map((r) => r.path), [`/v5/accounts/subaccounts/${cafe.id}/enable`]);
  });

  test('palette: Copy Subaccount ID', async () => {
    const id = await answering(api, [bakery.name], () => vscode.commands.executeCommand<string>('mailgun.copySubaccountId'));
    assert.equal(id, bakery.id);
    assert.equal(await vscode.env.clipboard.readText(), bakery.id);
    assert.equal(await vscode.commands.executeCommand<string>('mailgun.copySubaccountId', await subaccount(cafe.name)), cafe.id);
  });

  test('palette: Show Subaccount Stats asks for the subaccount and region; Metrics acts for it', async () => {
    const panel = await answering(api, [bakery.name, 'US'], () => vscode.commands.executeCommand<StatsPanel>('mailgun.showSubaccountStats'));
    assert.deepEqual(panel.target, { accountId: panel.target.accountId, region: 'us', subaccount: { id: bakery.id, name: bakery.name } });
    const metrics = await eventually(async () => (await fake.requests({ path: '/v1/analytics/metrics' }))[0], 'a Metrics request', 30_000);
    assert.equal(metrics.headers[ON_BEHALF], bakery.id);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a parent region\'s stats panel shows every subaccount by the chosen series; its CSV has a row each', async () => {
    const panel = await answering(api, ['US', /^All domains in the/], () => vscode.commands.executeCommand<StatsPanel>('mailgun.showStats'));
    const data = await eventually(() => {
      const d = panel.posted.filter((m) => m.type === 'data').at(-1);
      return d && panel.received.some((m) => m.type === 'rendered' && m.requestId === d.requestId) ? d : undefined;
    }, 'the region\'s stats rendered', 20_000);
    assert.deepEqual(data.data.bySubaccount?.map((r) => r.name), [bakery.name, cafe.name]);
    const asked = (await fake.requests({ path: '/v1/analytics/metrics' })).filter((r) => r.headers[ON_BEHALF] === undefined);
    assert.ok(asked.length >= 4, 'charts and the view by subaccount, as the parent');
    const file = vscode.Uri.file(join(mkdtempSync(join(tmpdir(), 'mailgun-by-sub-')), 'by-subaccount.csv'));
    assert.ok(await panel.exportBySubaccountCsv(file));
    const lines = readFileSync(file.fsPath, 'utf8').trim().split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[1], new RegExp(`^${bakery.name},${bakery.id},\\d+`));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a subaccount\'s own panel has no view by subaccount', async () => {
    const panel = await answering(api, [bakery.name, 'US'], () => vscode.commands.executeCommand<StatsPanel>('mailgun.showSubaccountStats'));
    const data = await eventually(() => panel.posted.filter((m) => m.type === 'data').at(-1), 'the subaccount\'s stats', 20_000);
    assert.equal(data.data.bySubaccount, undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test("Verify Webhook Signature under a subaccount checks with the subaccount's own signing key, and the parent's doesn't verify it", async () => {
    const parentKey = await fake.signingKey();
    const bakeryKey = await fake.signingKey(bakery.id);
    assert.notEqual(bakeryKey, parentKey);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const token = 'b'.repeat(50);
    const signature = createHmac('sha256', bakeryKey).update(timestamp + token).digest('hex');
    const body = JSON.stringify({ signature: { timestamp, token, signature }, 'event-data': { event: 'delivered' } });

    await fake.clearRequests();
    const input = new TestUserInput([body]);
    const bakeryUs = await child(api, await subaccount(bakery.name), 'US');
    const under = await answering(api, input, () => vscode.commands.executeCommand<{ verdict: string }>('mailgun.verifyWebhookSignature', bakeryUs));
    assert.equal(under.verdict, 'valid');
    assert.match(input.asked[0], /signing key of subaccount "Bluebird Bakery" of "Parent"/);
    assert.match(user.lastSaid().message, /^Valid: this "delivered" event was signed with the webhook signing key of subaccount "Bluebird Bakery" \(of "Parent"\), /);
    const [asked] = await fake.requests({ path: '/v5/accounts/http_signing_key' });
    assert.equal(asked.headers[ON_BEHALF], bakery.id);

    const parentNode = await account();
    const parent = await answering(api, [body], () => vscode.commands.executeCommand<{ verdict: string }>('mailgun.verifyWebhookSignature', parentNode));
    assert.equal(parent.verdict, 'invalid');
    assert.match(user.lastSaid().message, /^Invalid: this "delivered" event was not signed with the webhook signing key of "Parent"\./);
  });

  test("Send Test Webhook Event on a subaccount's webhook signs with the subaccount's key and says so", async () => {
    const bodies: string[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        bodies.push(body);
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bakery`;
      const webhooks = await child(api, await child(api, await child(api, await subaccount(bakery.name), 'US'), bakery.us), 'Webhooks');
      await answering(api, [hookUrl, ['opened']], () => vscode.commands.executeCommand('mailgun.addWebhook', webhooks));
      const node = await child(api, await child(api, webhooks, 'opened'), hookUrl);
      const result = await vscode.commands.executeCommand<{ status: number }>('mailgun.sendTestWebhook', node);
      assert.equal(result.status, 200);
      const { signature } = (JSON.parse(bodies[0]) as { signature: { timestamp: string; token: string; signature: string } });
      const hmac = (key: string) => createHmac('sha256', key).update(signature.timestamp + signature.token).digest('hex');
      assert.equal(signature.signature, hmac(await fake.signingKey(bakery.id)));
      assert.notEqual(signature.signature, hmac(await fake.signingKey()));
      assert.match(user.lastSaid().message, /^Test "opened" event to http:\/\/127\.0\.0\.1:\d+\/bakery, signed with the webhook signing key of subaccount "Bluebird Bakery" \(of "Parent"\): 200/);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  test("Open Message Logs on a subaccount's region shows only its events; the parent's region only the parent's own", async () => {
    // Newest of all, so either would head a page that merged the accounts.
    const [bakeryEvent] = await fake.appendEvents(bakery.us, [{ event: 'delivered', recipient: 'crumb@example.com', timestamp: Date.now() - 1000 }], 'us', bakery.id);
    const [parentEvent] = await fake.appendEvents(DEMO_DOMAINS.us.main, [{ event: 'delivered', recipient: 'parent@example.com', timestamp: Date.now() - 2000 }]);

    const bakeryUs = await child(api, await subaccount(bakery.name), 'US');
    const sub = await vscode.commands.executeCommand<LogsPanel>('mailgun.openLogs', bakeryUs);
    const subRows = await rowsShown(sub, "the subaccount's newest events");
    assert.ok(subRows.rows.some((r) => r.id === bakeryEvent), 'its own new event is shown');
    assert.deepEqual([...new Set(subRows.rows.map((r) => r.domain))], [bakery.us]);

    const parentUs = await child(api, await account(), 'US');
    const parent = await vscode.commands.executeCommand<LogsPanel>('mailgun.openLogs', parentUs);
    const parentRows = await rowsShown(parent, "the parent's newest events");
    assert.ok(parentRows.rows.some((r) => r.id === parentEvent), "the parent's new event is shown");
    assert.ok(!parentRows.rows.some((r) => r.id === bakeryEvent || r.domain === bakery.us || r.domain === cafe.us), "no subaccount's events in the parent's region");
    const asked = await fake.requests({ path: '/v1/analytics/logs' });
    assert.deepEqual([...new Set(asked.map((r) => r.headers[ON_BEHALF] ?? 'parent'))].sort(), [bakery.id, 'parent'].sort());
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('palette: Open Subaccount Message Logs asks for the subaccount and region; Logs acts for it', async () => {
    const panel = await answering(api, [bakery.name, 'EU'], () => vscode.commands.executeCommand<LogsPanel>('mailgun.openSubaccountLogs'));
    assert.ok(panel);
    const logs = await eventually(async () => (await fake.requests({ path: '/v1/analytics/logs' }))[0], 'a Logs request', 30_000);
    assert.equal(logs.headers[ON_BEHALF], bakery.id);
    assert.equal(logs.region, 'eu');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
