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
      sent = await send(D, 'gone@example.com', 'test', 'Deliver it', 'postmaster', (answers) => (asking = new TestUserInput([...answers, 'Cancel'])));
    });
    assert.equal(sent, undefined);
    assert.equal(asking?.asked.at(-1), `gone@example.com (bounces) is on a suppression list of ${D}.`);
    assert.ok(!log.some((r) => r.path.endsWith('/messages')), 'nothing was sent');
  });

  test('bad input is refused in its box before anything is sent', async () => {
    const log = await requestsDuring(() => assert.rejects(send(D, 'ana@example.com', 'test', 'Test mode', 'me@elsewhere.com'), /refused "me@elsewhere\.com"/));
    assert.equal(log.filter((r) => r.path.endsWith('/messages')).length, 0);
    const typo = await requestsDuring(() => assert.rejects(send(D, 'ana@example,com'), /refused "ana@example,com"/));
    assert.equal(typo.filter((r) => r.path.endsWith('/messages')).length, 0);
  });

  test("a sandbox domain's refusal of an unauthorized recipient ends as a sentence", async () => {
    const sandbox = DEMO_DOMAINS.us.sandbox;
    const sent = await send(sandbox, 'ana@example.com', 'test', 'Deliver it');
    assert.equal(sent, undefined);
    const said = await eventually(() => user.said.find((s) => s.severity === 'error'), 'the failure');
    assert.match(said.message, /authorized recipients/);
  });
});
