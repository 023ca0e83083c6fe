import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import type { SentMessage } from '../../src/mailgun';
import { DEMO_DOMAINS } from '../fake-mailgun/seeds/names';
import { fake, requestsDuring } from './fake';
import { addDemoAccount, eventually, removeAllAccounts, standInForUser, startClean } from './helpers';
import { answering, TestUserInput } from './userInput';

const D = DEMO_DOMAINS.us.main;

suite('Send Test Message', () => {
  let api: TestApi;
  let accountId: string;
  let user: ReturnType<typeof standInForUser>;

  suiteSetup(async () => {
    ({ api } = await startClean());
    user = standInForUser(api);
    accountId = await addDemoAccount();
  });

  setup(() => user.reset());

  suiteTeardown(async () => {
    user.restore();
    await fake.reset('demo');
    await removeAllAccounts(api);
  });

  /** The palette flow: region, domain, then sender, recipients, subject, text, tags and how to send. */
  const send = (domain: string, to: string, tags = 'test', mode = 'Test mode', from = 'postmaster', user?: (answers: string[]) => TestUserInput) => {
    const answers = ['US', domain, from, to, `Test message from ${domain}`, 'Hello from VS Code.', tags, mode];
    return answering(api, user ? user(answers) : answers, () => vscode.commands.executeCommand<SentMessage | undefined>('mailgun.sendTestMessage'));
  };

  test('sends once as multipart, says the message id, and its events arrive in the Logs API', async () => {
    user.press = (said) => (said.actions.includes('Copy Message ID') ? 'Copy Message ID' : undefined);
    let sent: SentMessage | undefined;
    const log = await requestsDuring(async () => {
      sent = await send(D, 'ana@example.com', 'onboarding');
    });
    assert.ok(sent);
    assert.equal(log.filter((r) => r.method === 'POST' && r.path === `/v3/${D}/messages`).length, 1);
    const said = user.lastSaid();
    assert.equal(said.severity, 'info');
    assert.equal(said.message, `Mailgun queued the message from ${D} in test mode (it is not delivered). Message ID: ${sent.id}`);
    assert.ok(said.actions.includes('Copy Message ID'));
    const id = sent.id;
    await eventually(async () => ((await vscode.env.clipboard.readText()) === id ? true : undefined), 'the id on the clipboard');
    const client = await api.clients.get(accountId, 'us');
    const delivered = await eventually(async () => {
      const page = await client.logs.query({ duration: '1h', filter: [{ attribute: 'message_id', comparator: '=', values: [id] }] });
      return page.items.some((i) => i.event === 'delivered') ? page.items : undefined;
    }, 'the delivered event');
    assert.deepEqual(delivered.map((i) => i.event).sort(), ['accepted', 'delivered']);
  });

  test('a suppressed recipient is warned about first, and nothing is sent when the user declines', async () => {
    const client = await api.clients.get(accountId, 'us');
    await client.suppressions.bounces.add(D, { address: 'gone@example.com', code: 550, error: 'mailbox does not exist' });
    let sent: SentMessage | undefined = { id: 'not run' };
    let asking: TestUserInput | undefined;
    const log = await requestsDuring(async () => {
      sent = await send(D, 'gone@example.com', 'test', 'Deliver it', 'postmaster', (answers) => (asking = new TestUserInput([...answers, "Don't Send"])));
    });
    assert.equal(sent, undefined);
    assert.equal(asking?.asked.at(-1), `gone@example.com (bounces) is on a suppression list of ${D}.`);
    assert.ok(!log.some((r) => r.path.endsWith('/messages')), 'nothing was sent');

    // Offered instead: the recipient trace of that address on that domain, and still nothing is sent.
    const traced = await requestsDuring(async () => {
      sent = await send(D, 'gone@example.com', 'test', 'Deliver it', 'postmaster', (answers) => new TestUserInput([...answers, 'Trace gone@example.com']));
    });
    assert.equal(sent, undefined);
    assert.ok(traced.some((r) => r.path === `/v3/${D}/whitelists/example.com` || r.path.startsWith(`/v3/${D}/whitelists/`)), `the trace looked the address up: ${traced.map((r) => r.path).join(', ')}`);
    assert.ok(!traced.some((r) => r.path.endsWith('/messages')), 'nothing was sent');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('bad input is refused in its box before anything is sent', async () => {
    const log = await requestsDuring(() => assert.rejects(send(D, 'ana@example.com', 'test', 'Test mode', 'me@elsewhere.com'), /refused "me@elsewhere\.com"/));
    assert.equal(log.filter((r) => r.path.endsWith('/messages')).length, 0);
    const typo = await requestsDuring(() => assert.rejects(send(D, 'ana@example,com'), /refused "ana@example,com"/));
    assert.equal(typo.filter((r) => r.path.endsWith('/messages')).length, 0);
  });

  test('a sandbox domain offers only its activated authorized recipients, and says so when it has none', async () => {
    const sandbox = DEMO_DOMAINS.us.sandbox;
    const none = await requestsDuring(() => answering(api, ['US', sandbox], () => vscode.commands.executeCommand<SentMessage | undefined>('mailgun.sendTestMessage')));
    assert.ok(!none.some((r) => r.path.endsWith('/messages')), 'nothing was sent');
    const said = user.lastSaid();
    assert.equal(said.severity, 'warning');
    assert.match(said.message, /is a sandbox domain: it sends only to authorized recipients who accepted Mailgun's invitation, and none has yet/);
    assert.deepEqual(said.actions, ['Add Authorized Recipient']);

    await fake.putSandboxRecipient('ana@example.com', true);
    await fake.putSandboxRecipient('bob@example.com', false);
    const offered: string[] = [];
    const pickAna = (item: vscode.QuickPickItem): boolean => {
      offered.push(item.label);
      return item.label === 'ana@example.com';
    };
    let sent: SentMessage | undefined;
    const log = await requestsDuring(async () => {
      sent = await answering(api, ['US', sandbox, 'postmaster', pickAna, 'Sandbox test', 'Hello.', 'test', 'Deliver it'], () => vscode.commands.executeCommand<SentMessage | undefined>('mailgun.sendTestMessage'));
    });
    assert.deepEqual(offered, ['ana@example.com'], 'only the activated recipient is offered');
    assert.ok(sent?.id);
    assert.deepEqual(log.filter((r) => r.path === `/v3/${sandbox}/messages`).map((r) => `${r.method} ${r.status}`), ['POST 200']);
    assert.ok(user.lastSaid().actions.includes('Watch Events'));
  });
});
