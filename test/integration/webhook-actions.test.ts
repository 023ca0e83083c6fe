import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { DEMO_API_KEY, DEMO_DOMAINS } from '../fake-mailgun/seeds/names';
import type { TestApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/node';
import { fake } from './fake';
import { addDemoAccount, child, label, removeAllAccounts, standInForUser, startClean } from './helpers';
import { answering, CANCEL, TestUserInput, type Answer } from './userInput';

/** Event type → URLs as the tree shows them under a Webhooks node (loads it). */
async function shown(api: TestApi, webhooks: TreeNode): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const e of await api.tree.getChildren(webhooks)) {
    const urls = (await api.tree.getChildren(e)).map(label);
    if (urls.length > 0 && /^https?:/.test(urls[0])) out[label(e)] = urls;
  }
  return out;
}

async function signingKey(usUrl: string): Promise<string> {
  const res = await fetch(new URL('v5/accounts/http_signing_key', usUrl), { headers: { authorization: `Basic ${Buffer.from(`api:${DEMO_API_KEY}`).toString('base64')}` } });
  return ((await res.json()) as { http_signing_key: string }).http_signing_key;
}

suite('Webhook actions', () => {
  let api: TestApi;
  let urls: { us: string; eu: string };
  let us: TreeNode;
  let user: ReturnType<typeof standInForUser>;

  suiteSetup(async () => {
    ({ api, urls } = await startClean());
    user = standInForUser(api);
    await addDemoAccount();
    us = await child(api, (await api.tree.getChildren())[0], 'US');
  });

  suiteTeardown(async () => {
    user.restore();
    await removeAllAccounts(api);
  });

  setup(async () => {
    await fake.clearRequests();
  });

  /** Runs a command on `node` answering its prompts as told. */
  const run = <T>(command: string, node: TreeNode | undefined, ...answers: Answer[]): Promise<T> =>
    answering(api, answers, () => vscode.commands.executeCommand<T>(command, node));

  const webhooksOf = async (domain: string) => child(api, await child(api, us, domain), 'Webhooks');

  test('Add Webhook puts one URL on several event types with one v4 POST, and the list reloads', async () => {
    const webhooks = await webhooksOf(DEMO_DOMAINS.us.main);
    await shown(api, webhooks);
    const url = 'https://new-hooks.example.com/mailgun';
    await run('mailgun.addWebhook', webhooks, url, ['delivered', 'accepted']);
    const posts = await fake.requests({ method: 'POST', path: `/v4/domains/${DEMO_DOMAINS.us.main}/webhooks` });
    assert.equal(posts.length, 1);
    const map = await shown(api, webhooks);
    assert.ok(map.delivered.includes(url) && map.accepted.includes(url), JSON.stringify(map));
    assert.equal(user.lastSaid().severity, 'info');
  });

  test('a URL that is not http(s) is refused with no request', async () => {
    const webhooks = await webhooksOf(DEMO_DOMAINS.us.main);
    // The URL box refuses it with this sentence, so it can't be accepted.
    await assert.rejects(run('mailgun.addWebhook', webhooks, 'ftp://files.example.com/x'), /https:\/\//);
    assert.equal((await fake.requests()).length, 0);
  });

  test('Add Webhook: a full event type is shown full and refused with the step kept open, the typed URL kept', async () => {
    const webhooks = await webhooksOf(DEMO_DOMAINS.us.newsletter);
    const url = 'https://fourth.example.com/mg';
    const steps = new (class extends TestUserInput {
      readonly shown: vscode.QuickPickItem[][] = [];
      override pickStep<T extends vscode.QuickPickItem>(options: Parameters<TestUserInput['pickStep']>[0] & { items: T[] }) {
        this.shown.push(options.items);
        return super.pickStep(options);
      }
    })([url, ['clicked', 'delivered'], ['clicked']]);
    await answering(api, steps, () => vscode.commands.executeCommand('mailgun.addWebhook', webhooks));
    const delivered = steps.shown[0].find((i) => i.label === 'delivered');
    assert.equal(delivered?.description, "full: 3 URLs already, can't take another");
    assert.deepEqual(steps.kinds, ['step', 'step', 'step'], 'the URL, the refused pick, the pick again: the URL was not asked again');
    const refusal = user.said.filter((s) => s.severity === 'warning').at(-1);
    assert.equal(refusal?.message, 'delivered is full: Mailgun allows 3 URLs per event type. Untick it, or delete one of its URLs first.');
    const posts = await fake.requests({ method: 'POST' });
    assert.equal(posts.length, 1, 'one POST, after the refusal was answered');
    const map = await shown(api, webhooks);
    assert.ok(map.clicked.includes(url), JSON.stringify(map));
    assert.ok(!map.delivered.includes(url));
  });

  test('Add Webhook: an http:// URL is accepted with a warning in its box, and the result says it travels unencrypted', async () => {
    const webhooks = await webhooksOf(DEMO_DOMAINS.us.main);
    const url = 'http://plain.example.com/mailgun';
    const steps = new TestUserInput([url, ['accepted']]);
    await answering(api, steps, () => vscode.commands.executeCommand('mailgun.addWebhook', webhooks));
    assert.deepEqual(steps.warnings, ['http:// works, but the events (recipient addresses included) travel unencrypted: use https:// where you can.']);
    assert.ok((await shown(api, webhooks)).accepted.includes(url));
    assert.match(user.lastSaid().message, /now posts accepted events to http:\/\/plain\.example\.com\/mailgun\. .* Note: http:\/\/ works, but the events .* travel unencrypted/);
  });

  test('adding a URL an event type already posts to is refused with the step kept open, pointing at Edit', async () => {
    const webhooks = await webhooksOf(DEMO_DOMAINS.us.main);
    await run('mailgun.addWebhook', webhooks, 'https://hooks.acme-demo.com/mailgun/engagement', ['opened'], CANCEL);
    assert.equal((await fake.requests({ method: 'POST' })).length, 0);
    assert.match(user.lastSaid().message, /already gets opened events\. Untick it, or use "Edit Webhook Events…"/);
  });

  test('Edit Webhook Events replaces the URL\'s event types with a v4 PUT', async () => {
    const webhooks = await webhooksOf(DEMO_DOMAINS.us.main);
    const url = 'https://new-hooks.example.com/mailgun';
    const node = await child(api, await child(api, webhooks, 'delivered'), url);
    await run('mailgun.editWebhookEvents', node, ['clicked', 'complained']);
    assert.equal((await fake.requests({ method: 'PUT', path: `/v4/domains/${DEMO_DOMAINS.us.main}/webhooks` })).length, 1);
    const map = await shown(api, webhooks);
    assert.ok(map.clicked.includes(url) && map.complained.includes(url));
    assert.ok(!(map.delivered ?? []).includes(url) && !(map.accepted ?? []).includes(url));
  });

  test('editing into a full event type is refused before sending', async () => {
    const webhooks = await webhooksOf(DEMO_DOMAINS.us.newsletter);
    const node = await child(api, await child(api, webhooks, 'unsubscribed'), 'https://crm.acme-demo.com/unsubscribe');
    await run('mailgun.editWebhookEvents', node, ['unsubscribed', 'delivered']);
    assert.equal((await fake.requests({ method: 'PUT' })).length, 0);
    assert.match(user.lastSaid().message, /delivered already has 3 URLs/);
  });

  test('Delete asks first; declined, nothing is sent', async () => {
    const webhooks = await webhooksOf(DEMO_DOMAINS.us.main);
    const node = await child(api, await child(api, webhooks, 'delivered'), 'https://hooks.acme-demo.com/mailgun/delivered');
    assert.equal(await run('mailgun.deleteWebhook', node, CANCEL), undefined);
    assert.equal((await fake.requests({ method: 'DELETE' })).length, 0);
  });

  test('Delete removes a URL from one event type (PUT with the rest) or from all (v4 DELETE)', async () => {
    const webhooks = await webhooksOf(DEMO_DOMAINS.us.main);
    const url = 'https://new-hooks.example.com/mailgun';
    const inClicked = await child(api, await child(api, webhooks, 'clicked'), url);
    const ui = new TestUserInput(['Only from clicked', 'Delete']);
    assert.equal(await answering(api, ui, () => vscode.commands.executeCommand('mailgun.deleteWebhook', inClicked)), true);
    assert.match(ui.asked[1], /"clicked"/);
    let map = await shown(api, webhooks);
    assert.ok(!map.clicked.includes(url) && map.complained.includes(url), JSON.stringify(map));

    const inComplained = await child(api, await child(api, webhooks, 'complained'), url);
    assert.equal(await run('mailgun.deleteWebhook', inComplained, 'Delete'), true);
    const deletes = await fake.requests({ method: 'DELETE', path: `/v4/domains/${DEMO_DOMAINS.us.main}/webhooks` });
    assert.equal(deletes.length, 1);
    assert.deepEqual(deletes[0].query, { url });
    map = await shown(api, webhooks);
    assert.ok(Object.values(map).every((u) => !u.includes(url)));
  });

  test('Delete on an event type removes all its URLs (v3 DELETE)', async () => {
    const webhooks = await webhooksOf(DEMO_DOMAINS.us.main);
    const failed = await child(api, webhooks, 'permanent_fail');
    assert.equal(await run('mailgun.deleteWebhook', failed, 'Delete'), true);
    assert.equal((await fake.requests({ method: 'DELETE', path: `/v3/domains/${DEMO_DOMAINS.us.main}/webhooks/permanent_fail` })).length, 1);
    assert.equal((await shown(api, webhooks)).permanent_fail, undefined);
  });

  test('a failure from Mailgun ends in an error notification with Show Logs', async () => {
    const webhooks = await webhooksOf(DEMO_DOMAINS.us.main);
    await fake.fault({ path: `/v4/domains/*/webhooks`, method: 'POST', status: 400, body: { Reason: 'invalid parameters: host not found' }, times: 1 });
    try {
      assert.equal(await run('mailgun.addWebhook', webhooks, 'https://nowhere.example.com/x', ['opened']), undefined);
    } finally {
      await fake.clearFaults();
    }
    assert.equal(user.lastSaid().severity, 'error');
    assert.match(user.lastSaid().message, /host not found/);
  });

  suite('Send Test Event', () => {
    let server: Server;
    let hookUrl: string;
    let status = 200;
    const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];

    suiteSetup(async () => {
      server = createServer((req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          received.push({ headers: req.headers, body });
          res.statusCode = status;
          res.end(status === 200 ? 'ok, got it' : 'not for me');
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mailgun`;
    });

    suiteTeardown(async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    });

    test('posts a sample event signed with the account\'s signing key, and reports the answer', async () => {
      const webhooks = await webhooksOf(DEMO_DOMAINS.us.main);
      await run('mailgun.addWebhook', webhooks, hookUrl, ['opened']);
      const node = await child(api, await child(api, webhooks, 'opened'), hookUrl);
      const result = await vscode.commands.executeCommand<{ status: number; body: string }>('mailgun.sendTestWebhook', node);
      assert.equal(result?.status, 200);
      assert.equal(result?.body, 'ok, got it');
      assert.equal(received.length, 1);
      const { headers, body } = received[0];
      assert.equal(headers['content-type'], 'application/json');
      assert.equal(headers.authorization, undefined, 'no credentials go to the webhook');
      assert.ok(!body.includes(DEMO_API_KEY), 'the API key is never sent');
      const key = await signingKey(urls.us);
      assert.ok(!body.includes(key), 'nor the signing key');
      const payload = JSON.parse(body) as { signature: { timestamp: string; token: string; signature: string }; 'event-data': Record<string, unknown> };
      const { timestamp, token, signature } = payload.signature;
      assert.match(token, /^[0-9a-f]{50}$/);
      assert.ok(Math.abs(Date.now() / 1000 - Number(timestamp)) < 60);
      assert.equal(signature, createHmac('sha256', key).update(timestamp + token).digest('hex'));
      assert.equal(payload['event-data'].event, 'opened');
      assert.equal(user.lastSaid().severity, 'info');
      assert.match(user.lastSaid().message, /200/);
    });

    test('a non-200 answer is shown as a warning with its status and body', async () => {
      status = 406;
      const webhooks = await webhooksOf(DEMO_DOMAINS.us.main);
      const node = await child(api, await child(api, webhooks, 'opened'), hookUrl);
      const result = await vscode.commands.executeCommand<{ status: number }>('mailgun.sendTestWebhook', node);
      assert.equal(result?.status, 406);
      assert.equal(user.lastSaid().severity, 'warning');
      assert.match(user.lastSaid().message, /406.*not for me.*not retry/);
    });

    test('an account webhook gets the event type asked for', async () => {
      status = 200;
      const accountWebhooks = await child(api, us, 'Account webhooks');
      await run('mailgun.addAccountWebhook', accountWebhooks, hookUrl, ['clicked', 'complained'], 'test sink');
      const node = await child(api, accountWebhooks, hookUrl);
      const before = received.length;
      const result = await run<{ status: number }>('mailgun.sendTestWebhook', node, 'complained');
      assert.equal(result?.status, 200);
      assert.equal(received.length, before + 1);
      assert.equal((JSON.parse(received.at(-1)!.body) as { 'event-data': { event: string } })['event-data'].event, 'complained');
    });

    test('an endpoint that is down ends in an error notification', async () => {
      const closed = createServer();
      await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
      const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/gone`;
      await new Promise((r) => closed.close(r));
      const webhooks = await webhooksOf(DEMO_DOMAINS.us.main);
      await run('mailgun.addWebhook', webhooks, url, ['temporary_fail']);
      const node = await child(api, await child(api, webhooks, 'temporary_fail'), url);
      assert.equal(await vscode.commands.executeCommand('mailgun.sendTestWebhook', node), undefined);
      assert.equal(user.lastSaid().severity, 'error');
      assert.match(user.lastSaid().message, /refused/);
    });
  });

  suite('Account webhooks', () => {
    const url = 'https://ops.example.com/mailgun/account';

    test('Add creates one in the region of the node only', async () => {
      const accountWebhooks = await child(api, us, 'Account webhooks');
      const before = (await api.tree.getChildren(accountWebhooks)).length;
      const id = await run<string>('mailgun.addAccountWebhook', accountWebhooks, url, ['delivered', 'permanent_fail'], 'Ops');
      assert.ok(id);
      const posts = await fake.requests({ method: 'POST', path: '/v1/webhooks' });
      assert.deepEqual(posts.map((p) => p.region), ['us']);
      const after = await api.tree.getChildren(accountWebhooks);
      assert.equal(after.length, before + 1);
      assert.ok(after.some((n) => label(n) === url));
      const eu = await child(api, await child(api, (await api.tree.getChildren())[0], 'EU'), 'Account webhooks');
      assert.ok(!(await api.tree.getChildren(eu)).some((n) => label(n) === url), 'EU does not have it');
    });

    test('Edit replaces URL, event types and description (PUT, 204)', async () => {
      const accountWebhooks = await child(api, us, 'Account webhooks');
      const node = await child(api, accountWebhooks, url);
      const moved = `${url}/v2`;
      assert.equal(await run('mailgun.editAccountWebhook', node, moved, ['opened'], 'Ops v2'), true);
      const puts = await fake.requests({ method: 'PUT', path: '/v1/webhooks/*' });
      assert.equal(puts.length, 1);
      assert.equal(puts[0].region, 'us');
      const edited = await child(api, accountWebhooks, moved);
      assert.equal(edited.getTreeItem().description, 'Ops v2');
    });

    test('Delete asks first, then deletes in its region', async () => {
      const accountWebhooks = await child(api, us, 'Account webhooks');
      const node = await child(api, accountWebhooks, `${url}/v2`);
      assert.equal(await run('mailgun.deleteAccountWebhook', node, CANCEL), undefined);
      assert.equal((await fake.requests({ method: 'DELETE' })).length, 0);
      assert.equal(await run('mailgun.deleteAccountWebhook', node, 'Delete'), true);
      const deletes = await fake.requests({ method: 'DELETE', path: '/v1/webhooks/*' });
      assert.deepEqual(deletes.map((d) => d.region), ['us']);
      assert.ok(!(await api.tree.getChildren(accountWebhooks)).some((n) => label(n) === `${url}/v2`));
    });

    test('EU account webhooks are separate: add and delete there', async () => {
      const eu = await child(api, await child(api, (await api.tree.getChildren())[0], 'EU'), 'Account webhooks');
      const euUrl = 'https://eu-ops.example.eu/mailgun';
      await run('mailgun.addAccountWebhook', eu, euUrl, ['accepted'], '');
      const node = await child(api, eu, euUrl);
      assert.equal(await run('mailgun.deleteAccountWebhook', node, 'Delete'), true);
      const writes = (await fake.requests()).filter((r) => r.method !== 'GET');
      assert.deepEqual(writes.map((r) => `${r.method} ${r.region}`), ['POST eu', 'DELETE eu']);
    });

    test('a fourth URL on an event type is refused before sending', async () => {
      const accountWebhooks = await child(api, us, 'Account webhooks');
      for (const n of [1, 2, 3]) await run('mailgun.addAccountWebhook', accountWebhooks, `https://full${n}.example.com/x`, ['unsubscribed'], '');
      await fake.clearRequests();
      await run('mailgun.addAccountWebhook', accountWebhooks, 'https://full4.example.com/x', ['unsubscribed']);
      assert.equal((await fake.requests({ method: 'POST' })).length, 0);
      assert.match(user.lastSaid().message, /unsubscribed already has 3 URLs/);
    });
  });

  suite('Verify Webhook Signature', () => {
    const sign = (key: string, timestamp: string, token: string) => createHmac('sha256', key).update(timestamp + token).digest('hex');
    // From the palette: the only account is taken, and the payload is pasted in the box.
    const verify = (payload: string) => run<{ verdict: string } | undefined>('mailgun.verifyWebhookSignature', undefined, payload);

    test('valid, invalid and stale, said clearly', async () => {
      const key = await signingKey(urls.us);
      const token = 'f'.repeat(50);
      const now = String(Math.floor(Date.now() / 1000));
      const body = (timestamp: string, signature: string) => JSON.stringify({ signature: { timestamp, token, signature }, 'event-data': { event: 'delivered' } });

      assert.equal((await verify(body(now, sign(key, now, token))))?.verdict, 'valid');
      assert.equal(user.lastSaid().severity, 'info');
      assert.match(user.lastSaid().message, /^Valid/);

      assert.equal((await verify(body(now, sign('key-someone-else', now, token))))?.verdict, 'invalid');
      assert.equal(user.lastSaid().severity, 'error');
      assert.match(user.lastSaid().message, /^Invalid/);

      const hourAgo = String(Number(now) - 3600);
      assert.equal((await verify(body(hourAgo, sign(key, hourAgo, token))))?.verdict, 'stale');
      assert.equal(user.lastSaid().severity, 'warning');
      assert.match(user.lastSaid().message, /^Stale.*1 hour ago/);

      assert.equal((await verify(`${now} ${token} ${sign(key, now, token)}`))?.verdict, 'valid', 'three values work too');
    });

    test('text that holds no signature is refused without asking Mailgun', async () => {
      // The box refuses it with this sentence, so it can't be accepted.
      await assert.rejects(verify('{"event-data": {}}'), /no timestamp, token, signature/);
      assert.equal((await fake.requests()).length, 0);
    });
  });
});
