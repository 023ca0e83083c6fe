import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import type { StatsPanel } from '../../src/webview/panel';
import type { HostMessage } from '../../src/webview/protocol';
import { DEMO_DOMAINS } from '../fake-mailgun/seeds/names';
import { fake } from './fake';
import { addDemoAccount, child, contextValue, description, eventually, label, labels, removeAllAccounts, standInForUser, startClean } from './helpers';

const ALERTS = '/v1/thresholds/alerts/send';
const main = DEMO_DOMAINS.us.main;

suite('Alerts', () => {
  let api: TestApi;
  let accountId: string;
  let user: ReturnType<typeof standInForUser>;
  const alertsOf = async (region: 'US' | 'EU') => child(api, await child(api, (await api.tree.getChildren())[0], region), 'Alerts');

  suiteSetup(async () => {
    ({ api } = await startClean());
    user = standInForUser(api);
    accountId = await addDemoAccount('Alerts demo');
  });

  suiteTeardown(async () => {
    user.restore();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeAllAccounts(api);
  });

  setup(async () => {
    await fake.clearRequests();
    user.answer = () => true;
  });

  test('the Alerts node shows the count, one line per alert, and Recent hits', async () => {
    const alerts = await alertsOf('US');
    const children = await api.tree.getChildren(alerts);
    assert.equal(description(alerts), '2');
    assert.deepEqual(children.map(label), ['complaint rate > 0.1 % over 1 d → email', 'delivery rate < 95 % over 1 h → email, webhook', 'Recent hits']);
    assert.equal(contextValue(children[0]), 'mailgun.alert');
    assert.deepEqual((await fake.requests({ path: '/v1/thresholds/**' })).map((r) => `${r.method} ${r.path}`).sort(), ['GET /v1/thresholds/alerts/send', 'GET /v1/thresholds/hits'], 'one load reads the alerts and their hits');
    assert.equal(description(await alertsOf('EU')), '');
    assert.deepEqual(await labels(api, await alertsOf('EU')), ['No send alerts in the EU region.', 'Recent hits']);
  });

  test('Add Alert sends the limit as a fraction and the list reloads; bad input is refused before any request', async () => {
    const alerts = await alertsOf('US');
    await vscode.commands.executeCommand('mailgun.addAlert', alerts, { name: 'too many', metric: 'hard_bounce_rate', comparator: '>', limit: '150', period: '1h', dimension: 'domain', channels: ['email'] });
    assert.equal((await fake.requests({ method: 'POST' })).length, 0, 'no request for a rate above 100 %');
    assert.match(user.lastSaid().message, /above 100 %/);
    await vscode.commands.executeCommand('mailgun.addAlert', alerts, { name: 'x', metric: 'hard_bounce_rate', comparator: '>', limit: '2', period: '1 week', dimension: 'domain' });
    assert.match(user.lastSaid().message, /not a period/);
    assert.equal((await fake.requests({ method: 'POST' })).length, 0);

    const name = await vscode.commands.executeCommand<string>('mailgun.addAlert', alerts, {
      name: 'main hard bounces', metric: 'hard_bounce_rate', comparator: '>', limit: '2', period: '1h', dimension: 'domain', filters: [`domain = ${main}`], channels: ['email', 'webhook'],
    });
    assert.equal(name, 'main hard bounces');
    assert.equal((await fake.requests({ method: 'POST', path: ALERTS })).length, 1);
    const node = await child(api, alerts, 'hard bounce rate > 2 % over 1 h → email, webhook');
    assert.equal(description(node), 'main hard bounces');
    const copied = await vscode.commands.executeCommand<string>('mailgun.copyAlertJson', node);
    assert.equal((JSON.parse(copied) as { limit: string }).limit, '0.02');
    assert.equal(await vscode.env.clipboard.readText(), copied);
  });

  test('a provoked hit appears under Recent hits with the observed value, and the alert turns to a warning', async () => {
    await fake.addEvents({ domain: main, time: Date.now(), counts: { hard_bounce: 100_000 } });
    const alerts = await alertsOf('US');
    await vscode.commands.executeCommand('mailgun.refresh', alerts);
    const hits = await child(api, alerts, 'Recent hits');
    const hit = (await api.tree.getChildren(hits)).find((n) => label(n).startsWith('main hard bounces: '));
    assert.ok(hit, 'the hit is listed');
    assert.match(label(hit), new RegExp(`main hard bounces: \\d+(\\.\\d+)? % on ${main.replace(/\./g, '\\.')}`));
    const alert = await child(api, alerts, /^hard bounce rate > 2 %/);
    assert.equal((alert.getTreeItem().iconPath as vscode.ThemeIcon).id, 'warning');
  });

  test('Edit Alert replaces it (PUT to the path-escaped name); Delete asks first', async () => {
    const alerts = await alertsOf('US');
    const node = await child(api, alerts, /^hard bounce rate > 2 %/);
    assert.equal(await vscode.commands.executeCommand('mailgun.editAlert', node, { name: 'main hard bounces', metric: 'hard_bounce_rate', comparator: '>=', limit: '5', period: '1d', dimension: 'domain', channels: ['slack'] }), true);
    assert.equal((await fake.requests({ method: 'PUT', path: `${ALERTS}/main%20hard%20bounces` })).length, 1);
    const edited = await child(api, alerts, 'hard bounce rate >= 5 % over 1 d → slack');
    user.answer = () => false;
    assert.equal(await vscode.commands.executeCommand('mailgun.deleteAlert', edited), false);
    assert.equal((await fake.requests({ method: 'DELETE' })).length, 0);
    user.answer = () => true;
    assert.equal(await vscode.commands.executeCommand('mailgun.deleteAlert', edited), true);
    assert.deepEqual((await fake.requests({ method: 'DELETE' })).map((r) => `${r.region} ${r.path}`), [`us ${ALERTS}/main%20hard%20bounces`]);
    assert.ok(!(await labels(api, alerts)).some((l) => l.startsWith('hard bounce rate')));
  });

  test("the complaint-rate alert reaches the stats panel's data message as a threshold in percent", async () => {
    const panel = await vscode.commands.executeCommand<StatsPanel>('mailgun.showStats', { account: api.accounts.get(accountId), region: 'us', domainName: main });
    const data = await eventually(() => panel.posted.filter((m): m is Extract<HostMessage, { type: 'data' }> => m.type === 'data').at(-1), 'the data message', 20_000);
    assert.deepEqual(
      data.data.thresholds?.map((t) => [t.key, t.comparator, t.value, t.label]),
      [['complainedRate', '>', 0.1, 'alert: complaint rate > 0.1 % over 1 d'], ['deliveredRate', '<', 95, 'alert: delivery rate < 95 % over 1 h']],
    );
  });
});
