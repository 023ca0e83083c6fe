import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DEMO_API_KEY, DEMO_DOMAINS, DEMO_SENDING_KEY } from '../fake-mailgun/seeds/names';
import type { TestApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/node';
import { fake, requestCount } from './fake';
import { addApiKey, addDemoAccount, child, contextValue, description, label, removeAllAccounts, setConfig, startClean } from './helpers';
import { answering } from './userInput';

// Each test starts from the demo seed with no account, so any one of them passes when run alone.
suite('Explorer', () => {
  let api: TestApi;

  /** Adds the demo key as "Demo"; returns its account row and US region row. */
  async function demoAccount(): Promise<{ account: TreeNode; us: TreeNode }> {
    await addDemoAccount('Demo');
    const account = (await api.tree.getChildren())[0];
    return { account, us: await child(api, account, 'US') };
  }

  suiteSetup(async () => {
    ({ api } = await startClean());
    await setConfig('pageSize', 1000);
    await setConfig('requestTimeoutSeconds', 2);
  });

  setup(async () => {
    await fake.reset('demo');
    await fake.clearFaults();
    await removeAllAccounts(api);
  });

  suiteTeardown(async () => {
    await fake.clearFaults();
    await setConfig('pageSize', undefined);
    await setConfig('requestTimeoutSeconds', undefined);
    await removeAllAccounts(api);
  });

  test('Add API Key checks the key once per region and stores the domain counts', async () => {
    const requests = await requestCount(() => addApiKey(api, 'Demo', DEMO_API_KEY));
    assert.equal(requests, 2, 'GET /v4/domains?limit=1 in US and EU');
    const stored = api.accounts.list();
    assert.equal(stored.length, 1);
    assert.equal(stored[0].domainCounts?.us, Object.keys(DEMO_DOMAINS.us).length);
    assert.equal(stored[0].domainCounts?.eu, Object.keys(DEMO_DOMAINS.eu).length);
    const account = (await api.tree.getChildren())[0];
    assert.match(description(await child(api, account, 'US')), /6 domains/);
  });

  test('a sending-only key is refused as unable to manage domains, and not stored', async () => {
    const id = await addApiKey(api, 'Sending', DEMO_SENDING_KEY);
    assert.equal(id, undefined);
    assert.equal(api.accounts.list().length, 0);
  });

  test('expanding a region makes one request and lists its domains, then its account webhooks and alerts', async () => {
    const { us } = await demoAccount();
    let children: TreeNode[] = [];
    assert.equal(await requestCount(async () => (children = await api.tree.getChildren(us))), 1);
    const names = children.map(label);
    for (const d of Object.values(DEMO_DOMAINS.us)) assert.ok(names.includes(d), `${d} is listed`);
    assert.deepEqual(names.slice(-2), ['Account webhooks', 'Alerts']);
    const sandbox = children.find((c) => label(c) === DEMO_DOMAINS.us.sandbox)!;
    assert.match(description(sandbox), /sandbox/);
    assert.match(contextValue(children.find((c) => label(c) === DEMO_DOMAINS.us.unverified)!), /^mailgun\.domain\.unverified/);
    assert.match(contextValue(children.find((c) => label(c) === DEMO_DOMAINS.us.disabled)!), /^mailgun\.domain\.disabled/);
    assert.equal(await requestCount(() => api.tree.getChildren(us)), 0, 'expanding again reuses the loaded page');
  });

  test('a domain has DNS records, tracking, webhooks and the four suppression lists; each loads on expand with one request', async () => {
    const { us } = await demoAccount();
    const domain = await child(api, us, DEMO_DOMAINS.us.main);
    let kids: TreeNode[] = [];
    assert.equal(await requestCount(async () => (kids = await api.tree.getChildren(domain))), 0);
    assert.deepEqual(kids.map(label), ['DNS records', 'Tracking', 'Webhooks', 'Bounces', 'Allowlist', 'Unsubscribes', 'Complaints']);

    let records: TreeNode[] = [];
    assert.equal(await requestCount(async () => (records = await api.tree.getChildren(kids[0]))), 1);
    assert.ok(records.some((r) => label(r).startsWith('TXT ')), 'sending TXT records');
    assert.ok(records.some((r) => label(r).startsWith('MX ')), 'receiving MX records');
    assert.match(description(kids[0]), /of \d+ valid/);

    let tracking: TreeNode[] = [];
    assert.equal(await requestCount(async () => (tracking = await api.tree.getChildren(kids[1]))), 1);
    assert.deepEqual(tracking.map(label), ['Click tracking', 'Open tracking', 'Unsubscribe tracking', 'HTTPS tracking']);
    assert.equal(description(tracking[0]), 'HTML only');
    let certificate: TreeNode[] = [];
    assert.equal(await requestCount(async () => (certificate = await api.tree.getChildren(tracking[3]))), 1);
    assert.equal(label(certificate[0]), 'Certificate active');

    let events: TreeNode[] = [];
    assert.equal(await requestCount(async () => (events = await api.tree.getChildren(kids[2]))), 1);
    assert.ok(events.length > 0, 'webhook event types');
    const urls = await api.tree.getChildren(events[0]);
    assert.ok(urls.length >= 1 && urls.every((u) => /^https?:\/\//.test(label(u))));

    for (const list of kids.slice(3)) {
      let items: TreeNode[] = [];
      assert.equal(await requestCount(async () => (items = await api.tree.getChildren(list))), 1, `${label(list)}: one request`);
      assert.ok(items.length > 0, `${label(list)} shows entries or says it is empty`);
    }
  });

  test('an HTML-looking bounce error stays plain text in the tooltip', async () => {
    const { us } = await demoAccount();
    const domain = await child(api, us, DEMO_DOMAINS.us.main);
    const bounces = await child(api, domain, 'Bounces');
    const items = await api.tree.getChildren(bounces);
    const tricky = items.find((i) => /[<*]/.test(description(i)));
    assert.ok(tricky, 'the demo seed has a bounce whose error contains markup');
    const tooltip = tricky.getTreeItem().tooltip as vscode.MarkdownString;
    assert.equal(tooltip.isTrusted, false);
    assert.ok(!/<b>|<script>/i.test(tooltip.value), `markup is escaped: ${tooltip.value}`);
  });

  test('Load more pages through a 2,500-entry list, one page per click even when clicked twice', async () => {
    const { us } = await demoAccount();
    const domain = await child(api, us, DEMO_DOMAINS.us.newsletter);
    await fake.seedList({ domain: DEMO_DOMAINS.us.newsletter, list: 'bounces', count: 2500, prefix: 'paged' });
    const bounces = await child(api, domain, 'Bounces');
    await vscode.commands.executeCommand('mailgun.refresh', bounces);
    let items: TreeNode[] = [];
    assert.equal(await requestCount(async () => (items = await api.tree.getChildren(bounces))), 1);
    assert.equal(items.length, 1001, '1,000 entries and "Load more…"');
    let more = items.at(-1)!;
    assert.equal(label(more), 'Load more…');
    assert.equal(
      await requestCount(() => Promise.all([vscode.commands.executeCommand('mailgun.loadMore', more), vscode.commands.executeCommand('mailgun.loadMore', more)])),
      1,
      'a double click loads one page',
    );
    items = await api.tree.getChildren(bounces);
    assert.equal(items.length, 2001);
    more = items.at(-1)!;
    await vscode.commands.executeCommand('mailgun.loadMore', more);
    items = await api.tree.getChildren(bounces);
    const labels = items.map(label);
    assert.ok(!labels.includes('Load more…'), 'a short last page ends the list');
    const addresses = labels.filter((l) => l.startsWith('paged'));
    assert.equal(addresses.length, 2500);
    assert.equal(new Set(addresses).size, 2500, 'nothing repeated');
  });

  test('Filter narrows domains with the API search and suppressions with the term prefix; Clear Filter restores', async () => {
    const { us } = await demoAccount();
    await fake.seedList({ domain: DEMO_DOMAINS.us.newsletter, list: 'bounces', count: 2500, prefix: 'paged' });
    await answering(api, ['news'], () => vscode.commands.executeCommand('mailgun.filter', us));
    await fake.clearRequests();
    let domains = await api.tree.getChildren(us);
    const searched = await fake.requests();
    assert.equal(searched.length, 1);
    assert.equal(searched[0].query.search, 'news');
    assert.deepEqual(domains.map(label), [DEMO_DOMAINS.us.newsletter, 'Account webhooks', 'Alerts']);
    assert.match(description(us), /filter: news/);
    await vscode.commands.executeCommand('mailgun.clearFilter', us);
    domains = await api.tree.getChildren(us);
    assert.ok(domains.length > 2);

    const bounces = await child(api, await child(api, us, DEMO_DOMAINS.us.newsletter), 'Bounces');
    await answering(api, ['paged00001'], () => vscode.commands.executeCommand('mailgun.filter', bounces));
    const items = await api.tree.getChildren(bounces);
    assert.equal(items.length, 10, 'paged000010 … paged000019');
    assert.ok(items.every((i) => label(i).startsWith('paged00001')));
    assert.match(description(bounces), /filter: paged00001/);
    await vscode.commands.executeCommand('mailgun.clearFilter', bounces);
  });

  const faults: Array<{ name: string; spec: Record<string, unknown>; message: RegExp }> = [
    { name: '500 with a JSON message', spec: { status: 500, body: { message: 'boom' } }, message: /server error \(500\)/ },
    { name: '401 text/plain Forbidden', spec: { status: 401, body: 'Forbidden', contentType: 'text/plain' }, message: /rejected the API key|refused access/ },
    { name: '404 Domain not found', spec: { status: 404, body: { message: 'Domain not found' } }, message: /404/ },
    { name: '429 rate limit', spec: { status: 429, body: { message: 'Too Many Requests' } }, message: /limiting/ },
    { name: 'a delay beyond the timeout', spec: { delayMs: 5000 }, message: /did not answer/ },
    { name: 'a dropped connection', spec: { drop: true }, message: /Could not reach Mailgun/ },
    { name: 'malformed JSON', spec: { malformedJson: true }, message: /does not understand/ },
  ];
  for (const f of faults) {
    test(`${f.name} becomes an error node with Retry, and Retry recovers`, async () => {
      const { account } = await demoAccount();
      const eu = await child(api, account, 'EU');
      await vscode.commands.executeCommand('mailgun.refresh', eu);
      await fake.fault({ method: 'GET', path: '/v4/domains', region: 'eu', ...f.spec });
      let children: TreeNode[];
      try {
        children = await api.tree.getChildren(eu);
      } finally {
        await fake.clearFaults();
      }
      const error = children.find((c) => contextValue(c).startsWith('mailgun.error'));
      assert.ok(error, `an error node among ${children.map(label).join(', ')}`);
      assert.match(label(error), f.message);
      if (f.spec.status === 401) assert.equal(contextValue(error), 'mailgun.error.keyRejected', 'a rejected key offers Update API Key');
      await vscode.commands.executeCommand('mailgun.retry', error);
      const recovered = await api.tree.getChildren(eu);
      assert.ok(recovered.some((c) => label(c) === DEMO_DOMAINS.eu.main), 'domains after Retry');
    });
  }

  test('after a rejected key, Update API Key reloads what failed without a Retry', async () => {
    const { account } = await demoAccount();
    const eu = await child(api, account, 'EU');
    await vscode.commands.executeCommand('mailgun.refresh', eu);
    await fake.fault({ method: 'GET', path: '/v4/domains', region: 'eu', status: 401, body: 'Forbidden', contentType: 'text/plain' });
    let children: TreeNode[];
    try {
      children = await api.tree.getChildren(eu);
    } finally {
      await fake.clearFaults();
    }
    assert.ok(children.some((c) => contextValue(c) === 'mailgun.error.keyRejected'));
    assert.equal(await answering(api, [DEMO_API_KEY], () => vscode.commands.executeCommand('mailgun.updateApiKey', account)), true);
    const reloaded = await api.tree.getChildren(eu);
    assert.ok(reloaded.some((c) => label(c) === DEMO_DOMAINS.eu.main), `domains after the key was replaced: ${reloaded.map(label).join(', ')}`);
  });
});
