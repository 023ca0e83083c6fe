import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import type { StatsPanel } from '../../src/webview/panel';
import type { HostMessage, StatsQuery } from '../../src/webview/protocol';
import { DEMO_API_KEY, DEMO_DOMAINS } from '../fake-mailgun/seeds/names';
import { fake } from './fake';
import { answering } from './userInput';
import { addDemoAccount, eventually, removeAllAccounts, startClean } from './helpers';

const METRICS = '/v1/analytics/metrics';
const main = DEMO_DOMAINS.us.main;

type Posted<T extends HostMessage['type']> = Extract<HostMessage, { type: T }>;

function lastPosted<T extends HostMessage['type']>(panel: StatsPanel, type: T): Posted<T> | undefined {
  return panel.posted.filter((m): m is Posted<T> => m.type === type).at(-1);
}

/** Waits until the page inside the webview reports that request `requestId` (default: the latest) is on screen. */
async function rendered(panel: StatsPanel, what: string, requestId?: number): Promise<Posted<'data'>> {
  return eventually(
    () => {
      const data = lastPosted(panel, 'data');
      const id = requestId ?? data?.requestId;
      return data && panel.received.some((m) => m.type === 'rendered' && m.requestId === id) ? data : undefined;
    },
    `${what} rendered in the webview`,
    20_000,
  );
}

suite('Stats', () => {
  let api: TestApi;
  let accountId: string;
  // From the palette: the only account is taken, then the region and the domain (or the whole region) are picked.
  const showStats = (region: 'us' | 'eu', domainName?: string): Promise<StatsPanel> =>
    answering(api, [region.toUpperCase(), domainName ?? /^All domains in the/], () => vscode.commands.executeCommand<StatsPanel>('mailgun.showStats'));

  suiteSetup(async () => {
    ({ api } = await startClean());
    accountId = await addDemoAccount('Stats demo');
  });

  teardown(async () => {
    await fake.clearFaults();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeAllAccounts(api);
  });

  test('Show Stats on a domain opens a panel that gets Metrics from the fake server and draws them', async () => {
    await fake.clearRequests();
    const panel = await showStats('us', main);
    assert.ok(panel, 'the command returns the panel in test mode');
    assert.equal(panel.panel.title, `Stats: ${main}`);
    const data = await rendered(panel, 'the domain stats');
    assert.equal(data.data.source, 'metrics');
    assert.equal(data.data.resolution, 'day');
    assert.ok(data.data.times.length >= 7 && data.data.times.length <= 8, `${data.data.times.length} days`);
    assert.ok(data.data.totals.counts.accepted > 0 && data.data.totals.counts.delivered > 0);
    assert.ok(panel.received.some((m) => m.type === 'ready'), 'the ready handshake came first');
    const init = lastPosted(panel, 'init');
    assert.equal(init?.title, main);
    assert.deepEqual(init?.target, { accountId, region: 'us', domain: main });
    const metricsCalls = await fake.requests({ method: 'POST', path: METRICS });
    assert.equal(metricsCalls.length, 2, 'counts and rates, one page each');
    assert.ok(metricsCalls.every((r) => r.region === 'us'));
    assert.equal((await fake.requests({ path: '/v3/**' })).filter((r) => r.path.includes('stats')).length, 0, 'no Stats v3 call');
    const tab = await eventually(
      () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.label === `Stats: ${main}`),
      'the editor tab',
    );
    assert.ok(tab.isActive);
  });

  test('its HTML carries the strict CSP, resources come only from dist/webview, and the key never reaches the page', async () => {
    const panel = await showStats('us', main);
    const html = panel.panel.webview.html;
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    assert.match(csp, /^default-src 'none'; /);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce, 'scripts by nonce');
    assert.ok(html.includes(`<script nonce="${nonce}" src="`), 'the one script has it');
    const source = panel.panel.webview.cspSource;
    for (const directive of ['style-src', 'font-src', 'img-src']) assert.ok(csp.includes(`${directive} ${source}`), directive);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    const roots = panel.panel.webview.options.localResourceRoots ?? [];
    assert.deepEqual(
      roots.map((r) => r.path),
      [vscode.Uri.joinPath(api.context.extensionUri, 'dist', 'webview').path],
    );
    assert.ok(!html.includes(DEMO_API_KEY));
    assert.ok(!JSON.stringify(panel.posted).includes(DEMO_API_KEY), 'no message carries the key');
  });

  test('one panel per target: the same domain is revealed, the region gets its own panel with every domain', async () => {
    const first = await showStats('us', main);
    const again = await showStats('us', main);
    assert.equal(again, first, 'revealed, not opened twice');
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label === `Stats: ${main}`);
    assert.equal(tabs.length, 1);

    const region = await showStats('us');
    assert.notEqual(region, first);
    assert.equal(region.panel.title, 'Stats: US · Stats demo');
    const regionData = await rendered(region, 'the region stats');
    const domainData = await rendered(first, 'the domain stats');
    assert.equal(lastPosted(region, 'init')?.title, 'All domains in the US region');
    assert.ok(regionData.data.totals.counts.accepted > domainData.data.totals.counts.accepted, 'the region adds up all its domains');
  });

  test('EU domains are asked in the EU region', async () => {
    await fake.clearRequests();
    const panel = await showStats('eu', DEMO_DOMAINS.eu.main);
    const data = await rendered(panel, 'the EU domain stats');
    assert.ok(data.data.totals.counts.accepted > 0);
    const calls = await fake.requests({ method: 'POST', path: METRICS });
    assert.ok(calls.length >= 2 && calls.every((r) => r.region === 'eu'));
  });

  test('a new range cancels the request in flight; only the newest answer is posted', async () => {
    const panel = await showStats('us', main);
    await rendered(panel, 'the first load');
    await fake.fault({ path: METRICS, delayMs: 4_000, times: 2 });
    await fake.clearRequests();
    const slow: StatsQuery = { range: '30d', resolution: 'day' };
    const fast: StatsQuery = { range: '24h', resolution: 'hour' };
    const before = panel.posted.length;
    void panel.load(slow);
    // Both slow queries must have reached the fake (and used up the delay) before the range changes.
    await eventually(async () => ((await fake.requests({ method: 'POST', path: METRICS })).length >= 2 ? true : undefined), 'the slow requests to arrive');
    const started = Date.now();
    await panel.load(fast);
    assert.ok(Date.now() - started < 3_500, 'the new range did not wait for the slow one');
    const after = panel.posted.slice(before);
    const answers = after.filter((m): m is Posted<'data'> | Posted<'error'> => m.type === 'data' || m.type === 'error');
    assert.deepEqual(
      answers.map((m) => [m.type, m.query.range]),
      [['data', '24h']],
    );
    const data = await rendered(panel, 'the 24 h range');
    assert.equal(data.data.resolution, 'hour');
    assert.ok(data.data.times.length >= 24 && data.data.times.length <= 25);
  });

  test('closing the panel cancels its request', async () => {
    await fake.fault({ path: METRICS, delayMs: 4_000, times: 2 });
    await fake.clearRequests();
    const panel = await showStats('eu', DEMO_DOMAINS.eu.shop);
    await eventually(() => (panel.loading ? true : undefined), 'the request to start');
    // The panel reads the region's alerts too: close it once the Metrics request is in flight on the fake.
    await eventually(async () => ((await fake.requests({ method: 'POST', path: METRICS })).length > 0 ? true : undefined), 'the Metrics request to reach the fake');
    const posted = panel.posted.length;
    panel.panel.dispose();
    assert.equal(panel.loading, false, 'aborted at once');
    // Once the fake has sent the delayed answers, whatever the panel would have done with them has happened.
    await eventually(async () => {
      const sent = await fake.requests({ method: 'POST', path: METRICS });
      return sent.length > 0 && sent.every((r) => r.status !== undefined) ? true : undefined;
    }, 'the fake to send its delayed answers', 15_000);
    assert.equal(panel.posted.length, posted, 'nothing is posted to a closed panel');
    const reopened = await showStats('eu', DEMO_DOMAINS.eu.shop);
    assert.notEqual(reopened, panel, 'a closed panel is forgotten');
    await rendered(reopened, 'the reopened panel');
    reopened.dispose();
  });

  test('when Metrics is missing the panel shows Stats v3 and says so', async () => {
    await fake.fault({ path: METRICS, status: 404, body: { message: 'Not Found' } });
    const panel = await showStats('us', DEMO_DOMAINS.us.newsletter);
    const data = await rendered(panel, 'the fallback');
    assert.equal(data.data.source, 'stats');
    assert.match(data.data.note ?? '', /older Stats API/);
    assert.ok(data.data.totals.counts.delivered > 0);
    panel.dispose();
  });

  test('errors show the client sentence with Retry, and Retry loads again', async () => {
    await fake.fault({ path: '/**', method: 'POST', status: 401, body: 'Forbidden' });
    const panel = await showStats('us', DEMO_DOMAINS.us.sandbox);
    const error = await eventually(() => lastPosted(panel, 'error'), 'the error');
    assert.equal(error.canRetry, true);
    assert.match(error.message, /key/i, error.message);
    assert.ok(!error.message.includes(DEMO_API_KEY));
    await fake.clearFaults();
    await panel.load(error.query); // what the Retry button sends
    const data = await rendered(panel, 'the retried load');
    assert.ok(data.requestId > error.requestId);
    panel.dispose();
  });

  test('a domain without mail gets zero-filled days and the page shows its empty state', async () => {
    const panel = await showStats('us', DEMO_DOMAINS.us.unconfigured);
    const data = await rendered(panel, 'the empty stats');
    assert.ok(data.data.times.length >= 7);
    assert.ok(Object.values(data.data.totals.counts).every((n) => n === 0));
    assert.ok(data.data.counts.accepted.every((n) => n === 0));
    assert.ok(data.data.rates.deliveredRate.every((r) => r === null), 'no mail, no rate');
    panel.dispose();
  });

  test('a range Mailgun cannot answer is explained without a request', async () => {
    const panel = await showStats('us', main);
    await rendered(panel, 'the first load');
    await fake.clearRequests();
    await panel.load({ range: 'custom', resolution: 'hour', start: '2020-01-01', end: '2020-01-02' });
    const error = lastPosted(panel, 'error');
    assert.match(error?.message ?? '', /hourly stats for 60 days/);
    assert.equal(error?.canRetry, false);
    assert.equal((await fake.requests({ method: 'POST', path: METRICS })).length, 0);
  });

  test('Export CSV writes one row per bucket', async () => {
    const panel = await showStats('us', main);
    await panel.load({ range: '7d', resolution: 'day' });
    const data = await rendered(panel, 'the 7-day range');
    const file = vscode.Uri.joinPath(api.context.globalStorageUri, 'stats-export-test.csv');
    await vscode.workspace.fs.createDirectory(api.context.globalStorageUri);
    const written = await panel.exportCsv(file);
    assert.equal(written?.toString(), file.toString());
    const lines = readFileSync(file.fsPath, 'utf8').trim().split(/\r?\n/);
    assert.match(lines[0], /^time \(UTC\),accepted_count,delivered_count,permanent_failed_count,/);
    assert.equal(lines.length - 1, data.data.times.length);
    const accepted = lines.slice(1).reduce((sum, l) => sum + Number(l.split(',')[1]), 0);
    assert.equal(accepted, data.data.totals.counts.accepted);
  });
});
