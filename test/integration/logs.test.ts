import * as assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { EVENTS_FALLBACK_NOTICE } from '../../src/mailgun/message-logs';
import type { LogsPanel } from '../../src/webview/logs/logs-panel';
import { DEFAULT_FILTERS } from '../../src/webview/logs/protocol';
import { DEMO_API_KEY, DEMO_DOMAINS } from '../fake-mailgun/seeds/names';
import { fake } from './fake';
import { lastPosted, rowsShown, settled, type Posted } from './logs-panel';
import { addDemoAccount, child, description, eventually, labels, removeAllAccounts, standInForUser, startClean } from './helpers';
import { answering } from './userInput';

const LOGS = '/v1/analytics/logs';
const main = DEMO_DOMAINS.us.main;

suite('Message logs', () => {
  let api: TestApi;
  let accountId: string;
  const openLogs = (region: 'us' | 'eu', domain?: string): Thenable<LogsPanel> => vscode.commands.executeCommand<LogsPanel>('mailgun.openLogs', { accountId, region, domain });

  suiteSetup(async () => {
    ({ api } = await startClean());
    accountId = await addDemoAccount('Logs demo');
  });

  teardown(async () => {
    await fake.clearFaults();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  suiteTeardown(async () => {
    await removeAllAccounts(api);
  });

  test('Open Message Logs on a domain shows its newest events from the Logs API; the page never gets the key', async () => {
    await fake.clearRequests();
    const panel = await openLogs('us', main);
    assert.ok(panel, 'the command returns the panel in test mode');
    assert.equal(panel.panel.title, `Logs: ${main}`);
    const shown = await rowsShown(panel, 'the first page');
    assert.equal(shown.source, 'logs');
    assert.equal(shown.notice, undefined);
    assert.ok(shown.rows.length > 0 && shown.rows.length <= 100, `${shown.rows.length} rows`);
    assert.ok(shown.rows.every((r) => r.domain === main));
    assert.ok(shown.rows.every((r, i) => i === 0 || shown.rows[i - 1].time >= r.time), 'newest first');
    const calls = await fake.requests({ method: 'POST', path: LOGS });
    assert.equal(calls.length, 1);
    const html = panel.panel.webview.html;
    assert.match(html, /default-src 'none'/);
    assert.ok(!html.includes(DEMO_API_KEY) && !JSON.stringify(panel.posted).includes(DEMO_API_KEY), 'the key never reaches the page');
  });

  test('on a region it reads every domain; a plain { accountId, region, recipient } opens it filtered to that recipient', async () => {
    const panel = await vscode.commands.executeCommand<LogsPanel>('mailgun.openLogs', { accountId, region: 'us' });
    const shown = await rowsShown(panel, 'the region page');
    assert.ok(new Set(shown.rows.map((r) => r.domain)).size > 1, 'rows of more than one domain');
    const [id] = await fake.appendEvents(main, [{ event: 'delivered', recipient: 'traced@example.com', timestamp: Date.now() - 60_000 }]);
    const traced = await vscode.commands.executeCommand<LogsPanel>('mailgun.openLogs', { accountId, region: 'us', domain: main, recipient: 'traced@example.com' });
    const rows = await rowsShown(traced, 'the recipient page');
    assert.equal(traced.currentFilters.recipient, 'traced@example.com');
    assert.deepEqual(rows.rows.map((r) => r.id), [id]);
  });

  test("on a region of a parent account, Include the subaccounts' events adds their domains' rows; a domain's panel never asks for them", async () => {
    const panel = await vscode.commands.executeCommand<LogsPanel>('mailgun.openLogs', { accountId, region: 'us' });
    const own = await rowsShown(panel, 'the region page');
    const ownDomains = new Set(own.rows.map((r) => r.domain));
    // The fake (like Mailgun) adds the subaccounts' domains only when asked with include_subaccounts.
    await panel.load({ ...DEFAULT_FILTERS, subaccounts: true });
    const all = await rowsShown(panel, 'the region page with subaccounts');
    assert.ok(all.rows.some((r) => r.domain !== undefined && !ownDomains.has(r.domain)), 'rows of a subaccount domain');
    await panel.load({ ...DEFAULT_FILTERS });
    const again = await rowsShown(panel, 'the region page without subaccounts');
    assert.ok(again.rows.every((r) => r.domain !== undefined && ownDomains.has(r.domain)), "only the account's own domains once unticked");
    const domainPanel = await openLogs('us', main);
    await rowsShown(domainPanel, 'the domain page');
    await domainPanel.load({ ...DEFAULT_FILTERS, subaccounts: true });
    const domainRows = await rowsShown(domainPanel, 'the domain page again');
    assert.equal(domainPanel.currentFilters.subaccounts, undefined);
    assert.ok(domainRows.rows.every((r) => r.domain === main));
  });

  test('filters narrow the rows; Load older pages on with the token, each id once', async () => {
    const panel = await openLogs('us', main);
    await rowsShown(panel, 'the first page');
    await panel.load({ ...DEFAULT_FILTERS, range: '7d', events: ['failed'], severity: 'permanent' });
    const failed = await rowsShown(panel, 'failed events');
    assert.ok(failed.rows.length > 0 && failed.rows.every((r) => r.event === 'failed' && r.severity === 'permanent'));
    assert.ok(failed.hasOlder, 'a week holds more than one page');
    const first = panel.rows.length;
    await panel.loadOlder();
    const older = await rowsShown(panel, 'the older page');
    assert.equal(older.kind, 'older');
    assert.ok(older.rows.length > 0 && older.rows.every((r) => r.event === 'failed'));
    assert.ok(older.rows[0].time <= failed.rows.at(-1)!.time, 'older rows come after the first page');
    assert.equal(panel.rows.length, first + older.rows.length);
    assert.equal(new Set(panel.rows.map((r) => r.id)).size, panel.rows.length);
  });

  test('live tail picks up events appended to the fake, pauses while the panel is hidden', async () => {
    const panel = await openLogs('us', main);
    panel.tailIntervalMs = 200;
    await rowsShown(panel, 'the first page');
    panel.setTail(true);
    assert.equal(panel.tailState, 'running');
    const ids = await fake.appendEvents(main, [{ event: 'accepted', recipient: 'tail@example.com' }, { event: 'delivered', recipient: 'tail@example.com' }]);
    await eventually(() => (ids.every((id) => panel.rows.some((r) => r.id === id)) ? true : undefined), 'the appended events in the panel', 20_000);
    const tail = panel.posted.filter((m): m is Posted<'rows'> => m.type === 'rows' && m.kind === 'tail');
    assert.ok(tail.some((m) => m.rows.some((r) => r.id === ids[0])));
    assert.equal(new Set(panel.rows.map((r) => r.id)).size, panel.rows.length, 'no row twice');

    await vscode.commands.executeCommand('workbench.action.files.newUntitledFile');
    await eventually(() => (panel.tailState === 'paused' ? true : undefined), 'the tail paused while hidden');
    assert.match(lastPosted(panel, 'tail')?.why ?? '', /hidden/);
    panel.panel.reveal();
    await eventually(() => (panel.tailState === 'running' ? true : undefined), 'the tail running again');
    panel.setTail(false);
    assert.equal(panel.tailState, 'off');
  });

  test('a rate limit (429) stops the tail and says why', async () => {
    const panel = await openLogs('us', main);
    panel.tailIntervalMs = 100;
    await rowsShown(panel, 'the first page');
    await fake.fault({ path: LOGS, status: 429, body: { message: 'Too many requests' }, headers: { 'Retry-After': '0' } });
    panel.setTail(true);
    const paused = await eventually(() => (panel.tailState === 'paused' ? lastPosted(panel, 'tail') : undefined), 'the tail paused', 20_000);
    assert.match(paused.why ?? '', /429/);
  });

  test('when the Logs API answers 404 the Events API is read and the panel says so', async () => {
    // An account of its own: the 404 is remembered for its US client, and the other tests keep the Logs API.
    const fallbackId = await addDemoAccount('Logs 404');
    await fake.fault({ path: LOGS, status: 404, body: { message: 'Not Found' } });
    await fake.clearRequests();
    const panel = await vscode.commands.executeCommand<LogsPanel>('mailgun.openLogs', { accountId: fallbackId, region: 'us', domain: main });
    const shown = await rowsShown(panel, 'the fallback page');
    assert.equal(shown.source, 'events');
    assert.equal(shown.notice, EVENTS_FALLBACK_NOTICE);
    assert.ok(shown.rows.length > 0);
    assert.ok((await fake.requests({ path: `/v3/${main}/events` })).length >= 1);
    await api.accounts.remove(fallbackId);
  });

  test('after a 404 from the Logs API, tail polls and other panels of the account and region ask only the Events API', async () => {
    // An account of its own: what is remembered of it stays with it, and the other tests keep the Logs API.
    const fallbackId = await addDemoAccount('Logs fallback');
    await fake.fault({ path: LOGS, status: 404, body: { message: 'Not Found' } });
    const open = (domain: string): Thenable<LogsPanel> => vscode.commands.executeCommand<LogsPanel>('mailgun.openLogs', { accountId: fallbackId, region: 'us', domain });
    const panel = await open(main);
    panel.tailIntervalMs = 100;
    assert.equal((await rowsShown(panel, 'the fallback page')).source, 'events');
    await fake.clearRequests();
    panel.setTail(true);
    const [id] = await fake.appendEvents(main, [{ event: 'delivered', recipient: 'fallback-tail@example.com' }]);
    await eventually(() => (panel.rows.some((r) => r.id === id) ? true : undefined), 'the appended event in the panel', 20_000);
    assert.ok((await fake.requests({ path: `/v3/${main}/events` })).length >= 1, 'the tail polled the Events API');
    assert.equal((await fake.requests({ path: LOGS })).length, 0, 'no tail poll asked the Logs API again');
    panel.setTail(false);

    const other = await open(DEMO_DOMAINS.us.newsletter);
    assert.equal((await rowsShown(other, 'the other domain')).source, 'events');
    assert.equal((await fake.requests({ path: LOGS })).length, 0, 'another panel of the same account and region did not ask either');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await api.accounts.remove(fallbackId);
  });

  test('a failure is a sentence with Retry, and Retry loads; bad input is refused before sending', async () => {
    await fake.fault({ path: LOGS, method: 'POST', status: 401, body: 'Forbidden' });
    const panel = await openLogs('us', main);
    const error = await settled(panel, 'the error');
    assert.equal(error.type, 'error');
    assert.equal((error).canRetry, true);
    assert.match((error).message, /\./);
    await fake.clearFaults();
    await panel.load(panel.currentFilters); // what Retry sends
    await rowsShown(panel, 'rows after Retry');

    await fake.clearRequests();
    await panel.load({ ...DEFAULT_FILTERS, recipient: 'bob@' });
    const refused = await settled(panel, 'the refusal');
    assert.equal(refused.type, 'error');
    assert.equal((refused).canRetry, false);
    assert.match((refused).message, /bob@/);
    assert.equal((await fake.requests({ path: LOGS })).length, 0, 'nothing sent');
  });

  test('Export writes what is loaded as NDJSON (every field) and CSV', async () => {
    const panel = await openLogs('us', main);
    await rowsShown(panel, 'the first page');
    const dir = vscode.Uri.file(tmpdir());
    const ndjson = await panel.exportRows('ndjson', vscode.Uri.joinPath(dir, `logs-${Date.now()}.ndjson`));
    const csv = await panel.exportRows('csv', vscode.Uri.joinPath(dir, `logs-${Date.now()}.csv`));
    assert.ok(ndjson && csv);
    const lines = Buffer.from(await vscode.workspace.fs.readFile(ndjson)).toString('utf8').trimEnd().split('\n');
    assert.equal(lines.length, panel.rows.length);
    assert.deepEqual(JSON.parse(lines[0]), panel.rows[0].item);
    const csvLines = Buffer.from(await vscode.workspace.fs.readFile(csv)).toString('utf8').trimEnd().split('\n');
    assert.match(csvLines[0], /^time,event,/);
    await vscode.workspace.fs.delete(ndjson);
    await vscode.workspace.fs.delete(csv);
  });

  test('Export of the whole filtered range pages through Mailgun: every event once, not just the loaded rows', async () => {
    const recipient = `range-export-${Date.now()}@example.com`;
    const ids = await fake.appendEvents(main, Array.from({ length: 250 }, (_, i) => ({ event: i % 5 === 0 ? 'failed' : 'delivered', recipient })));
    const panel = await openLogs('us', main);
    await rowsShown(panel, 'the first page');
    await panel.load({ ...DEFAULT_FILTERS, recipient });
    const first = await rowsShown(panel, 'the filtered first page');
    assert.ok(first.hasOlder && panel.rows.length < ids.length, 'only a first page is loaded');
    const dir = vscode.Uri.file(tmpdir());
    await fake.clearRequests();
    const ndjson = await panel.exportRows('ndjson', vscode.Uri.joinPath(dir, `range-${Date.now()}.ndjson`), 'range');
    assert.ok(ndjson, 'the file was written');
    const lines = Buffer.from(await vscode.workspace.fs.readFile(ndjson)).toString('utf8').trimEnd().split('\n');
    assert.deepEqual(lines.map((l) => (JSON.parse(l) as { id: string }).id).sort(), [...ids].sort(), 'every event of the range, once');
    assert.ok((await fake.requests({ path: LOGS })).length >= 3, 'paged by token');
    const csv = await panel.exportRows('csv', vscode.Uri.joinPath(dir, `range-${Date.now()}.csv`), 'range');
    assert.ok(csv);
    assert.equal(Buffer.from(await vscode.workspace.fs.readFile(csv)).toString('utf8').trimEnd().split('\n').length, ids.length + 1, 'a header and a line per event');

    const failing = vscode.Uri.joinPath(dir, `range-failing-${Date.now()}.ndjson`);
    await fake.fault({ path: LOGS, method: 'POST', status: 500, body: { message: 'boom' } });
    const user = standInForUser(api);
    try {
      assert.equal(await panel.exportRows('ndjson', failing, 'range'), undefined);
      assert.match(user.lastSaid().message, /No file was written\./);
    } finally {
      user.restore();
    }
    const left = (await vscode.workspace.fs.readDirectory(dir)).filter(([name]) => name.startsWith(failing.path.split('/').pop()!));
    assert.deepEqual(left, [], 'no file, not even part of one');
    await vscode.workspace.fs.delete(ndjson);
    await vscode.workspace.fs.delete(csv);
  });

  test('Open Stored Message fetches the MIME in the host and shows it read-only; the page gets neither', async () => {
    const panel = await openLogs('us', main);
    await rowsShown(panel, 'the first page');
    await panel.load({ ...DEFAULT_FILTERS, events: ['accepted'] });
    const accepted = await rowsShown(panel, 'accepted events');
    const row = accepted.rows.find((r) => r.storageUrl);
    assert.ok(row, 'an accepted event with a stored message');
    await fake.clearRequests();
    const uri = await panel.act('stored', row.id);
    assert.equal(typeof uri, 'string', 'a document was opened');
    const editor = await eventually(() => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri), 'the stored message in an editor');
    assert.equal(editor.document.uri.scheme, 'mailgun-message');
    assert.match(editor.document.uri.path, /\.eml$/);
    const text = editor.document.getText();
    assert.match(text, /^Mime-Version: 1\.0\r?\n/);
    assert.ok(text.includes(`Subject: ${row.subject}`), 'the event\'s subject');
    assert.ok(text.includes(`To: ${row.recipient}`), 'the event\'s recipient');
    const [get] = await fake.requests({ method: 'GET' });
    assert.equal(get.path, new URL(row.storageUrl!).pathname);
    assert.equal(get.headers.accept, 'message/rfc2822');
    const posted = JSON.stringify(panel.posted);
    assert.ok(!posted.includes('Mime-Version') && !posted.includes(DEMO_API_KEY), 'neither the message nor the key reaches the page');
    assert.deepEqual(panel.posted.filter((m) => m.type === 'action').slice(-2), [
      { type: 'action', action: 'stored', id: row.id, busy: true },
      { type: 'action', action: 'stored', id: row.id, busy: false },
    ]);
  });

  test('an expired stored message (404) is a sentence with Retry; a URL on another host is refused, nothing sent there', async () => {
    const base = process.env.MAILGUN_TEST_FAKE_US!;
    const storage = (url: string) => ({ storage: { key: 'k', url: [url] } });
    const [expired, foreign] = await fake.appendEvents(main, [
      { event: 'accepted', recipient: 'expired@example.com', timestamp: Date.now() - 120_000, fields: storage(`${base}v3/domains/${main}/messages/2020010100expired`) },
      { event: 'accepted', recipient: 'foreign@example.com', timestamp: Date.now() - 60_000, fields: storage('https://collector.example.net/v3/domains/x/messages/k') },
    ]);
    const panel = await openLogs('us', main);
    await panel.load({ ...DEFAULT_FILTERS, range: '1h', events: ['accepted'] });
    await rowsShown(panel, 'the appended events');
    const user = standInForUser(api);
    try {
      assert.equal(await panel.act('stored', expired), undefined);
      assert.equal(user.lastSaid().severity, 'error');
      assert.match(user.lastSaid().message, /^Mailgun no longer has this message: it keeps stored messages only for the domain's retention period \(3 days/);
      assert.deepEqual(user.lastSaid().actions, ['Retry', 'Show Logs']);
      await fake.clearRequests();
      assert.equal(await panel.act('stored', foreign), undefined);
      assert.match(user.lastSaid().message, /^The stored message is on collector\.example\.net, which is neither this account's Mailgun API host nor a Mailgun storage host, so it was not fetched/);
      assert.equal((await fake.requests()).length, 0);
    } finally {
      user.restore();
    }
  });

  test("Show the Recipient's Suppressions reveals the domain with its bounces, unsubscribes and complaints filtered to the address", async () => {
    const address = 'suppressed.logs@example.com';
    await fake.putRecords({ domain: main, list: 'bounces' }, [{ address, code: '550', error: '5.1.1 No such user', created_at: new Date().toUTCString() }]);
    const [failed] = await fake.appendEvents(main, [{ event: 'failed', recipient: address, severity: 'permanent', reason: 'suppress-bounce', timestamp: Date.now() - 60_000 }]);
    const us = await child(api, await child(api, undefined, 'Logs demo'), 'US');
    // The region filtered so that it hides the domain: the action finds it all the same.
    await answering(api, ['news'], () => vscode.commands.executeCommand('mailgun.filter', us));
    const panel = await vscode.commands.executeCommand<LogsPanel>('mailgun.openLogs', { accountId, region: 'us', recipient: address });
    const shown = await rowsShown(panel, "the recipient's events");
    assert.ok(shown.rows.some((r) => r.id === failed));
    assert.equal(await panel.act('suppressions', failed), true);
    const domain = await child(api, us, main);
    await eventually(() => (api.view.selection.some((n) => n.id === domain.id) ? true : undefined), 'the domain selected in the explorer');
    const bounces = await child(api, domain, 'Bounces');
    assert.match(description(bounces), new RegExp(`filter: ${address.replace(/\./g, '\\.')}`));
    assert.deepEqual(await labels(api, bounces), [address]);
    const unsubscribes = await child(api, domain, 'Unsubscribes');
    assert.deepEqual(await labels(api, unsubscribes), [`No unsubscribe starting with "${address}".`]);
    assert.doesNotMatch(description(await child(api, domain, 'Allowlist')), /filter/, 'the allowlist is left as it was');
    for (const list of [bounces, unsubscribes, await child(api, domain, 'Complaints'), us]) await vscode.commands.executeCommand('mailgun.clearFilter', list);
  });

  test('from the palette: the region and domain picked, or the whole region', async () => {
    const panel = await answering(api, ['US', main], () => vscode.commands.executeCommand<LogsPanel | undefined>('mailgun.openLogs'));
    assert.ok(panel, 'the panel opened');
    assert.deepEqual(panel.target, { accountId, region: 'us', domain: main });
    assert.ok((await rowsShown(panel, 'the domain page')).rows.every((r) => r.domain === main));

    const region = await answering(api, ['EU', /^All domains in the EU region$/], () => vscode.commands.executeCommand<LogsPanel | undefined>('mailgun.openLogs'));
    assert.ok(region, 'the region panel opened');
    assert.deepEqual(region.target, { accountId, region: 'eu', domain: undefined });
    assert.equal(region.panel.title, 'Logs: EU · Logs demo');
  });

  test('from a domain item and from a region item of the explorer', async () => {
    const us = await child(api, await child(api, undefined, 'Logs demo'), 'US');
    const fromDomain = await answering(api, [], async () => vscode.commands.executeCommand<LogsPanel>('mailgun.openLogs', await child(api, us, main)));
    assert.deepEqual(fromDomain.target, { accountId, region: 'us', domain: main });
    const fromRegion = await answering(api, [], () => vscode.commands.executeCommand<LogsPanel>('mailgun.openLogs', us));
    assert.deepEqual(fromRegion.target, { accountId, region: 'us' });
  });

  test('a plain { accountId, region, domain, messageId } (Watch Events) shows that message; a malformed one is refused', async () => {
    const messageId = `${Date.now()}.watch@${main}`;
    const ids = await fake.appendEvents(main, [{ event: 'accepted', recipient: 'watch@example.com', messageId }, { event: 'delivered', recipient: 'watch@example.com', messageId }]);
    const panel = await vscode.commands.executeCommand<LogsPanel>('mailgun.openLogs', { accountId, region: 'us', domain: main, messageId: `<${messageId}>` });
    const shown = await rowsShown(panel, 'the message page');
    assert.deepEqual(shown.rows.map((r) => r.id).sort(), [...ids].sort());
    // Watch Events follows the message: the live tail is on, for the events still to come.
    await eventually(() => (panel.tailState === 'running' ? true : undefined), 'the live tail to run');

    const user = standInForUser(api);
    try {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const refused = await vscode.commands.executeCommand<LogsPanel | undefined>('mailgun.openLogs', { accountId, region: 'mars', domain: main });
      assert.equal(refused, undefined);
      assert.match(user.lastSaid().message, /^"Open Message Logs" was run with something that is neither an item of the Mailgun explorer nor \{ accountId, region, domain\?, recipient\?, messageId\? \}, so it did nothing\./);
      const gone = await vscode.commands.executeCommand<LogsPanel | undefined>('mailgun.openLogs', { accountId: 'no-such-account', region: 'us' });
      assert.equal(gone, undefined);
      assert.match(user.lastSaid().message, /no longer stored in VS Code/);
    } finally {
      user.restore();
    }
  });
});
