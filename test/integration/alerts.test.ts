import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import type { StatsPanel } from '../../src/webview/panel';
import type { HostMessage } from '../../src/webview/protocol';
import { BACK } from '../../src/ui/input';
import { DEMO_DOMAINS } from '../fake-mailgun/seeds/names';
import { fake } from './fake';
import { addDemoAccount, child, contextValue, description, eventually, label, labels, removeAllAccounts, standInForUser, startClean } from './helpers';
import { answering, CANCEL, TestUserInput } from './userInput';

const ALERTS = '/v1/thresholds/alerts/send';
const main = DEMO_DOMAINS.us.main;

suite('Alerts', () => {
  let api: TestApi;
  let user: ReturnType<typeof standInForUser>;
  const alertsOf = async (region: 'US' | 'EU') => child(api, await child(api, (await api.tree.getChildren())[0], region), 'Alerts');

  suiteSetup(async () => {
    ({ api } = await startClean());
    user = standInForUser(api);
    await addDemoAccount('Alerts demo');
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

  test('Add Alert sends the limit as a fraction and the list reloads; bad input is refused in its box before any request', async () => {
    const alerts = await alertsOf('US');
    await assert.rejects(answering(api, ['too many', 'Hard bounce rate', '>', '150'], () => vscode.commands.executeCommand('mailgun.addAlert', alerts)), /above 100 %/);
    await assert.rejects(answering(api, ['x', 'Hard bounce rate', '>', '2', '1 week'], () => vscode.commands.executeCommand('mailgun.addAlert', alerts)), /not a period/);
    assert.equal((await fake.requests({ method: 'POST' })).length, 0, 'no request for refused input');

    // Back from the comparator returns to the metric, which shows the one picked before.
    const steps = new TestUserInput(['main hard bounces', 'Delivery rate', BACK, 'Hard bounce rate', '>', '2', '1h', 'Sender domain', `domain = ${main}`, ['email', 'webhook']]);
    const name = await answering(api, steps, () => vscode.commands.executeCommand<string>('mailgun.addAlert', alerts));
    assert.equal(name, 'main hard bounces');
    assert.deepEqual(steps.asked.map((a) => a.replace(/^.* \((\d\/8)\)$/, '$1')), ['1/8', '2/8', '3/8', '2/8', '3/8', '4/8', '5/8', '6/8', '7/8', '8/8']);
    assert.equal((await fake.requests({ method: 'POST', path: ALERTS })).length, 1);
    const node = await child(api, alerts, 'hard bounce rate > 2 % over 1 h → email, webhook');
    assert.equal(description(node), 'main hard bounces');
    const copied = await vscode.commands.executeCommand<string>('mailgun.copyAlertJson', node);
    assert.equal((JSON.parse(copied) as { limit: string }).limit, '0.02');
    assert.equal(await vscode.env.clipboard.readText(), copied);
  });

  test('from the palette: Add, Edit, Copy and Delete Alert ask for the region and the alert', async () => {
    const added = await answering(api, ['EU', 'eu bounces', 'Hard bounce rate', '>', '3', '1h', '', '', ['email']], () => vscode.commands.executeCommand<string>('mailgun.addAlert'));
    assert.equal(added, 'eu bounces');
    assert.deepEqual((await fake.requests({ method: 'POST', path: ALERTS })).map((r) => r.region), ['eu']);
    assert.deepEqual(await labels(api, await alertsOf('EU')), ['hard bounce rate > 3 % over 1 h → email', 'Recent hits']);

    const edited = await answering(api, ['EU', 'eu bounces', 'eu bounces', '', '>=', '4', '1d', '', '', ['slack']], () => vscode.commands.executeCommand<boolean>('mailgun.editAlert'));
    assert.equal(edited, true);
    assert.deepEqual((await fake.requests({ method: 'PUT' })).map((r) => `${r.region} ${r.path}`), [`eu ${ALERTS}/eu%20bounces`]);
    assert.deepEqual(await labels(api, await alertsOf('EU')), ['hard bounce rate >= 4 % over 1 d → slack', 'Recent hits']);

    const copied = await answering(api, ['EU', 'eu bounces'], () => vscode.commands.executeCommand<string>('mailgun.copyAlertJson'));
    assert.equal((JSON.parse(copied) as { limit: string }).limit, '0.04');

    user.reset();
    assert.equal(await answering(api, ['EU', 'eu bounces', CANCEL], () => vscode.commands.executeCommand('mailgun.deleteAlert')), undefined, 'dismissed: nothing deleted');
    assert.deepEqual(user.said, [], 'a dismissed prompt ends silently');
    assert.equal(await answering(api, ['EU', 'eu bounces', 'Delete'], () => vscode.commands.executeCommand('mailgun.deleteAlert')), true);
    assert.deepEqual((await fake.requests({ method: 'DELETE' })).map((r) => `${r.region} ${r.path}`), [`eu ${ALERTS}/eu%20bounces`]);
    assert.deepEqual(await labels(api, await alertsOf('EU')), ['No send alerts in the EU region.', 'Recent hits']);
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
    const edit = ['main hard bounces', '', '>=', '5', '1d', '', `domain = ${main}`, ['slack']];
    assert.equal(await answering(api, edit, () => vscode.commands.executeCommand('mailgun.editAlert', node)), true);
    assert.equal((await fake.requests({ method: 'PUT', path: `${ALERTS}/main%20hard%20bounces` })).length, 1);
    const edited = await child(api, alerts, 'hard bounce rate >= 5 % over 1 d → slack');
    assert.equal(await answering(api, [CANCEL], () => vscode.commands.executeCommand('mailgun.deleteAlert', edited)), undefined);
    assert.equal((await fake.requests({ method: 'DELETE' })).length, 0);
    assert.equal(await answering(api, ['Delete'], () => vscode.commands.executeCommand('mailgun.deleteAlert', edited)), true);
    assert.deepEqual((await fake.requests({ method: 'DELETE' })).map((r) => `${r.region} ${r.path}`), [`us ${ALERTS}/main%20hard%20bounces`]);
    assert.ok(!(await labels(api, alerts)).some((l) => l.startsWith('hard bounce rate')));
  });

  test("the complaint-rate alert reaches the stats panel's data message as a threshold in percent", async () => {
    const panel = await vscode.commands.executeCommand<StatsPanel>('mailgun.showStats', await child(api, await child(api, (await api.tree.getChildren())[0], 'US'), main));
    const data = await eventually(() => panel.posted.filter((m): m is Extract<HostMessage, { type: 'data' }> => m.type === 'data').at(-1), 'the data message', 20_000);
    assert.deepEqual(
      data.data.thresholds?.map((t) => [t.key, t.comparator, t.value, t.label]),
      [['complainedRate', '>', 0.1, 'alert: complaint rate > 0.1 % over 1 d'], ['deliveredRate', '<', 95, 'alert: delivery rate < 95 % over 1 h']],
    );
  });
});
