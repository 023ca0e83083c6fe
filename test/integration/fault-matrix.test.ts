// Every fault kind of the fake Mailgun server, injected where the extension meets it (each list of the tree, Load more,
// the destructive commands, the stats panel): the failure must end as a clear sentence with Retry, Retry must recover
// once the fault is gone, a failed change must leave the tree showing what Mailgun has, and no promise may be left
// unhandled. Each case is recorded for RELIABILITY.md.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/node';
import type { StatsPanel } from '../../src/webview/panel';
import type { HostMessage } from '../../src/webview/protocol';
import type { FaultSpec } from '../fake-mailgun';
import { DEMO_API_KEY, DEMO_DOMAINS } from '../fake-mailgun/seeds/names';
import { fake } from './fake';
import { addDemoAccount, child, contextValue, eventually, label, removeAllAccounts, setConfig, standInForUser, startClean, type Said } from './helpers';
import { recorded } from './reliability';
import { TestUserInput, type Answer } from './userInput';

type Fault = Omit<FaultSpec, 'path' | 'method'>;

/** The fake's faults by name; 429s ask for 1 s and the request timeout is 1 s, so that the client's own retries stay short. */
const FAULTS: Record<string, () => Fault> = {
  '401 text/plain': () => ({ status: 401, body: 'Forbidden', contentType: 'text/plain', headers: { 'WWW-Authenticate': 'Basic realm="MG API"' } }),
  '403 Forbidden': () => ({ status: 403 }),
  '404 Not Found': () => ({ status: 404 }),
  '429 Retry-After': () => ({ status: 429, headers: { 'Retry-After': '1' } }),
  '429 X-Request-Reset': () => ({ status: 429, headers: { 'X-Request-Reset': String(Date.now() + 1000) } }),
  '429 X-RateLimit-Reset': () => ({ status: 429, headers: { 'X-RateLimit-Reset': '1' } }),
  '429 retry-seconds body': () => ({ status: 429, body: { message: 'Too many requests', 'retry-seconds': 1 } }),
  '500 Server Error': () => ({ status: 500 }),
  '502 Bad Gateway': () => ({ status: 502 }),
  '503 Unavailable': () => ({ status: 503 }),
  timeout: () => ({ delayMs: 1500 }),
  'dropped connection': () => ({ drop: true }),
  'stalled body': () => ({ stallBodyMs: 5000 }),
  'malformed JSON': () => ({ malformedJson: true }),
  'HTML body': () => ({ status: 200, body: '<!DOCTYPE html><html><head><title>Sign in</title></head><body><h1>Network login required</h1></body></html>', contentType: 'text/html' }),
  redirect: () => ({ status: 302, body: '', headers: { Location: 'https://login.example.net/' } }),
};
const ALL = Object.keys(FAULTS);
/**
 * Deleting a domain: every fault but those whose reply fails after Mailgun applied the delete (a timeout, a stalled or
 * cut-short body). Mailgun deletes a domain in the background, and the reload after the failure can still list it.
 */
const DOMAIN_DELETE_FAULTS = ALL.filter((f) => !['timeout', 'stalled body', 'malformed JSON'].includes(f));
/** Deleting an account webhook answers 204 with no body: there is no JSON to cut short. */
const ACCOUNT_WEBHOOK_DELETE_FAULTS = ALL.filter((f) => f !== 'malformed JSON');
/** The upload has its own 5-minute timeout (a 25 MB file takes a while), so a 1.5 s delay or stall is no fault there. */
const IMPORT_FAULTS = ALL.filter((f) => f !== 'timeout' && f !== 'stalled body');

const main = DEMO_DOMAINS.us.main;
const staging = DEMO_DOMAINS.us.unverified;

/** A message shown to the user: one or more sentences, nothing raw. */
function assertSentence(text: string, where: string): void {
  assert.match(text, /^[A-Z]/, `${where} starts with a capital: ${text}`);
  assert.match(text, /[.]$/, `${where} ends with a period: ${text}`);
  assert.doesNotMatch(text, /\bundefined\b|\bnull\b|\[object |NaN/, `${where} has no undefined: ${text}`);
  assert.doesNotMatch(text, /\n\s*at |Error:/, `${where} has no stack: ${text}`);
  assert.doesNotMatch(text, /[{[]\s*"|<\/?[a-z!][^>]*>/i, `${where} has no raw JSON or HTML: ${text}`);
  assert.ok(!text.includes(DEMO_API_KEY), `${where} has no key`);
}

/** The Mailgun API of the fake, called directly as another client would (to prepare data and read the truth). */
async function mailgun<T>(method: string, path: string, form?: Record<string, string>): Promise<T> {
  const base = process.env.MAILGUN_TEST_FAKE_US!;
  const res = await fetch(new URL(path, base), {
    method,
    headers: { authorization: `Basic ${Buffer.from(`api:${DEMO_API_KEY}`).toString('base64')}` },
    body: form ? new URLSearchParams(form) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const fakeAddresses = async (domain: string, list: string): Promise<string[]> =>
  (await mailgun<{ items: Array<{ address?: string; value?: string }> }>('GET', `v3/${domain}/${list}?limit=1000`)).items.map((i) => i.address ?? i.value ?? '').sort();

const isError = (n: TreeNode): boolean => contextValue(n).startsWith('mailgun.error');
const isItem = (n: TreeNode): boolean => !/^mailgun\.(error|info|loadMore)/.test(contextValue(n));

suite('Fault matrix', function () {
  this.timeout(60_000);
  let api: TestApi;
  let user: ReturnType<typeof standInForUser>;
  let us: TreeNode;
  let dir: string;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };
  /** Notifications that offer Retry, held until the test presses a button. */
  let held: Array<{ said: Said; press: (button: string | undefined) => void }> = [];

  const domainNode = async (name: string) => child(api, us, name);
  const listOf = async (domain: string, title: string) => child(api, await domainNode(domain), title);
  const fresh = async (node: TreeNode): Promise<TreeNode> => {
    await vscode.commands.executeCommand('mailgun.refresh', node);
    return node;
  };
  const inject = async (method: string, path: string, fault: string): Promise<void> => {
    await fake.fault({ method, path, ...FAULTS[fault]() });
  };

  suiteSetup(async () => {
    ({ api } = await startClean());
    await setConfig('requestTimeoutSeconds', 1);
    await setConfig('pageSize', 10);
    dir = mkdtempSync(join(tmpdir(), 'mailgun-faults-'));
    process.on('unhandledRejection', onUnhandled);
    user = standInForUser(api);
    await addDemoAccount('Faults');
    us = await child(api, (await api.tree.getChildren())[0], 'US');
  });

  setup(() => {
    user.reset();
    user.press = (said) => (said.actions.includes('Retry') ? new Promise((press) => held.push({ said, press })) : undefined);
    held = [];
  });

  teardown(async () => {
    for (const h of held) h.press(undefined);
    await fake.clearFaults();
  });

  suiteTeardown(async () => {
    process.off('unhandledRejection', onUnhandled);
    user.restore();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setConfig('requestTimeoutSeconds', undefined);
    await setConfig('pageSize', undefined);
    await removeAllAccounts(api);
    rmSync(dir, { recursive: true, force: true });
  });

  /** The error node shown in place of a list's children: a sentence, with Retry. */
  function assertErrorNode(children: TreeNode[], where: string): TreeNode {
    const error = children.find(isError);
    assert.ok(error, `${where}: an error node among ${children.map(label).join(', ')}`);
    assertSentence(label(error), `${where}: the error node`);
    const tooltip = error.getTreeItem().tooltip;
    assert.match(typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? ''), /Retry/, `${where}: the tooltip names Retry`);
    // package.json offers mailgun.retry inline on viewItem =~ /^mailgun\.error/
    assert.match(contextValue(error), /^mailgun\.error/);
    return error;
  }

  /** A failure said in a notification, with Retry and Show Logs. */
  function failureSaid(where: string): Said & { press: (button: string | undefined) => void } {
    const said = user.said.filter((s) => s.severity === 'error');
    assert.equal(said.length, 1, `${where}: one error notification, got ${JSON.stringify(user.said)}`);
    assertSentence(said[0].message, `${where}: the notification`);
    assert.deepEqual(said[0].actions, ['Retry', 'Show Logs'], `${where}: its buttons`);
    const h = held.find((x) => x.said === said[0]);
    assert.ok(h);
    return { ...said[0], press: h.press };
  }

  function matrix(place: string, faults: readonly string[], run: (fault: string) => Promise<void>): void {
    for (const fault of faults) {
      const name = `${place} × ${fault}`;
      test(name, () =>
          recorded({ area: 'fault', case: name, place, fault }, async () => {
            unhandled.length = 0;
            await run(fault);
            await nextTurn(); // lets Node report a rejection left unhandled by the case
            assert.deepEqual(unhandled.map(String), [], 'no unhandled promise rejection');
          }),
        );
    }
  }

  // ---- The lists of the tree: an error node with Retry, and Retry loads them. ----

  const lists: Array<{ place: string; faults: readonly string[]; path: string; node: () => Promise<TreeNode> }> = [
    { place: 'Domains', faults: ALL, path: '/v4/domains', node: () => Promise.resolve(us) },
    { place: 'DNS records', faults: ALL, path: `/v4/domains/${main}`, node: () => listOf(main, 'DNS records') },
    { place: 'Tracking', faults: ALL, path: `/v3/domains/${main}/tracking`, node: () => listOf(main, 'Tracking') },
    { place: 'Webhooks', faults: ALL, path: `/v3/domains/${main}/webhooks`, node: () => listOf(main, 'Webhooks') },
    { place: 'Account webhooks', faults: ALL, path: '/v1/webhooks', node: () => child(api, us, 'Account webhooks') },
    { place: 'Bounces', faults: ALL, path: `/v3/${main}/bounces`, node: () => listOf(main, 'Bounces') },
    { place: 'Allowlist', faults: ALL, path: `/v3/${main}/whitelists`, node: () => listOf(main, 'Allowlist') },
    { place: 'Unsubscribes', faults: ALL, path: `/v3/${main}/unsubscribes`, node: () => listOf(main, 'Unsubscribes') },
    { place: 'Complaints', faults: ALL, path: `/v3/${main}/complaints`, node: () => listOf(main, 'Complaints') },
  ];
  for (const l of lists) {
    matrix(l.place, l.faults, async (fault) => {
      const node = await fresh(await l.node());
      await inject('GET', l.path, fault);
      const error = assertErrorNode(await api.tree.getChildren(node), l.place);
      await fake.clearFaults();
      await vscode.commands.executeCommand('mailgun.retry', error);
      const children = await api.tree.getChildren(node);
      assert.ok(!children.some(isError), `${l.place}: loaded after Retry`);
      assert.ok(children.some(isItem), `${l.place}: its items after Retry`);
    });
  }

  matrix('Load more', ALL, async (fault) => {
    const bounces = await fresh(await listOf(main, 'Bounces'));
    const first = await api.tree.getChildren(bounces);
    const more = first.find((n) => contextValue(n) === 'mailgun.loadMore');
    assert.ok(more, 'a first page of 10 and Load more');
    await inject('GET', `/v3/${main}/bounces`, fault);
    await vscode.commands.executeCommand('mailgun.loadMore', more);
    const failed = await api.tree.getChildren(bounces);
    assert.equal(failed.filter(isItem).length, 10, 'the first page stays');
    const error = assertErrorNode(failed, 'Load more');
    await fake.clearFaults();
    await vscode.commands.executeCommand('mailgun.retry', error);
    const after = await api.tree.getChildren(bounces);
    assert.equal(after.filter(isItem).length, 20, 'Retry loads the page that failed');
    assert.ok(!after.some(isError));
  });

  // ---- Changes: a notification with Retry; the tree shows the truth after the failure; Retry completes the change. ----

  /** The list's entries as the tree shows them after the failure, and as the fake has them. */
  async function assertTreeShowsTruth(list: TreeNode, domain: string, apiList: string, where: string): Promise<void> {
    const shown = (await api.tree.getChildren(list)).filter(isItem).map(label).sort();
    assert.deepEqual(shown, await fakeAddresses(domain, apiList), `${where}: the tree shows what Mailgun has`);
  }

  /**
   * Runs a change under the fault, checks the failure and the tree, then presses Retry with the fault gone and waits
   * for the success. After a timeout the tree is compared only once Retry is done: the fake applies a delayed request
   * after the client gave up, so the reload may come first.
   */
  async function failThenRetry(o: { where: string; fault: string; method: string; path: string; answers?: Answer[]; run: () => Thenable<unknown>; success: RegExp; truth?: () => Promise<void> }): Promise<void> {
    // Every confirmation is accepted: a Retry that finds the change already made asks none.
    const ui = new TestUserInput(o.answers ?? [], 'Delete');
    const before = api.input.current;
    api.input.current = ui;
    try {
      await failedThenRetried(o);
    } finally {
      api.input.current = before;
    }
    ui.check();
  }

  async function failedThenRetried(o: { where: string; fault: string; method: string; path: string; run: () => Thenable<unknown>; success: RegExp; truth?: () => Promise<void> }): Promise<void> {
    await inject(o.method, o.path, o.fault);
    assert.ok(!(await o.run()), `${o.where}: the command reports failure`);
    const failure = failureSaid(o.where);
    if (o.fault !== 'timeout') await o.truth?.();
    await fake.clearFaults();
    user.said = [];
    failure.press('Retry');
    const done = await eventually(() => user.said.find((s) => s.severity !== 'error' || o.success.test(s.message)), `${o.where}: the outcome of Retry`, 20_000);
    assert.match(done.message, o.success, `${o.where}: Retry succeeded`);
    if (o.fault === 'timeout') await o.truth?.();
  }

  let n = 0;
  matrix('Delete suppression', ALL, async (fault) => {
    const prefix = `a-fault-${++n}-`;
    await fake.seedList({ domain: staging, list: 'bounces', count: 1, prefix });
    const bounces = await fresh(await listOf(staging, 'Bounces'));
    const entry = await child(api, bounces, `${prefix}000000@example.com`);
    await failThenRetry({
      where: 'Delete suppression',
      fault,
      method: 'DELETE',
      path: `/v3/${staging}/bounces/*`,
      run: () => vscode.commands.executeCommand('mailgun.deleteSuppression', entry),
      // The fake applied the delete before the malformed or stalled answer: Retry finds the entry gone, and says so.
      success: ['malformed JSON', 'stalled body'].includes(fault) ? /^.* is no longer on the bounce list .*: the first attempt removed it\.$/ : /^(Removed .* from|.* is no longer on) the bounce list/,
      truth: () => assertTreeShowsTruth(bounces, staging, 'bounces', 'Delete suppression'),
    });
    assert.ok(!(await fakeAddresses(staging, 'bounces')).includes(`${prefix}000000@example.com`));
  });

  matrix('Clear list', ALL, async (fault) => {
    await fake.seedList({ domain: staging, list: 'complaints', count: 3, prefix: `clear-${++n}-` });
    const complaints = await fresh(await listOf(staging, 'Complaints'));
    assert.equal((await api.tree.getChildren(complaints)).filter(isItem).length, 3, 'the tree shows the list before it is cleared');
    await failThenRetry({
      where: 'Clear list',
      fault,
      method: 'DELETE',
      path: `/v3/${staging}/complaints`,
      // No export first, then the domain's name typed on the run and again on Retry.
      answers: ['Clear Without Export', staging, staging],
      run: () => vscode.commands.executeCommand('mailgun.clearSuppressions', complaints),
      success: /^Cleared the complaint list/,
      truth: () => assertTreeShowsTruth(complaints, staging, 'complaints', 'Clear list'),
    });
    assert.deepEqual(await fakeAddresses(staging, 'complaints'), []);
  });

  matrix(
    'Import upload',
    IMPORT_FAULTS,
    async (fault) => {
      await mailgun('DELETE', `v3/${staging}/unsubscribes`); // one entry at a time: the tree shows a page of 10
      const address = `import-${++n}@example.com`;
      const file = join(dir, `import-${n}.csv`);
      writeFileSync(file, `address\n${address}\n`);
      const unsubscribes = await fresh(await listOf(staging, 'Unsubscribes'));
      await api.tree.getChildren(unsubscribes); // the tree shows the list before the import
      await failThenRetry({
        where: 'Import upload',
        fault,
        method: 'POST',
        path: `/v3/${staging}/unsubscribes/import`,
        answers: [vscode.Uri.file(file)],
        run: () => vscode.commands.executeCommand<{ sent: boolean } | undefined>('mailgun.importSuppressions', unsubscribes).then((r) => r?.sent),
        success: /^Mailgun accepted/,
        truth: () => assertTreeShowsTruth(unsubscribes, staging, 'unsubscribes', 'Import upload'),
      });
      assert.ok((await fakeAddresses(staging, 'unsubscribes')).includes(address));
    },
  );

  matrix('Delete domain', DOMAIN_DELETE_FAULTS, async (fault) => {
    const name = `fault-${++n}.example.com`;
    await mailgun('POST', 'v4/domains', { name });
    await fresh(us);
    const domain = await domainNode(name);
    const domainNames = async () => (await mailgun<{ items: Array<{ name: string }> }>('GET', 'v4/domains?limit=1000')).items.map((d) => d.name).sort();
    await failThenRetry({
      where: 'Delete domain',
      fault,
      method: 'DELETE',
      path: `/v3/domains/${name}`,
      // Asked to type the name on the run and again on Retry.
      answers: [name, name],
      run: () => vscode.commands.executeCommand('mailgun.deleteDomain', domain),
      success: /^Mailgun is deleting .* in the background/,
      truth: async () => {
        const shown = (await api.tree.getChildren(us)).filter((c) => contextValue(c).startsWith('mailgun.domain') || contextValue(c) === 'mailgun.deletingDomain').map(label).sort();
        assert.deepEqual(shown, await domainNames(), 'Delete domain: the tree shows the domains Mailgun lists');
      },
    });
  });

  matrix('Delete webhook', ALL, async (fault) => {
    const url = `https://hooks.example.com/fault-${++n}`;
    await mailgun('POST', `v4/domains/${staging}/webhooks`, { url, event_types: 'opened' });
    const webhooks = await fresh(await listOf(staging, 'Webhooks'));
    const node = await child(api, await child(api, webhooks, 'opened'), url);
    const urls = async () => Object.values((await mailgun<{ webhooks: Record<string, { urls?: string[] }> }>('GET', `v3/domains/${staging}/webhooks`)).webhooks).flatMap((w) => w.urls ?? []);
    await failThenRetry({
      where: 'Delete webhook',
      fault,
      method: 'DELETE',
      path: `/v4/domains/${staging}/webhooks`,
      run: () => vscode.commands.executeCommand('mailgun.deleteWebhook', node),
      success: /^Deleted the webhook|is no longer a webhook of .*: the first attempt deleted it\.$/,
      truth: async () => {
        const events = (await api.tree.getChildren(webhooks)).filter(isItem);
        const shown = (await Promise.all(events.map(async (e) => (await api.tree.getChildren(e)).map(label)))).flat().sort();
        assert.deepEqual(shown, (await urls()).sort(), 'Delete webhook: the tree shows the URLs Mailgun has');
      },
    });
    assert.ok(!(await urls()).includes(url));
  });

  matrix('Delete account webhook', ACCOUNT_WEBHOOK_DELETE_FAULTS, async (fault) => {
    const url = `https://hooks.example.com/account-fault-${++n}`;
    const { webhook_id: id } = await mailgun<{ webhook_id: string }>('POST', 'v1/webhooks', { url, event_types: 'opened', description: 'fault matrix' });
    const accountWebhooks = await fresh(await child(api, us, 'Account webhooks'));
    const node = await child(api, accountWebhooks, url);
    const urls = async () => (await mailgun<{ webhooks: Array<{ url: string }> }>('GET', 'v1/webhooks')).webhooks.map((w) => w.url).sort();
    await failThenRetry({
      where: 'Delete account webhook',
      fault,
      method: 'DELETE',
      path: `/v1/webhooks/${id}`,
      run: () => vscode.commands.executeCommand('mailgun.deleteAccountWebhook', node),
      success: /^Deleted the account webhook|is no longer in .*: the first attempt deleted it\.$/,
      truth: async () => {
        const shown = (await api.tree.getChildren(accountWebhooks)).filter(isItem).map(label).sort();
        assert.deepEqual(shown, await urls(), 'Delete account webhook: the tree shows the webhooks Mailgun has');
      },
    });
  });

  // ---- The stats panel: its error message with Retry, and Retry draws the charts. ----

  matrix('Stats panel', ALL, async (fault) => {
    const panel = await vscode.commands.executeCommand<StatsPanel>('mailgun.showStats', await child(api, await child(api, (await api.tree.getChildren())[0], 'US'), main));
    await eventually(() => (panel.received.some((m) => m.type === 'ready') && !panel.loading ? true : undefined), 'the panel to be ready and its first load to settle', 20_000);
    // Metrics first, then the Stats API as its fallback: both fail.
    await inject('POST', '/v1/analytics/metrics', fault);
    await inject('GET', '/v3/**/stats/total', fault);
    await panel.load(panel.currentQuery);
    const last = panel.posted.at(-1) as Extract<HostMessage, { type: 'error' }>;
    assert.equal(last.type, 'error', 'the panel shows an error');
    assertSentence(last.message, 'Stats panel');
    assert.equal(last.canRetry, true, 'with Retry');
    await fake.clearFaults();
    await panel.load(last.query); // what the panel's Retry button asks for
    assert.equal(panel.posted.at(-1)?.type, 'data', 'Retry draws the charts');
  });
});
