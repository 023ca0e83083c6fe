import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/node';
import { DEMO_DOMAINS } from '../fake-mailgun/seeds/names';
import { fake } from './fake';
import { addDemoAccount, child, contextValue, description, eventually, label, labels, removeAllAccounts, standInForUser, startClean } from './helpers';
import { answering } from './userInput';

const RECIPIENTS = '/v5/sandbox/auth_recipients';
const sandbox = DEMO_DOMAINS.us.sandbox;

suite('Sandbox authorized recipients', () => {
  let api: TestApi;
  let accountId: string;
  let user: ReturnType<typeof standInForUser>;
  const us = async () => child(api, await child(api, undefined, 'Sandbox demo'), 'US');
  const recipientsNode = async () => child(api, await child(api, await us(), sandbox), 'Authorized recipients');
  /** What Mailgun (the fake) holds, read through its API. */
  const onMailgun = async () => (await (await api.clients.get(accountId, 'us')).sandboxRecipients.list()).map((r) => `${r.email} ${r.activated ? 'activated' : 'invited'}`).sort();

  suiteSetup(async () => {
    ({ api } = await startClean());
    user = standInForUser(api);
    accountId = await addDemoAccount('Sandbox demo');
  });

  setup(async () => {
    await fake.reset('demo');
    user.reset();
    await vscode.commands.executeCommand('mailgun.refresh');
  });

  suiteTeardown(async () => {
    user.restore();
    await fake.reset('demo');
    await removeAllAccounts(api);
  });

  test('a sandbox domain lists them with their activation state and says only activated ones receive mail; a custom domain has no such list', async () => {
    const empty = await recipientsNode();
    assert.deepEqual(await labels(api, empty), ["No authorized recipients yet. A sandbox domain sends only to authorized recipients who accepted Mailgun\u2019s invitation (at most 5 per account)."]);
    const tooltip = empty.getTreeItem().tooltip;
    assert.ok(typeof tooltip === 'string');
    assert.match(tooltip, /sends only to authorized recipients who accepted Mailgun\u2019s invitation/);
    assert.ok(!(await labels(api, await child(api, await us(), DEMO_DOMAINS.us.main))).includes('Authorized recipients'));

    await fake.putSandboxRecipient('ana@example.com', true);
    await fake.putSandboxRecipient('bob@example.com', false);
    await vscode.commands.executeCommand('mailgun.refresh', empty);
    const node = await recipientsNode();
    const children = await api.tree.getChildren(node);
    assert.deepEqual(children.map((c) => `${label(c)}: ${description(c)} (${contextValue(c)})`), [
      'ana@example.com: activated (mailgun.sandboxRecipient.activated)',
      'bob@example.com: invited, not accepted yet (mailgun.sandboxRecipient.invited)',
    ]);
    assert.equal(description(node), '2 of 5 · 1 activated');
  });

  test('Add Authorized Recipient from the list: Mailgun gets the address, says it emailed an invitation, and the list shows it invited', async () => {
    const node = await recipientsNode();
    await api.tree.getChildren(node);
    const added = await answering(api, ['carol@example.com'], () => vscode.commands.executeCommand<string | undefined>('mailgun.addAuthorizedRecipient', node));
    assert.equal(added, 'carol@example.com');
    assert.deepEqual(await onMailgun(), ['carol@example.com invited']);
    const posts = await fake.requests({ method: 'POST', path: RECIPIENTS });
    assert.deepEqual(posts.map((r) => r.query.email), ['carol@example.com']);
    assert.equal(user.lastSaid().message, 'Mailgun emailed an invitation to carol@example.com. Sandbox domains of "Sandbox demo" send to it once the invitation is accepted.');
    const shown = await eventually(async () => {
      const children = await api.tree.getChildren(await recipientsNode());
      return children.some((c) => label(c) === 'carol@example.com') ? children : undefined;
    }, 'the list to show carol');
    assert.equal(description(shown.find((c) => label(c) === 'carol@example.com')!), 'invited, not accepted yet');
  });

  test('Add Authorized Recipient from the palette; a bad address is refused in its box, a known one and a sixth are refused before sending', async () => {
    await assert.rejects(answering(api, ['ana@example,com'], () => vscode.commands.executeCommand('mailgun.addAuthorizedRecipient')), /refused "ana@example,com"/);
    assert.equal(await answering(api, ['dave@example.com'], () => vscode.commands.executeCommand<string | undefined>('mailgun.addAuthorizedRecipient')), 'dave@example.com');
    assert.deepEqual(await onMailgun(), ['dave@example.com invited']);

    await fake.clearRequests();
    assert.equal(await answering(api, ['Dave@example.com'], () => vscode.commands.executeCommand('mailgun.addAuthorizedRecipient')), undefined);
    assert.equal(user.lastSaid().message, 'dave@example.com is already an authorized recipient of "Sandbox demo" (invited, not accepted yet).');
    for (const n of [1, 2, 3, 4]) await fake.putSandboxRecipient(`r${n}@example.com`, true);
    assert.equal(await answering(api, ['six@example.com'], () => vscode.commands.executeCommand('mailgun.addAuthorizedRecipient')), undefined);
    assert.match(user.lastSaid().message, /already has 5 authorized recipients, the most Mailgun allows\. Remove one first/);
    assert.equal((await fake.requests({ method: 'POST' })).length, 0, 'nothing was sent for a refused address');
  });

  test('Remove Authorized Recipient from the list item after a confirmation, and from the palette with a picker', async () => {
    await fake.putSandboxRecipient('ana@example.com', true);
    await fake.putSandboxRecipient('bob@example.com', false);
    const ana = await child(api, await recipientsNode(), 'ana@example.com');
    // Declined: nothing is removed.
    assert.equal(await answering(api, ['Cancel'], () => vscode.commands.executeCommand('mailgun.removeAuthorizedRecipient', ana)), undefined);
    assert.equal((await fake.requests({ method: 'DELETE' })).length, 0);
    assert.equal(await answering(api, ['Remove'], () => vscode.commands.executeCommand<boolean>('mailgun.removeAuthorizedRecipient', ana)), true);
    assert.deepEqual(await onMailgun(), ['bob@example.com invited']);
    assert.equal(user.lastSaid().message, 'Removed ana@example.com from the authorized recipients of "Sandbox demo": sandbox domains no longer send to it.');
    await eventually(async () => ((await labels(api, await recipientsNode())).includes('ana@example.com') ? undefined : true), 'ana to leave the list');

    assert.equal(await answering(api, ['bob@example.com', 'Remove'], () => vscode.commands.executeCommand<boolean>('mailgun.removeAuthorizedRecipient')), true);
    assert.deepEqual(await onMailgun(), []);
    const left: TreeNode[] = await eventually(async () => {
      const children = await api.tree.getChildren(await recipientsNode());
      return children.some((c) => label(c) === 'bob@example.com') ? undefined : children;
    }, 'bob to leave the list');
    assert.match(label(left[0]), /^No authorized recipients yet/);
  });
});
