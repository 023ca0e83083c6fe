// Every command run from the Command Palette, with no explorer item: its pickers and prompts, answered as a user
// would, end in the change on the fake Mailgun (or the text on the clipboard).
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { DEMO_API_KEY, DEMO_DOMAINS } from '../fake-mailgun/seeds/names';
import type { TestApi } from '../../src/extension';
import { TestDnsServer } from '../fake-dns/server';
import { fake, requestsDuring, type LoggedRequest } from './fake';
import { addDemoAccount, child, eventually, removeAllAccounts, setConfig, standInForUser, startClean } from './helpers';
import { answering, type Answer } from './userInput';

const calls = (log: LoggedRequest[], method: string): string[] => log.filter((r) => r.method === method).map((r) => r.path);

suite('Palette flows', () => {
  let api: TestApi;
  let dir: string;
  let user: ReturnType<typeof standInForUser>;
  /** Add Domain and Verify DNS look the records up live: here, on an empty test DNS server. */
  let dns: TestDnsServer;
  const main = DEMO_DOMAINS.us.main;
  const newsletter = DEMO_DOMAINS.us.newsletter;
  const client = (region: 'us' | 'eu') => api.clients.get(api.accounts.list()[0].id, region);

  /** Runs `command` with no argument, answering its prompts; returns its result and the requests it made. */
  async function palette<T>(command: string, answers: Answer[]): Promise<{ result: T; log: LoggedRequest[] }> {
    let result: T | undefined;
    const log = await requestsDuring(async () => {
      result = await answering(api, answers, () => vscode.commands.executeCommand<T>(command));
    });
    return { result: result as T, log };
  }

  suiteSetup(async () => {
    ({ api } = await startClean());
    dir = mkdtempSync(join(tmpdir(), 'mailgun-palette-'));
    user = standInForUser(api);
    dns = await TestDnsServer.start();
    await setConfig('dnsServers', [dns.address]);
    await addDemoAccount();
  });

  suiteTeardown(async () => {
    user.restore();
    await setConfig('dnsServers', undefined);
    await dns.close();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await fake.reset('demo');
    await removeAllAccounts(api);
    rmSync(dir, { recursive: true, force: true });
  });

  // ---- Suppressions ----

  test('Add Suppression: region, domain, list, address, code and error', async () => {
    const { result } = await palette('mailgun.addSuppression', ['US', main, 'Bounces', 'palette@example.com', '552', 'Mailbox full']);
    assert.equal(result, true);
    const added = (await fake.records({ domain: main, list: 'bounces' })).find((r) => r.address === 'palette@example.com');
    assert.equal(added?.code, '552');
  });

  test('Delete Suppression: region, domain, list, the address typed, then Delete', async () => {
    await fake.putRecords({ domain: main, list: 'complaints' }, [{ address: 'gone@example.com', created_at: new Date().toUTCString() }]);
    const { result, log } = await palette('mailgun.deleteSuppression', ['US', main, 'Complaints', 'gone@example.com', 'Delete']);
    assert.equal(result, true);
    assert.deepEqual(calls(log, 'DELETE'), [`/v3/${main}/complaints/gone%40example.com`]);
    assert.ok(!(await fake.records({ domain: main, list: 'complaints' })).some((r) => r.address === 'gone@example.com'));
  });

  test('Export Suppressions: region, domain, list, file', async () => {
    const file = vscode.Uri.file(join(dir, 'palette-bounces.csv'));
    const { result } = await palette<{ rows: number }>('mailgun.exportSuppressions', ['US', main, 'Bounces', file]);
    const lines = readFileSync(file.fsPath, 'utf8').trim().split(/\r?\n/);
    assert.equal(result.rows, (await fake.records({ domain: main, list: 'bounces' })).length);
    assert.equal(lines.length - 1, result.rows);
  });

  test('Import Suppressions: region, domain, list, file', async () => {
    const file = join(dir, 'palette-unsubscribes.csv');
    writeFileSync(file, 'address,tags\nimported@example.com,*\n');
    const { result } = await palette<{ sent: boolean; rows: number }>('mailgun.importSuppressions', ['US', main, 'Unsubscribes', vscode.Uri.file(file)]);
    assert.deepEqual({ sent: result.sent, rows: result.rows }, { sent: true, rows: 1 });
    assert.ok((await fake.records({ domain: main, list: 'unsubscribes' })).some((r) => r.address === 'imported@example.com'));
  });

  test('Clear Suppression List: region, domain, list, no export, the domain typed', async () => {
    assert.ok((await fake.records({ domain: newsletter, list: 'complaints' })).length > 0);
    const { result } = await palette('mailgun.clearSuppressions', ['US', newsletter, 'Complaints', 'Clear Without Export', newsletter]);
    assert.equal(result, true);
    assert.deepEqual(await fake.records({ domain: newsletter, list: 'complaints' }), []);
  });

  test('Clear Suppression List with export first: the file holds the list that is then cleared', async () => {
    const before = (await fake.records({ domain: newsletter, list: 'bounces' })).length;
    assert.ok(before > 0);
    const file = vscode.Uri.file(join(dir, 'before-clear.csv'));
    await palette('mailgun.clearSuppressions', ['US', newsletter, 'Bounces', 'Export CSV First…', file, newsletter]);
    assert.equal(readFileSync(file.fsPath, 'utf8').trim().split(/\r?\n/).length - 1, before);
    assert.deepEqual(await fake.records({ domain: newsletter, list: 'bounces' }), []);
  });

  // ---- Domains ----

  test('Add, Verify and Delete Domain from the palette', async () => {
    const name = 'palette.example.com';
    const added = await palette('mailgun.addDomain', ['US', name, '', '']);
    assert.deepEqual(calls(added.log, 'POST'), ['/v4/domains']);
    assert.ok(dns.asked.includes(`TXT ${name}`), 'the live check after Add Domain asked the test DNS server');
    const verified = await palette('mailgun.verifyDomain', ['US', name]);
    assert.ok(calls(verified.log, 'PUT').some((p) => p.includes(name)), `a verify request: ${calls(verified.log, 'PUT').join(', ')}`);
    const deleted = await palette('mailgun.deleteDomain', ['US', name, name]);
    assert.deepEqual(calls(deleted.log, 'DELETE'), [`/v3/domains/${name}`]);
  });

  test('Copy Domain Name and Copy DNS Records: region and domain', async () => {
    await vscode.env.clipboard.writeText('');
    await palette('mailgun.copyDomainName', ['US', main]);
    assert.equal(await vscode.env.clipboard.readText(), main);
    await palette('mailgun.copyDnsRecords', ['US', main]);
    assert.match(await vscode.env.clipboard.readText(), new RegExp(main.replace(/\./g, '\\.')));
  });

  test('Turn Off and On Tracking: region, domain, which tracking', async () => {
    const off = await palette('mailgun.turnOffTracking', ['US', main, 'Open tracking']);
    assert.deepEqual(calls(off.log, 'PUT'), [`/v3/domains/${main}/tracking/open`]);
    const on = await palette('mailgun.turnOnTracking', ['US', main, 'Open tracking']);
    assert.deepEqual(calls(on.log, 'PUT'), [`/v3/domains/${main}/tracking/open`]);
    const click = await palette('mailgun.setClickTracking', ['US', main, 'HTML only']);
    assert.deepEqual(calls(click.log, 'PUT'), [`/v3/domains/${main}/tracking/click`]);
  });

  // ---- Webhooks ----

  test('Add and Delete Webhook: region, domain, URL, event types; then the URL picked and Delete', async () => {
    const url = 'https://hooks.example.com/palette';
    const added = await palette('mailgun.addWebhook', ['US', main, url, ['delivered', 'opened']]);
    assert.equal(calls(added.log, 'POST').length, 1);
    const edited = await palette('mailgun.editWebhookEvents', ['US', main, url, ['delivered']]);
    assert.equal(calls(edited.log, 'PUT').length, 1);
    const deleted = await palette('mailgun.deleteWebhook', ['US', main, url, 'Delete']);
    assert.equal(calls(deleted.log, 'DELETE').length + calls(deleted.log, 'PUT').length, 1);
  });

  test('Add and Delete Account Webhook: region, URL, event types, description; then the webhook picked and Delete', async () => {
    const url = 'https://hooks.example.com/palette-account';
    const added = await palette('mailgun.addAccountWebhook', ['US', url, ['permanent_fail'], 'From the palette']);
    assert.deepEqual(calls(added.log, 'POST'), ['/v1/webhooks']);
    const edited = await palette('mailgun.editAccountWebhook', ['US', url, url, ['permanent_fail', 'delivered'], 'Edited from the palette']);
    assert.equal(calls(edited.log, 'PUT').length, 1);
    const deleted = await palette('mailgun.deleteAccountWebhook', ['US', url, 'Delete']);
    assert.equal(calls(deleted.log, 'DELETE').length, 1);
  });

  test('Generate and Regenerate Certificate: region and domain', async () => {
    const generated = await palette('mailgun.generateCertificate', ['US', newsletter]);
    assert.deepEqual(calls(generated.log, 'POST'), [`/v2/x509/email.${newsletter}`]);
    const regenerated = await palette('mailgun.regenerateCertificate', ['EU', DEMO_DOMAINS.eu.main]);
    assert.deepEqual(calls(regenerated.log, 'PUT'), [`/v2/x509/email.${DEMO_DOMAINS.eu.main}`]);
  });

  test('Turn On and Off HTTPS Tracking: region and domain (its certificate is being issued, so nothing more is asked)', async () => {
    const on = await palette('mailgun.turnOnHttpsTracking', ['US', newsletter]);
    assert.deepEqual(calls(on.log, 'PUT'), [`/v4/domains/${newsletter}`]);
    assert.equal((await (await client('us')).tracking.get(newsletter)).web_scheme, 'https');
    const off = await palette('mailgun.turnOffHttpsTracking', ['US', newsletter]);
    assert.deepEqual(calls(off.log, 'PUT'), [`/v4/domains/${newsletter}`]);
    assert.equal((await (await client('us')).tracking.get(newsletter)).web_scheme, 'http');
  });

  test('Open in Control Panel: region and domain; the domain\'s settings page opens', async () => {
    const opened: string[] = [];
    const original = api.open.external;
    api.open.external = (uri) => {
      opened.push(uri.toString(true));
      return Promise.resolve(true);
    };
    try {
      await palette('mailgun.openInControlPanel', ['US', main]);
    } finally {
      api.open.external = original;
    }
    assert.deepEqual(opened, [`https://app.mailgun.com/mg/sending/${main}/settings`]);
  });

  test('Refresh: what was loaded is loaded again', async () => {
    const us = await child(api, (await api.tree.getChildren())[0], 'US');
    await api.tree.getChildren(us);
    const cached = await requestsDuring(async () => void (await api.tree.getChildren(us)));
    assert.deepEqual(calls(cached, 'GET'), [], 'loaded once, kept');
    const refreshed = await requestsDuring(async () => {
      await palette('mailgun.refresh', []);
      await api.tree.getChildren(us);
    });
    assert.ok(calls(refreshed, 'GET').some((p) => p === '/v4/domains'), `the domains are listed again: ${calls(refreshed, 'GET').join(', ')}`);
  });

  test('Show Logs: the Mailgun log opens', async () => {
    const logShown = () => [...vscode.workspace.textDocuments, ...vscode.window.visibleTextEditors.map((e) => e.document)].some((d) => d.uri.scheme === 'output' && /Mailgun/.test(d.uri.path));
    api.log.info('Palette flows: Show Logs');
    await palette('mailgun.showLogs', []);
    await eventually(() => (logShown() ? true : undefined), 'the Mailgun log channel to be shown');
  });

  suite('Webhook testing', () => {
    let server: Server;
    let url: string;
    const received: string[] = [];

    suiteSetup(async () => {
      server = createServer((req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          received.push(body);
          res.end('ok');
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/palette`;
    });

    suiteTeardown(async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    });

    test('Send Test Webhook Event: region, domain, then the event type and URL picked', async () => {
      await (await client('us')).domainWebhooks.create(main, { url, event_types: ['unsubscribed'] });
      const { result } = await palette<{ status: number }>('mailgun.sendTestWebhook', ['US', main, (i) => i.label === 'unsubscribed' && i.description === url]);
      assert.equal(result.status, 200);
      assert.equal(received.length, 1);
      assert.equal((JSON.parse(received[0]) as { 'event-data': { event: string } })['event-data'].event, 'unsubscribed');
    });
  });

  test('Verify Webhook Signature: the only account is taken, the payload pasted', async () => {
    const { result, log } = await palette<{ verdict: string }>('mailgun.verifyWebhookSignature', [JSON.stringify({ signature: { timestamp: '1', token: 't'.repeat(50), signature: '0'.repeat(64) } })]);
    assert.equal(result.verdict, 'invalid');
    assert.ok(calls(log, 'GET').length > 0, 'the signing key is read from Mailgun');
  });

  // ---- Keys ----

  test('Rename Account: the only account is taken, the new name typed', async () => {
    await palette('mailgun.renameAccount', ['Renamed from the palette']);
    assert.equal(api.accounts.list()[0].label, 'Renamed from the palette');
  });

  test('Update API Key: the only account is taken, the key typed and checked with Mailgun', async () => {
    const { result, log } = await palette('mailgun.updateApiKey', [DEMO_API_KEY]);
    assert.equal(result, true);
    assert.ok(log.length > 0, 'the key is checked with Mailgun');
    assert.equal(api.accounts.list()[0].keySuffix, DEMO_API_KEY.slice(-4));
  });

  test('Remove API Key: the only account is taken, then Remove', async () => {
    await palette('mailgun.removeApiKey', ['Remove']);
    assert.deepEqual(api.accounts.list(), []);
    await addDemoAccount();
  });

  test('Add API Key: the name and the key typed; it says how many domains the key check found in each region', async () => {
    await removeAllAccounts(api);
    const { result: id } = await palette<string | undefined>('mailgun.addApiKey', ['Production', DEMO_API_KEY]);
    assert.ok(id);
    const count = async (region: 'us' | 'eu') => (await (await api.clients.get(id, region)).domains.list({ limit: 1 })).totalCount;
    const [us, eu] = [await count('us'), await count('eu')];
    assert.ok(us > 1 && eu > 1, `${us} and ${eu}`);
    const said = user.said.filter((s) => s.message.startsWith('Added Production')).at(-1);
    assert.equal(said?.message, `Added Production: ${us} domains in US, ${eu} in EU.`);
    assert.equal(said.severity, 'info');
  });
});
