import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/node';
import type { StatsPanel } from '../../src/webview/panel';
import type { HostMessage } from '../../src/webview/protocol';
import { DEMO_DOMAINS } from '../fake-mailgun/seeds/names';
import { fake } from './fake';
import { addDemoAccount, child, contextValue, eventually, label, labels, removeAllAccounts, standInForUser, startClean } from './helpers';
import { answering } from './userInput';

type ErrorMessage = Extract<HostMessage, { type: 'error' }>;
const UNTIL = /^Mailgun is rate limiting this API key until (\d\d:\d\d:\d\d) \(local time, in about 2 minutes\)\..* Try again then\.$/;

suite('Rate limits and applied deletes', () => {
  let api: TestApi;
  let account: TreeNode;
  let user: ReturnType<typeof standInForUser>;

  suiteSetup(async () => {
    ({ api } = await startClean());
    user = standInForUser(api);
    await addDemoAccount('Rate limits');
    account = (await api.tree.getChildren())[0];
  });

  teardown(async () => {
    await fake.clearFaults();
    user.reset();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    user.restore();
    await removeAllAccounts(api);
  });

  test('a 429 asking for two minutes: one request, an error node saying until when, and Retry loads', async () => {
    const eu = await child(api, account, 'EU');
    await vscode.commands.executeCommand('mailgun.refresh', eu);
    await fake.clearRequests();
    await fake.fault({ method: 'GET', path: '/v4/domains', region: 'eu', status: 429, body: { message: 'Too Many Requests' }, headers: { 'Retry-After': '120' } });
    const children = await api.tree.getChildren(eu);
    assert.equal((await fake.requests({ method: 'GET', path: '/v4/domains' })).filter((r) => r.region === 'eu').length, 1, 'no request wasted inside the window');
    const error = children.find((c) => contextValue(c).startsWith('mailgun.error'));
    assert.ok(error, `an error node among ${children.map(label).join(', ')}`);
    assert.match(label(error), UNTIL);
    await fake.clearFaults();
    await vscode.commands.executeCommand('mailgun.retry', error);
    assert.ok((await labels(api, eu)).includes(DEMO_DOMAINS.eu.main), 'domains after Retry');
  });

  test('the stats panel says until when, with Retry', async () => {
    await fake.fault({ method: 'POST', path: '/v1/analytics/metrics', status: 429, body: { message: 'Too Many Requests' }, headers: { 'X-Request-Reset': String(Date.now() + 120_000) } });
    const panel = await vscode.commands.executeCommand<StatsPanel>('mailgun.showStats', await child(api, await child(api, account, 'US'), DEMO_DOMAINS.us.main));
    const error = await eventually(() => panel.posted.filter((m): m is ErrorMessage => m.type === 'error').at(-1), 'the error');
    assert.match(error.message, UNTIL);
    assert.equal(error.canRetry, true);
    panel.dispose();
  });

  test('a delete Mailgun applied but answered 503 is reported done, and the entry is gone', async () => {
    const domain = await child(api, await child(api, account, 'US'), DEMO_DOMAINS.us.newsletter);
    const bounces = await child(api, domain, 'Bounces');
    const entry = (await api.tree.getChildren(bounces)).find((n) => contextValue(n).includes('suppression'));
    assert.ok(entry, 'a bounce to delete');
    const address = label(entry);
    await fake.fault({ method: 'DELETE', path: `/v3/${DEMO_DOMAINS.us.newsletter}/bounces/*`, applyThenStatus: 503, times: 1 });
    await fake.clearRequests();
    assert.equal(await answering(api, ['Delete'], () => vscode.commands.executeCommand('mailgun.deleteSuppression', entry)), true);
    assert.deepEqual((await fake.requests({ method: 'DELETE' })).map((r) => r.status), [503, 404]);
    assert.ok(user.said.every((s) => s.severity !== 'error'), JSON.stringify(user.said));
    assert.ok(!(await labels(api, bounces)).includes(address));
  });
});
