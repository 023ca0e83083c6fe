import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { DEMO_DOMAINS } from '../fake-mailgun/seeds/names';
import type { TestApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/node';
import { fake, type LoggedRequest } from './fake';
import { addDemoAccount, child, label, labels, removeAllAccounts, setConfig, standInForUser, startClean } from './helpers';
import { answering, CANCEL, TestUserInput } from './userInput';

/** The fake logs the status it sent; the helper's type leaves it out. */
const statusOf = (r: LoggedRequest): number | undefined => (r as LoggedRequest & { status?: number }).status;

suite('Suppression actions', () => {
  let api: TestApi;
  let us: TreeNode;
  let dir: string;
  let user: ReturnType<typeof standInForUser>;
  const list = async (domain: string, name: string) => child(api, await child(api, us, domain), name);
  const file = (name: string, text: string): vscode.Uri => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return vscode.Uri.file(path);
  };

  suiteSetup(async () => {
    ({ api } = await startClean());
    await setConfig('pageSize', 1000);
    dir = mkdtempSync(join(tmpdir(), 'mailgun-suppressions-'));
    user = standInForUser(api);
    await addDemoAccount();
    us = await child(api, (await api.tree.getChildren())[0], 'US');
  });

  suiteTeardown(async () => {
    user.restore();
    await setConfig('pageSize', undefined);
    await setConfig('confirmDestructiveActions', undefined);
    await removeAllAccounts(api);
    rmSync(dir, { recursive: true, force: true });
  });

  setup(async () => {
    await fake.clearRequests();
    user.said = [];
  });

  test('Add puts a bounce with code and error on the list (form POST), and the list reloads', async () => {
    const bounces = await list(DEMO_DOMAINS.us.main, 'Bounces');
    await api.tree.getChildren(bounces);
    const asked = new TestUserInput(['aaa.new@example.com', '554', 'Blocked by test']);
    assert.equal(await answering(api, asked, () => vscode.commands.executeCommand('mailgun.addSuppression', bounces)), true);
    assert.deepEqual(asked.kinds, ['input', 'input', 'input'], 'address, code and error text');
    const posts = await fake.requests({ method: 'POST', path: `/v3/${DEMO_DOMAINS.us.main}/bounces` });
    assert.equal(posts.length, 1);
    const added = (await api.tree.getChildren(bounces)).find((n) => label(n) === 'aaa.new@example.com');
    assert.ok(added, 'the new bounce is listed after the reload');
    assert.match(String(added.getTreeItem().description), /554.*Blocked by test/);
  });

  test('a bad address is refused with no request', async () => {
    const bounces = await list(DEMO_DOMAINS.us.main, 'Bounces');
    await assert.rejects(answering(api, ['not-an-address'], () => vscode.commands.executeCommand('mailgun.addSuppression', bounces)), /refused "not-an-address"/);
    await assert.rejects(answering(api, ['ok@example.com', '99'], () => vscode.commands.executeCommand('mailgun.addSuppression', bounces)), /refused "99": .*bounce code "99"/);
    assert.equal((await fake.requests()).length, 0);
  });

  test('the allowlist takes an address or a whole domain; unsubscribes a tag', async () => {
    const allowlist = await list(DEMO_DOMAINS.us.main, 'Allowlist');
    assert.equal(await answering(api, ['trusted.example.net'], () => vscode.commands.executeCommand('mailgun.addSuppression', allowlist)), true);
    assert.equal(await answering(api, ['vip@example.net'], () => vscode.commands.executeCommand('mailgun.addSuppression', allowlist)), true);
    const entries = await api.tree.getChildren(allowlist);
    assert.match(String(entries.find((n) => label(n) === 'trusted.example.net')?.getTreeItem().description), /domain/);
    assert.match(String(entries.find((n) => label(n) === 'vip@example.net')?.getTreeItem().description), /address/);
    await assert.rejects(answering(api, ['not a domain'], () => vscode.commands.executeCommand('mailgun.addSuppression', allowlist)), /refused "not a domain"/);

    const unsubscribes = await list(DEMO_DOMAINS.us.main, 'Unsubscribes');
    assert.equal(await answering(api, ['reader@example.com', 'newsletter'], () => vscode.commands.executeCommand('mailgun.addSuppression', unsubscribes)), true);
    const reader = (await api.tree.getChildren(unsubscribes)).find((n) => label(n) === 'reader@example.com');
    assert.equal(reader?.getTreeItem().description, 'newsletter');
  });

  test('Delete asks first; declined nothing is sent, confirmed the entry goes', async () => {
    const bounces = await list(DEMO_DOMAINS.us.main, 'Bounces');
    const entry = await child(api, bounces, 'aaa.new@example.com');
    assert.equal(await answering(api, [CANCEL], () => vscode.commands.executeCommand('mailgun.deleteSuppression', entry)), undefined);
    assert.equal((await fake.requests({ method: 'DELETE' })).length, 0);
    assert.equal(await answering(api, ['Delete'], () => vscode.commands.executeCommand('mailgun.deleteSuppression', entry)), true);
    assert.equal((await fake.requests({ method: 'DELETE', path: `/v3/${DEMO_DOMAINS.us.main}/bounces/*` })).length, 1);
    assert.ok(!(await labels(api, bounces)).includes('aaa.new@example.com'));
  });

  test('Clear All: declined (typed or button) nothing is sent; typed name clears the list', async () => {
    const complaints = await list(DEMO_DOMAINS.us.newsletter, 'Complaints');
    assert.ok((await api.tree.getChildren(complaints)).length > 1);
    const clear = (answers: ConstructorParameters<typeof TestUserInput>[0] | TestUserInput) => answering(api, answers, () => vscode.commands.executeCommand('mailgun.clearSuppressions', complaints));
    assert.equal(await clear(['Clear Without Export', CANCEL]), undefined);
    assert.equal(await clear(['Clear Without Export', 'mg.wrong.example.com']), undefined);
    assert.match(user.lastSaid().message, /"mg\.wrong\.example\.com" is not /);
    await setConfig('confirmDestructiveActions', 'button');
    const declined = new TestUserInput(['Clear Without Export', CANCEL]);
    assert.equal(await clear(declined), undefined);
    assert.match(declined.asked.at(-1) ?? '', /Remove every entry of the complaint list of/);
    assert.equal((await fake.requests({ method: 'DELETE' })).length, 0, 'nothing sent');

    await setConfig('confirmDestructiveActions', 'typeName');
    assert.equal(await clear(['Clear Without Export', DEMO_DOMAINS.us.newsletter]), true, 'the domain name is typed');
    assert.equal((await fake.requests({ method: 'DELETE', path: `/v3/${DEMO_DOMAINS.us.newsletter}/complaints` })).length, 1);
    assert.deepEqual(await labels(api, complaints), ['No complaints for this domain.']);
  });

  test('Clear All can export the list first; the export is complete before anything is removed', async () => {
    const unsubscribes = await list(DEMO_DOMAINS.us.newsletter, 'Unsubscribes');
    const before = (await api.tree.getChildren(unsubscribes)).length;
    const target = vscode.Uri.file(join(dir, 'before-clear.csv'));
    assert.equal(await answering(api, ['Export CSV First…', target, DEMO_DOMAINS.us.newsletter], () => vscode.commands.executeCommand('mailgun.clearSuppressions', unsubscribes)), true);
    const lines = readFileSync(target.fsPath, 'utf8').trim().split('\n');
    assert.equal(lines[0], 'address,tags,created_at');
    assert.equal(lines.length - 1, before);
    const order = (await fake.requests()).map((r) => r.method);
    assert.ok(order.lastIndexOf('GET') < order.indexOf('DELETE'), 'read everything, then clear');
  });

  test('Import CSV: a bad row sends nothing and names its line; then only the good rows can go', async () => {
    const bounces = await list(DEMO_DOMAINS.us.newsletter, 'Bounces');
    const uri = file('with-bad-row.csv', 'address,code,error\ngood1@example.com,550,Mailbox full\nnot-an-address,550,x\ngood2@example.com,551,\n');
    const refused = await answering(api, [uri, CANCEL], () => vscode.commands.executeCommand<{ sent: boolean; problems: string[] }>('mailgun.importSuppressions', bounces));
    assert.equal(refused?.sent, false);
    assert.equal(refused?.problems.length, 1);
    assert.match(refused.problems[0], /^Line 3: "not-an-address"/);
    assert.equal((await fake.requests({ method: 'POST' })).length, 0, 'nothing sent');
    assert.equal(user.lastSaid().severity, 'error');
    assert.match(user.lastSaid().message, /Line 3/);

    const partial = await answering(api, [uri, 'Import the 2 Valid Rows'], () => vscode.commands.executeCommand<{ sent: boolean; rows: number }>('mailgun.importSuppressions', bounces));
    assert.deepEqual({ sent: partial?.sent, rows: partial?.rows }, { sent: true, rows: 2 });
    const uploads = await fake.requests({ method: 'POST', path: `/v3/${DEMO_DOMAINS.us.newsletter}/bounces/import` });
    assert.deepEqual(uploads.map(statusOf), [202]);
    const shown = await labels(api, bounces);
    assert.ok(shown.includes('good1@example.com') && shown.includes('good2@example.com') && !shown.includes('not-an-address'));
  });

  test('Import CSV: a good file is uploaded as is (202) and Mailgun is said to process it in the background', async () => {
    const allowlist = await list(DEMO_DOMAINS.us.newsletter, 'Allowlist');
    const uri = file('allowlist.csv', 'address,domain\nfriend@example.org,\n,partners.example.org\n');
    const result = await answering(api, [uri], () => vscode.commands.executeCommand<{ sent: boolean; rows: number }>('mailgun.importSuppressions', allowlist));
    assert.deepEqual({ sent: result?.sent, rows: result?.rows }, { sent: true, rows: 2 });
    assert.deepEqual((await fake.requests({ method: 'POST', path: `/v3/${DEMO_DOMAINS.us.newsletter}/whitelists/import` })).map(statusOf), [202]);
    assert.match(user.lastSaid().message, /in the background/);
    const shown = await labels(api, allowlist);
    assert.ok(shown.includes('friend@example.org') && shown.includes('partners.example.org'));
  });

  test('Import CSV: a file without the header Mailgun needs is refused', async () => {
    const bounces = await list(DEMO_DOMAINS.us.newsletter, 'Bounces');
    const result = await answering(api, [file('no-header.csv', 'a@example.com,550\n')], () => vscode.commands.executeCommand<{ sent: boolean }>('mailgun.importSuppressions', bounces));
    assert.equal(result?.sent, false);
    assert.equal((await fake.requests({ method: 'POST' })).length, 0);
    assert.match(user.lastSaid().message, /header/);
  });

  test('Export CSV writes every entry of a 2,500-entry list, formulas escaped, and leaves no partial file', async () => {
    const domain = DEMO_DOMAINS.us.unverified;
    await fake.seedList({ domain, list: 'bounces', count: 2498 });
    await fake.seedList({ domain, list: 'bounces', count: 2, prefix: '=cmd' });
    const bounces = await list(domain, 'Bounces');
    const target = vscode.Uri.file(join(dir, 'bounces.csv'));
    const result = await answering(api, [target], () => vscode.commands.executeCommand<{ rows: number }>('mailgun.exportSuppressions', bounces));
    assert.equal(result?.rows, 2500);
    const lines = readFileSync(target.fsPath, 'utf8').trim().split(/\r?\n/);
    assert.equal(lines[0], 'address,code,error,created_at');
    assert.equal(lines.length, 2501);
    assert.equal(new Set(lines.slice(1).map((l) => l.split(',')[0])).size, 2500, 'no row twice');
    const formulas = lines.filter((l) => l.includes('=cmd'));
    assert.equal(formulas.length, 2);
    assert.ok(formulas.every((l) => l.startsWith("'=cmd")), formulas.join('\n'));
    assert.ok(!readdirSync(dir).some((f) => f.endsWith('.part')), 'no temporary file left');
    assert.equal((await fake.requests({ method: 'GET', path: `/v3/${domain}/bounces` })).length, 4, 'pages of 1,000 and the empty page that ends the list');
  });

  test('an export that fails leaves no file and says why', async () => {
    const bounces = await list(DEMO_DOMAINS.us.unverified, 'Bounces');
    const target = vscode.Uri.file(join(dir, 'failed.csv'));
    await fake.fault({ path: `/v3/${DEMO_DOMAINS.us.unverified}/bounces`, method: 'GET', status: 500, body: { message: 'boom' } });
    try {
      assert.equal(await answering(api, [target], () => vscode.commands.executeCommand('mailgun.exportSuppressions', bounces)), undefined);
    } finally {
      await fake.clearFaults();
    }
    assert.ok(!readdirSync(dir).some((f) => f.startsWith('failed.csv')), 'neither the file nor its .part');
    assert.equal(user.lastSaid().severity, 'error');
    assert.match(user.lastSaid().message, /no file was written/);
  });
});
