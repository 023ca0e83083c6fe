import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DnsCheck } from '../../src/dns/dns-check';
import type { TestApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/node';
import { TestDnsServer, type NameRecords } from '../fake-dns/server';
import { strings, zoneWith } from '../fake-dns/zones';
import { addDemoAccount, child, eventually, label, removeAllAccounts, setConfig, standInForUser, startClean } from './helpers';
import { answering } from './userInput';

const DOMAIN = 'onboard.acme-demo.dev';

/** The zone that publishes exactly what the check says Mailgun asks for. */
function published(check: DnsCheck): Record<string, NameRecords> {
  const zone: Record<string, NameRecords> = {};
  for (const r of check.records) {
    const at = (zone[r.host] ??= {});
    if (r.type === 'TXT') (at.TXT ??= []).push(strings(r.expected));
    else if (r.type === 'CNAME') at.CNAME = r.expected;
    else if (r.type === 'MX') (at.MX ??= []).push({ priority: 10, exchange: r.expected });
  }
  return zone;
}

const reportText = (): string | undefined => vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'mailgun-dns-check' && e.document.uri.path === `/${DOMAIN}.txt`)?.document.getText();

suite('Check DNS Now', () => {
  let api: TestApi;
  let us: TreeNode;
  let dns: TestDnsServer;
  let user: ReturnType<typeof standInForUser>;

  suiteSetup(async () => {
    ({ api } = await startClean());
    dns = await TestDnsServer.start();
    await setConfig('dnsServers', [dns.address]);
    user = standInForUser(api);
    await addDemoAccount();
    us = await child(api, (await api.tree.getChildren())[0], 'US');
  });

  setup(() => user.reset());

  suiteTeardown(async () => {
    user.restore();
    await dns.close();
    await setConfig('dnsServers', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeAllAccounts(api);
  });

  test('Add Domain checks the DNS at once and shows every record missing; once published, Check DNS Now and Verify DNS find them', async function () {
    this.timeout(90_000);
    dns.zone = zoneWith(DOMAIN, {});
    const added = await answering(api, [DOMAIN, '', ''], () => vscode.commands.executeCommand<string | undefined>('mailgun.addDomain', us));
    assert.equal(added, DOMAIN);
    const said = user.lastSaid();
    assert.equal(said.severity, 'info');
    assert.match(said.message, new RegExp(`^Mailgun added ${DOMAIN.replace(/\./g, '\\.')} to the US region\\. 0 of 3 sending records of ${DOMAIN.replace(/\./g, '\\.')} are published correctly, 3 missing \\(looked up with 127\\.0\\.0\\.1:${dns.port}\\)`));
    assert.deepEqual(said.actions, ['Copy All Records', 'Verify DNS']);
    const text = await eventually(reportText, 'the report editor');
    assert.match(text, new RegExp(`✗ missing {2}TXT ${DOMAIN.replace(/\./g, '\\.')} \\(SPF\\)\\n {4}Mailgun asks for: v=spf1 include:mailgun\\.org ~all`));
    assert.ok(dns.asked.some((q) => q === `TXT ${DOMAIN}`), 'the check asked the test DNS server');

    const node = await child(api, us, DOMAIN);
    user.reset();
    const missing = await vscode.commands.executeCommand<DnsCheck | undefined>('mailgun.checkDns', node);
    assert.ok(missing);
    dns.zone = zoneWith(DOMAIN, published(missing));
    const found = await vscode.commands.executeCommand<DnsCheck | undefined>('mailgun.checkDns', node);
    assert.ok(found);
    assert.deepEqual(found.records.map((r) => r.status), found.records.map(() => 'found'));
    assert.equal(user.lastSaid().severity, 'info');
    assert.match(user.lastSaid().message, /^3 of 3 sending records .* Run Verify DNS so Mailgun checks too\.$/);
    assert.deepEqual(user.lastSaid().actions, ['Verify DNS']);
    await eventually(() => (reportText()?.includes('✗') === false ? true : undefined), 'the report updated in place');

    // Verify DNS from the check's button: the live check again, then Mailgun's verdict, both said.
    const delays = api.verifyPolling.delaysMs;
    api.verifyPolling.delaysMs = [20, 20, 20];
    try {
      user.press = (s) => (s.actions.includes('Verify DNS') ? 'Verify DNS' : undefined);
      await vscode.commands.executeCommand<DnsCheck | undefined>('mailgun.checkDns', node);
      const verdict = await eventually(() => user.said.find((s) => / is verified: /.test(s.message)), "Mailgun's verdict after Verify DNS");
      assert.equal(verdict.severity, 'info');
      assert.match(verdict.message, new RegExp(`^${DOMAIN.replace(/\./g, '\\.')} is verified: all 5 DNS records are in place\\. The live DNS check finds every sending record too \\(looked up with 127\\.0\\.0\\.1:${dns.port}\\)\\.$`));
    } finally {
      api.verifyPolling.delaysMs = delays;
    }
  });

  test('Add Domain with an unusable mailgun.dnsServers still adds the domain, says the check did not run, and its Retry checks again', async () => {
    const name = `retry.${DOMAIN}`;
    let pressRetry: (() => void) | undefined;
    user.press = (s) => (s.actions.includes('Retry') ? new Promise((resolve) => (pressRetry = () => resolve('Retry'))) : undefined);
    await setConfig('dnsServers', ['not-a-dns-server']);
    try {
      const added = await answering(api, [name, '', ''], () => vscode.commands.executeCommand<string | undefined>('mailgun.addDomain', us));
      assert.equal(added, name, 'Add Domain did not fail');
      const said = user.lastSaid();
      assert.equal(said.severity, 'warning');
      assert.match(said.message, new RegExp(`^Mailgun added ${name.replace(/\./g, '\\.')} to the US region\\. Its DNS records could not be looked up: The setting mailgun\\.dnsServers holds something that is not a DNS server address \\(not-a-dns-server\\)\\..* Publish its 5 DNS records`));
      assert.deepEqual(said.actions, ['Retry', 'Copy All Records']);
      assert.ok((await api.tree.getChildren(us)).some((c) => label(c) === name), 'the domain is in the tree');
    } finally {
      await setConfig('dnsServers', [dns.address]);
    }
    dns.zone = zoneWith(name, {});
    assert.ok(pressRetry, 'Retry was offered');
    pressRetry();
    await eventually(() => user.said.find((s) => s.message.startsWith(`0 of 3 sending records of ${name} `)), 'the check run again by Retry');
  });

  test('a proxied tracking host and two SPF records are named, and a SERVFAIL is stated', async () => {
    const node = await child(api, us, DOMAIN);
    const first = await vscode.commands.executeCommand<DnsCheck | undefined>('mailgun.checkDns', node);
    assert.ok(first);
    const zone = published(first);
    const tracking = first.records.find((r) => r.role === 'tracking')!.host;
    const dkim = first.records.find((r) => r.role === 'DKIM')!.host;
    zone[tracking] = { A: ['104.16.0.1'] };
    zone[DOMAIN].TXT = [['v=spf1 include:_spf.google.com ~all'], ['v=spf1 include:mailgun.org ~all']];
    zone[dkim] = { fail: 'servfail' };
    dns.zone = zoneWith(DOMAIN, zone);
    const result = await vscode.commands.executeCommand<DnsCheck | undefined>('mailgun.checkDns', node);
    assert.ok(result);
    assert.match(user.lastSaid().message, /^0 of 3 sending records .*, 2 with a wrong value, 1 not answered by the DNS server/);
    const text = await eventually(() => (reportText()?.includes('SERVFAIL') ? reportText() : undefined), 'the new report');
    assert.match(text, /⚠ differs {2}CNAME .* \(tracking\)[\s\S]*orange cloud/);
    assert.match(text, /publish this one TXT record instead: v=spf1 include:_spf\.google\.com include:mailgun\.org ~all/);
    assert.match(text, /\? no answer {2}TXT mx\._domainkey|\? no answer {2}TXT \w+\._domainkey/);
  });

  test('from the palette, Check DNS Now asks for the region and the domain', async () => {
    dns.zone = zoneWith(DOMAIN, {});
    const result = await answering(api, ['US', DOMAIN], () => vscode.commands.executeCommand<DnsCheck | undefined>('mailgun.checkDns'));
    assert.ok(result);
    assert.equal(result.domainName, DOMAIN);
    assert.match(user.lastSaid().message, new RegExp(`^0 of 3 sending records of ${DOMAIN.replace(/\./g, '\\.')}`));
    await eventually(() => (reportText()?.includes('✗ missing') ? true : undefined), 'the report of the palette run');
  });
});
