import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DEMO_DOMAINS } from '../fake-mailgun/seeds/names';
import type { VerifyWithLiveCheck } from '../../src/dns/dns-check-report';
import { TestDnsServer } from '../fake-dns/server';
import { zoneWith } from '../fake-dns/zones';
import type { TestApi } from '../../src/extension';
import type { DomainNode } from '../../src/tree/domain-node';
import type { TreeNode } from '../../src/tree/node';
import { fake, requestsDuring, type LoggedRequest } from './fake';
import { answering, CANCEL, TestUserInput, type Answer } from './userInput';
import { addDemoAccount, child, contextValue, description, eventually, label, removeAllAccounts, setConfig, shown, standInForUser, startClean } from './helpers';

const icon = (n: TreeNode): string => (shown(n).iconPath as vscode.ThemeIcon | undefined)?.id ?? '';

const calls = (log: LoggedRequest[]): string[] => log.map((r) => `${r.method} ${r.path}`);

suite('Domain actions', () => {
  let api: TestApi;
  let account: TreeNode;
  let us: TreeNode;
  let eu: TreeNode;
  let user: ReturnType<typeof standInForUser>;
  /** What the live DNS checks after Add Domain and before Verify DNS look up, instead of a real resolver. */
  let dns: TestDnsServer;

  /** The tracking settings of a domain as the tree shows them after a reload. */
  async function trackingOf(region: TreeNode, domain: string): Promise<Record<string, TreeNode>> {
    const tracking = await child(api, await child(api, region, domain), 'Tracking');
    const kids = await api.tree.getChildren(tracking);
    return Object.fromEntries(kids.map((k) => [label(k), k]));
  }

  suiteSetup(async () => {
    ({ api } = await startClean());
    await setConfig('requestTimeoutSeconds', 5);
    dns = await TestDnsServer.start();
    await setConfig('dnsServers', [dns.address]);
    user = standInForUser(api);
    await addDemoAccount();
    account = (await api.tree.getChildren())[0];
    us = await child(api, account, 'US');
    eu = await child(api, account, 'EU');
  });

  setup(() => {
    user.reset();
  });

  suiteTeardown(async () => {
    user.restore();
    await fake.clearFaults();
    await fake.reset('demo');
    await setConfig('requestTimeoutSeconds', undefined);
    await setConfig('confirmDestructiveActions', undefined);
    await setConfig('dnsServers', undefined);
    await dns.close();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeAllAccounts(api);
  });

  test('Add Domain creates the domain with the chosen options, reveals it, and checks its DNS at once', async () => {
    dns.zone = zoneWith('mail.example-shop.com', {});
    await api.tree.getChildren(us);
    let created: string | undefined;
    const log = await requestsDuring(async () => {
      created = await answering(api, ['Mail.Example-Shop.com', 'Tag spam', ['2048-bit DKIM key', 'Receive mail for subdomains (wildcard)']], () => vscode.commands.executeCommand<string | undefined>('mailgun.addDomain', us));
    });
    assert.equal(created, 'mail.example-shop.com');
    assert.equal(calls(log)[0], 'POST /v4/domains');
    assert.ok(calls(log).includes('GET /v4/domains'), 'the region is listed again');
    const s = user.lastSaid();
    assert.equal(s.severity, 'info');
    assert.match(s.message, /^Mailgun added mail\.example-shop\.com to the US region\. 0 of 3 sending records of mail\.example-shop\.com are published correctly, 3 missing \(looked up with 127\.0\.0\.1:\d+\)\. The report beside lists each record/);
    assert.deepEqual(s.actions, ['Copy All Records', 'Verify DNS']);
    assert.ok(dns.asked.includes('TXT mail.example-shop.com'), 'the check asked the test DNS server');
    const report = vscode.window.visibleTextEditors.find((e) => e.document.uri.path === '/mail.example-shop.com.txt')?.document.getText();
    assert.match(report ?? '', /✗ missing {2}TXT mail\.example-shop\.com \(SPF\)\n {4}Mailgun asks for: v=spf1 include:mailgun\.org ~all/);

    const node = await child(api, us, 'mail.example-shop.com');
    assert.match(description(node), /unverified/);
    const domain = (node as DomainNode).domain;
    assert.equal(domain.spam_action, 'tag');
    assert.equal(domain.wildcard, true);
    await eventually(() => (api.view.selection.some((n) => n.id === node.id) ? true : undefined), 'the new domain selected in the view');
  });

  test('Copy All DNS Records gives the records as a zone-file fragment', async () => {
    const node = await child(api, us, 'mail.example-shop.com');
    const text = await vscode.commands.executeCommand<string | undefined>('mailgun.copyDnsRecords', node);
    assert.ok(text, `copied: ${JSON.stringify(user.said)}`);
    assert.match(text, /^mail\.example-shop\.com\.\s+IN\s+TXT\s+"v=spf1 include:mailgun\.org ~all"$/m);
    assert.match(text, /^smtp\._domainkey\.mail\.example-shop\.com\.\s+IN\s+TXT\s+"k=rsa; p=/m);
    assert.match(text, /^email\.mail\.example-shop\.com\.\s+IN\s+CNAME\s+mailgun\.org\.$/m);
    assert.match(text, /^mail\.example-shop\.com\.\s+IN\s+MX\s+10 mxa\.mailgun\.org\.$/m);
  });

  test('an invalid name is refused before any request', async () => {
    const log = await requestsDuring(() => assert.rejects(answering(api, ['https://mg.example.com/'], () => vscode.commands.executeCommand('mailgun.addDomain', us)), /without http:\/\//));
    assert.deepEqual(calls(log), []);
  });

  test("a duplicate name ends in the server's sentence with Show Logs", async () => {
    const created = await answering(api, [DEMO_DOMAINS.us.main, '', ''], () => vscode.commands.executeCommand<string | undefined>('mailgun.addDomain', us));
    assert.equal(created, undefined);
    const s = user.lastSaid();
    assert.equal(s.severity, 'error');
    assert.match(s.message, /Domain mg\.acme-demo\.com already exists/);
    assert.deepEqual(s.actions, ['Show Logs']);
  });

  test('Verify DNS looks the records up live, then polls Mailgun until the domain turns active, and says both', async () => {
    const node = await child(api, us, DEMO_DOMAINS.us.unverified);
    dns.zone = zoneWith(DEMO_DOMAINS.us.unverified, {});
    dns.asked.length = 0;
    let report: VerifyWithLiveCheck | undefined;
    const log = await requestsDuring(async () => {
      api.verifyPolling.delaysMs = [20, 20, 20, 20, 20];
      report = await vscode.commands.executeCommand<VerifyWithLiveCheck | undefined>('mailgun.verifyDomain', node);
    });
    const put = `PUT /v4/domains/${DEMO_DOMAINS.us.unverified}/verify`;
    assert.deepEqual(calls(log).slice(0, 2), [`GET /v4/domains/${DEMO_DOMAINS.us.unverified}`, put], 'the records are read for the live check before Mailgun is asked');
    assert.ok(dns.asked.includes(`TXT ${DEMO_DOMAINS.us.unverified}`), 'the live check ran');
    const reads = calls(log).slice(calls(log).indexOf(put)).filter((c) => c === `GET /v4/domains/${DEMO_DOMAINS.us.unverified}`).length;
    assert.equal(reads, 2, 'the fake turns it active on the second read after verify');
    assert.ok(report);
    // Mailgun (the fake) verifies it while nothing is published here: both are said, and why they may differ.
    assert.equal(report.severity, 'warning');
    assert.match(report.message, /^staging\.acme-demo\.com is verified: all 5 DNS records are in place\. Live DNS check \(looked up with 127\.0\.0\.1:\d+\): DKIM missing at \S+, SPF missing at staging\.acme-demo\.com and tracking missing at track\.staging\.acme-demo\.com; the report beside shows each fix\. Mailgun's check and this lookup can differ while DNS changes spread\.$/);
    assert.equal(user.lastSaid().message, report.message);
    assert.match(description(node), /active/);
    assert.equal(contextValue(node), 'mailgun.domain.active');
  });

  test('Verify DNS on a domain whose records are missing gives up after the last poll and names the records', async () => {
    const node = await child(api, us, DEMO_DOMAINS.us.unconfigured);
    dns.zone = zoneWith(DEMO_DOMAINS.us.unconfigured, {});
    let report: VerifyWithLiveCheck | undefined;
    const log = await requestsDuring(async () => {
      api.verifyPolling.delaysMs = [20, 20, 20];
      report = await vscode.commands.executeCommand<VerifyWithLiveCheck | undefined>('mailgun.verifyDomain', node);
    });
    assert.equal(calls(log).filter((c) => c.startsWith('GET ')).length, 4, 'one read for the live check, one per poll');
    assert.ok(report);
    assert.equal(report.severity, 'warning');
    assert.match(report.message, /new\.acme-demo\.dev is still unverified/);
    assert.match(report.message, /TXT mx\._domainkey\.new\.acme-demo\.dev \(DKIM\)/);
    assert.match(report.message, /TXT new\.acme-demo\.dev \(SPF\)/);
    assert.match(report.message, /CNAME email\.new\.acme-demo\.dev \(tracking\)/);
    assert.match(report.message, /Live DNS check \(looked up with 127\.0\.0\.1:\d+\): DKIM missing at mx\._domainkey\.new\.acme-demo\.dev, SPF missing at new\.acme-demo\.dev and tracking missing/);
    assert.equal(report.live?.domainName, DEMO_DOMAINS.us.unconfigured);
    assert.deepEqual(user.lastSaid().actions, ['Copy All Records']);
    assert.equal(contextValue(node), 'mailgun.domain.unverified');
  });

  test('a failed verification ends in a notification with the client sentence and Show Logs', async () => {
    const node = await child(api, us, DEMO_DOMAINS.us.unverified);
    await fake.fault({ method: 'PUT', path: '/v4/domains/*/verify', status: 403, body: { message: 'Forbidden' } });
    try {
      api.verifyPolling.delaysMs = [20];
      const report = await vscode.commands.executeCommand('mailgun.verifyDomain', node);
      assert.equal(report, undefined);
    } finally {
      await fake.clearFaults();
    }
    const s = user.lastSaid();
    assert.equal(s.severity, 'error');
    assert.match(s.message, /not allowed to do that \(403\)/);
    assert.ok(!/\bat .+:\d+:\d+/.test(s.message), 'no stack in the notification');
    assert.deepEqual(s.actions, ['Show Logs']);
  });

  test('Delete Domain refuses a sandbox domain without asking or sending anything', async () => {
    const node = await child(api, us, DEMO_DOMAINS.us.sandbox);
    // No answers queued: any prompt fails the test.
    const log = await requestsDuring(() => answering(api, [], () => vscode.commands.executeCommand('mailgun.deleteDomain', node)));
    assert.deepEqual(calls(log), []);
    assert.equal(user.lastSaid().severity, 'warning');
    assert.match(user.lastSaid().message, /sandbox domain, and Mailgun does not let sandbox domains be deleted/);
  });

  test('Delete Domain refuses a wrongly typed name, and asks with a button when the setting says so', async () => {
    const node = await child(api, us, DEMO_DOMAINS.us.newsletter);
    const ui = new TestUserInput(['news.acme-demo.co', CANCEL]);
    const before = api.input.current;
    api.input.current = ui;
    let log = await requestsDuring(() => vscode.commands.executeCommand('mailgun.deleteDomain', node));
    assert.deepEqual(ui.asked, [`Delete ${DEMO_DOMAINS.us.newsletter} from Mailgun?`]);
    assert.deepEqual(calls(log), []);
    assert.match(user.lastSaid().message, /"news\.acme-demo\.co" is not news\.acme-demo\.com, so nothing was changed/);

    await setConfig('confirmDestructiveActions', 'button');
    try {
      log = await requestsDuring(() => vscode.commands.executeCommand('mailgun.deleteDomain', node));
    } finally {
      api.input.current = before;
      await setConfig('confirmDestructiveActions', undefined);
    }
    ui.check();
    assert.deepEqual(ui.asked, [`Delete ${DEMO_DOMAINS.us.newsletter} from Mailgun?`, `Delete ${DEMO_DOMAINS.us.newsletter} from Mailgun?`]);
    assert.deepEqual(ui.kinds, ['input', 'confirm'], 'no typing asked for in button mode');
    assert.deepEqual(calls(log), []);
  });

  test('Delete Domain shows "Deleting…" while Mailgun answers, then says it deletes in the background', async () => {
    const node = await child(api, us, 'mail.example-shop.com');
    await fake.fault({ method: 'DELETE', path: '/v3/domains/*', delayMs: 600, times: 1 });
    await fake.clearRequests();
    const running = answering(api, ['mail.example-shop.com'], () => vscode.commands.executeCommand<boolean>('mailgun.deleteDomain', node));
    await eventually(() => (description(node) === 'Deleting…' ? true : undefined), 'the transient description');
    assert.equal(icon(node), 'loading~spin');
    assert.equal(await running, true);
    await fake.clearFaults();
    assert.ok(calls(await fake.requests()).includes('DELETE /v3/domains/mail.example-shop.com'));
    assert.notEqual(description(node), 'Deleting…');
    assert.match(user.lastSaid().message, /Mailgun is deleting mail\.example-shop\.com in the background/);

    // The fake still lists it on the next read (as Mailgun may), then not.
    const listed = (await api.tree.getChildren(us)).find((c) => label(c) === 'mail.example-shop.com');
    if (listed) {
      assert.equal(contextValue(listed), 'mailgun.deletingDomain');
      await vscode.commands.executeCommand('mailgun.refresh', us);
      assert.ok(!(await api.tree.getChildren(us)).some((c) => label(c) === 'mail.example-shop.com'), 'gone on the next read');
    }
  });

  test('tracking toggles send each setting and the tree shows the new state', async () => {
    const domain = DEMO_DOMAINS.us.main;
    let t = await trackingOf(us, domain);
    assert.equal(description(t['Click tracking']), 'HTML only');

    const put = async (command: string, node: TreeNode, ...answers: Answer[]): Promise<string[]> =>
      calls(await requestsDuring(() => answering(api, answers, () => vscode.commands.executeCommand(command, node)))).filter((c) => c.startsWith('PUT'));

    assert.deepEqual(await put('mailgun.turnOffTracking', t['Click tracking']), [`PUT /v3/domains/${domain}/tracking/click`]);
    t = await trackingOf(us, domain);
    assert.equal(description(t['Click tracking']), 'off');
    assert.equal(contextValue(t['Click tracking']), 'mailgun.trackingSetting.click.off');

    await put('mailgun.setClickTracking', t['Click tracking'], 'On');
    t = await trackingOf(us, domain);
    assert.equal(description(t['Click tracking']), 'on');
    await put('mailgun.setClickTracking', t['Click tracking'], 'HTML only');
    t = await trackingOf(us, domain);
    assert.equal(description(t['Click tracking']), 'HTML only');

    assert.deepEqual(await put('mailgun.turnOffTracking', t['Open tracking']), [`PUT /v3/domains/${domain}/tracking/open`]);
    t = await trackingOf(us, domain);
    assert.equal(description(t['Open tracking']), 'off');
    await put('mailgun.turnOnTracking', t['Open tracking']);
    t = await trackingOf(us, domain);
    assert.match(description(t['Open tracking']), /^on/);

    const wasOn = description(t['Unsubscribe tracking']) === 'on';
    assert.deepEqual(await put(wasOn ? 'mailgun.turnOffTracking' : 'mailgun.turnOnTracking', t['Unsubscribe tracking']), [`PUT /v3/domains/${domain}/tracking/unsubscribe`]);
    t = await trackingOf(us, domain);
    assert.equal(description(t['Unsubscribe tracking']), wasOn ? 'off' : 'on');
    assert.deepEqual(user.said.filter((s) => s.severity === 'error'), []);
  });

  test('HTTPS on with no certificate offers to generate one, then switches web_scheme; off switches back', async () => {
    const domain = DEMO_DOMAINS.us.newsletter;
    let https = (await trackingOf(us, domain))['HTTPS tracking'];
    assert.equal(contextValue(https), 'mailgun.https.off');

    const declined = new TestUserInput([CANCEL]);
    let log = await requestsDuring(() => answering(api, declined, () => vscode.commands.executeCommand('mailgun.turnOnHttpsTracking', https)));
    assert.match(declined.asked[0], /needs a certificate for email\.news\.acme-demo\.com, and Mailgun has none\. Generate it/);
    assert.deepEqual(calls(log), ['GET /v2/x509/email.news.acme-demo.com/status'], 'declined: nothing changed');

    log = await requestsDuring(() => answering(api, ['Generate and Turn On'], () => vscode.commands.executeCommand('mailgun.turnOnHttpsTracking', https)));
    assert.deepEqual(calls(log).slice(0, 3), ['GET /v2/x509/email.news.acme-demo.com/status', 'POST /v2/x509/email.news.acme-demo.com', `PUT /v4/domains/${domain}`]);
    assert.match(user.lastSaid().message, /now use HTTPS\. Mailgun is issuing the certificate for email\.news\.acme-demo\.com/);
    https = (await trackingOf(us, domain))['HTTPS tracking'];
    assert.equal(contextValue(https), 'mailgun.https.on');

    log = await requestsDuring(() => vscode.commands.executeCommand('mailgun.turnOffHttpsTracking', https));
    assert.deepEqual(calls(log).slice(0, 1), [`PUT /v4/domains/${domain}`]);
    https = (await trackingOf(us, domain))['HTTPS tracking'];
    assert.equal(contextValue(https), 'mailgun.https.off');
  });

  test('Generate and Regenerate Certificate per status; 409 and 429 are said as the client words them', async () => {
    // Staging verified above, so its tracking CNAME (track.staging…) resolves and no certificate exists yet.
    const https = (await trackingOf(us, DEMO_DOMAINS.us.unverified))['HTTPS tracking'];
    const none = (await api.tree.getChildren(https))[0];
    assert.equal(contextValue(none), 'mailgun.certificate.none');
    let log = await requestsDuring(() => vscode.commands.executeCommand('mailgun.generateCertificate', none));
    assert.equal(calls(log)[0], 'POST /v2/x509/track.staging.acme-demo.com');
    assert.match(user.lastSaid().message, /started issuing a certificate for track\.staging\.acme-demo\.com/);
    assert.equal(contextValue((await api.tree.getChildren(https))[0]), 'mailgun.certificate.processing');

    const expired = (await api.tree.getChildren((await trackingOf(eu, DEMO_DOMAINS.eu.main))['HTTPS tracking']))[0];
    assert.equal(contextValue(expired), 'mailgun.certificate.expired');
    log = await requestsDuring(() => vscode.commands.executeCommand('mailgun.regenerateCertificate', expired));
    assert.equal(calls(log)[0], `PUT /v2/x509/email.${DEMO_DOMAINS.eu.main}`);
    assert.equal(user.lastSaid().severity, 'info');

    const shopHttps = (await trackingOf(eu, DEMO_DOMAINS.eu.shop))['HTTPS tracking'];
    await vscode.commands.executeCommand('mailgun.regenerateCertificate', shopHttps);
    assert.equal(user.lastSaid().severity, 'error');
    assert.match(user.lastSaid().message, /already generating this certificate \(429\)/);

    const active = (await api.tree.getChildren((await trackingOf(us, DEMO_DOMAINS.us.main))['HTTPS tracking']))[0];
    await vscode.commands.executeCommand('mailgun.generateCertificate', active);
    assert.match(user.lastSaid().message, /conflict \(409\).*already been initiated/);
    assert.deepEqual(user.lastSaid().actions, ['Show Logs']);
  });

  test('a plan without HTTPS tracking (402) is said, with Show Logs', async () => {
    const https = (await trackingOf(eu, DEMO_DOMAINS.eu.unverified))['HTTPS tracking'];
    await fake.fault({ method: 'POST', path: '/v2/x509/*', status: 402, body: { Reason: 'upgrade your account to enable this feature' } });
    try {
      assert.equal(await vscode.commands.executeCommand('mailgun.generateCertificate', https), undefined, 'a failed command returns nothing');
    } finally {
      await fake.clearFaults();
    }
    assert.match(user.lastSaid().message, /plan does not allow this \(402\).*upgrade your account/);
    assert.deepEqual(user.lastSaid().actions, ['Show Logs']);
  });

  test('the empty-region line offers Add Domain', async () => {
    await fake.reset('empty');
    await vscode.commands.executeCommand('mailgun.refresh', us);
    const [info] = await api.tree.getChildren(us);
    assert.equal(contextValue(info), 'mailgun.info.noDomains');
    assert.equal(await answering(api, ['first.example.org', '', ''], () => vscode.commands.executeCommand('mailgun.addDomain', info)), 'first.example.org');
    assert.ok((await api.tree.getChildren(us)).some((c) => label(c) === 'first.example.org'));
  });
});
