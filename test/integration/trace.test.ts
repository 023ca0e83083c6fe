import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DEMO_DOMAINS } from '../fake-mailgun/seeds/names';
import type { TestApi } from '../../src/extension';
import { traceVerdict, type DomainTrace } from '../../src/mailgun';
import type { TracePanel } from '../../src/webview/trace-panel';
import { fake } from './fake';
import { addDemoAccount, child, eventually, removeAllAccounts, setConfig, standInForUser, startClean } from './helpers';
import { answering, CANCEL, TestUserInput } from './userInput';

const ADDRESS = 'bounce=x@example.com';
const { main, newsletter, sandbox } = DEMO_DOMAINS.us;

suite('Trace Recipient', () => {
  let api: TestApi;
  let accountId: string;
  let user: ReturnType<typeof standInForUser>;
  const panels: TracePanel[] = [];
  const domainOf = (panel: TracePanel, name: string): DomainTrace => {
    const found = panel.result.domains.find((d) => d.domain === name);
    assert.ok(found, `${name} is in the trace`);
    return found;
  };
  const traceAll = async (): Promise<TracePanel> => {
    const panel = await vscode.commands.executeCommand<TracePanel | undefined>('mailgun.traceRecipient', { accountId, address: ADDRESS, scope: 'all' });
    assert.ok(panel, 'the trace panel opened');
    panels.push(panel);
    return panel;
  };

  suiteSetup(async () => {
    ({ api } = await startClean());
    user = standInForUser(api);
    await setConfig('pageSize', 1000);
    accountId = await addDemoAccount();
  });

  suiteTeardown(async () => {
    for (const p of panels) p.dispose();
    user.restore();
    await setConfig('pageSize', undefined);
    await fake.clearFaults();
    await removeAllAccounts(api);
  });

  setup(async () => {
    user.reset();
    await fake.reset('demo');
    await fake.clearFaults();
    const client = await api.clients.get(accountId, 'us');
    await client.suppressions.bounces.add(main, { address: ADDRESS, code: 550, error: 'mailbox does not exist' });
    await client.suppressions.unsubscribes.add(newsletter, { address: ADDRESS });
    await fake.appendEvents(main, [{ event: 'accepted', recipient: ADDRESS }, { event: 'failed', recipient: ADDRESS, severity: 'permanent' }]);
    await fake.clearRequests();
  });

  test('bounced on one domain and unsubscribed on another; confirmed remedies re-run the trace until it says not suppressed', async () => {
    const panel = await traceAll();
    assert.ok(panel.result.domains.some((d) => d.region === 'eu'), 'every region was traced');
    assert.ok(domainOf(panel, main).ok && domainOf(panel, newsletter).ok);
    const verdict = traceVerdict(panel.result).sentence;
    assert.match(verdict, new RegExp(`^Suppressed: hard bounce on ${main.replace(/\./g, '\\.')} since .*\\(550 mailbox does not exist\\); Mailgun drops every message`));
    assert.match(verdict, new RegExp(`Also suppressed on ${newsletter.replace(/\./g, '\\.')}\\.`));
    assert.deepEqual(domainOf(panel, main).events.map((e) => e.event).sort(), ['accepted', 'failed']);
    assert.ok(panel.panel.webview.html.includes('Suppressed: hard bounce on'), 'the page shows the verdict');
    assert.ok(!panel.panel.webview.html.includes('key-'), 'no key in the page');

    const requests = await fake.requests();
    assert.deepEqual(requests.filter((r) => r.method === 'GET' && /^\/v3\/[^/]+\/(bounces|unsubscribes|complaints|whitelists)$/.test(r.path)), [], 'no suppression list is paged');
    assert.equal(requests.filter((r) => r.path === '/v1/analytics/logs').length, 2, 'one Logs query per region');

    const declined = new TestUserInput([CANCEL]);
    await answering(api, declined, () => panel.run({ type: 'action', action: 'removeBounce', domain: main, region: 'us' }));
    assert.deepEqual(declined.asked, [`Remove ${ADDRESS} from the bounce list of ${main}?`]);
    assert.equal((await fake.requests({ method: 'DELETE' })).length, 0, 'declined: nothing removed');

    await answering(api, ['Remove Bounce'], () => panel.run({ type: 'action', action: 'removeBounce', domain: main, region: 'us' }));
    const onMain = domainOf(panel, main);
    assert.ok(onMain.ok && onMain.suppressions.bounce === undefined, 'the re-run finds no bounce');
    assert.match(traceVerdict(panel.result).sentence, new RegExp(`^Suppressed: unsubscribed on ${newsletter.replace(/\./g, '\\.')}`));

    await answering(api, ['Remove Unsubscribe'], () => panel.run({ type: 'action', action: 'removeUnsubscribe', domain: newsletter, region: 'us' }));
    assert.match(traceVerdict(panel.result).sentence, /^Not suppressed on any of \d+ domains\. Delivery failed (just now|.* ago) on mg\.acme-demo\.com \(550 /);
    assert.ok(panel.panel.webview.html.includes('Not suppressed on any of'), 'the page shows the new verdict');
    const deletes = await fake.requests({ method: 'DELETE' });
    assert.deepEqual(deletes.map((r) => r.path).sort(), [`/v3/${main}/bounces/${encodeURIComponent(ADDRESS)}`, `/v3/${newsletter}/unsubscribes/${encodeURIComponent(ADDRESS)}`].sort());
  });

  test('a domain whose lookups fail shows its own error with Retry; the others show results', async () => {
    await fake.fault({ path: `/v3/${sandbox}/**`, status: 403, body: { message: 'Forbidden' } });
    const panel = await traceAll();
    const failed = panel.result.domains.filter((d) => !d.ok);
    assert.deepEqual(failed.map((d) => d.domain), [sandbox]);
    assert.ok(domainOf(panel, main).ok);
    assert.match(traceVerdict(panel.result).sentence, /1 of \d+ domains could not be checked/);
    assert.ok(panel.panel.webview.html.includes('data-action="retry"'));
    await fake.clearFaults();
    await panel.run({ type: 'action', action: 'retry', domain: sandbox, region: 'us' });
    assert.ok(domainOf(panel, sandbox).ok, 'Retry traced the domain again');
  });

  test('from a bounce item: the address and domain come from the item; "Open events" opens the Logs panel of the domain', async () => {
    const us = await child(api, (await api.tree.getChildren())[0], 'US');
    const bounces = await child(api, await child(api, us, main), 'Bounces');
    const item = await child(api, bounces, ADDRESS);
    const panel = await answering(api, [`Only ${main}`], () => vscode.commands.executeCommand<TracePanel | undefined>('mailgun.traceRecipient', item));
    assert.ok(panel);
    panels.push(panel);
    assert.deepEqual(panel.result.domains.map((d) => d.domain), [main]);
    assert.equal(panel.result.address, ADDRESS);
    await panel.run({ type: 'action', action: 'openLogs', domain: main, region: 'us' });
    const tab = await eventually(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === `Logs: ${main}`), 'the Logs panel of the domain');
    assert.ok(tab);
    assert.deepEqual(user.said, [], 'nothing refused or failed');
  });

  test('an address Mailgun would refuse is refused before any request', async () => {
    const panel = await vscode.commands.executeCommand<TracePanel | undefined>('mailgun.traceRecipient', { accountId, address: 'not an address', scope: 'all' });
    assert.equal(panel, undefined);
    assert.match(user.lastSaid().message, /Nothing was traced\.$/);
    assert.deepEqual(await fake.requests(), []);
  });

  test('from the palette: the address typed and the region picked are traced; a dismissed prompt traces nothing', async () => {
    const panel = await answering(api, [ADDRESS, 'Every domain in US'], () => vscode.commands.executeCommand<TracePanel | undefined>('mailgun.traceRecipient'));
    assert.ok(panel, 'the trace panel opened');
    panels.push(panel);
    assert.equal(panel.result.address, ADDRESS);
    assert.ok(panel.result.domains.length > 1 && panel.result.domains.every((d) => d.region === 'us'), 'only the US domains');
    assert.match(traceVerdict(panel.result).sentence, new RegExp(`^Suppressed: hard bounce on ${main.replace(/\./g, '\\.')}`));

    await fake.clearRequests();
    const dismissed = await answering(api, [ADDRESS, CANCEL], () => vscode.commands.executeCommand<TracePanel | undefined>('mailgun.traceRecipient'));
    assert.equal(dismissed, undefined);
    assert.deepEqual(await fake.requests(), [], 'nothing was asked of Mailgun');
  });

  test('the palette prompt refuses what Mailgun would refuse', async () => {
    await assert.rejects(
      answering(api, ['bob@'], () => vscode.commands.executeCommand('mailgun.traceRecipient')),
      /refused "bob@"/,
    );
    assert.deepEqual(await fake.requests(), []);
  });

  test('a plain argument without the region its scope needs is refused before any request', async () => {
    const panel = await vscode.commands.executeCommand<TracePanel | undefined>('mailgun.traceRecipient', { accountId, address: ADDRESS, scope: 'domain' });
    assert.equal(panel, undefined);
    assert.match(user.lastSaid().message, /^"Trace Recipient" was run with something that is neither an item of the Mailgun explorer nor \{ accountId, address, scope, region\?, domain\? \}, so it did nothing\./);
    assert.deepEqual(await fake.requests(), []);
  });
});
