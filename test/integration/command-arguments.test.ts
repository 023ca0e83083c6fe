import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/node';
import { fake } from './fake';
import { addDemoAccount, EXTENSION_ID, eventually, removeAllAccounts, standInForUser, startClean } from './helpers';

/** Runs a command, closing any quick pick or input box it opens (the user pressing Escape) until it ends. */
async function runDismissingPrompts(command: string, ...args: unknown[]): Promise<{ rejected?: unknown }> {
  let outcome: { rejected?: unknown } | undefined;
  const run = vscode.commands.executeCommand(command, ...args).then(
    () => (outcome = {}),
    (err: unknown) => (outcome = { rejected: err }),
  );
  await eventually(async () => {
    if (outcome) return true;
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    return undefined;
  }, `${command} to end`);
  await run;
  return outcome!;
}

// A command run from a keybinding, a command link or another extension can get any argument. It must end with a
// clear message or do nothing: never throw, never leave a rejected promise, never send a request.
suite('Commands given a wrong argument', () => {
  let api: TestApi;
  let user: ReturnType<typeof standInForUser>;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason);

  suiteSetup(async () => {
    ({ api } = await startClean());
    await addDemoAccount();
    user = standInForUser(api);
    process.on('unhandledRejection', onUnhandled);
  });

  suiteTeardown(async () => {
    process.off('unhandledRejection', onUnhandled);
    user.restore();
    await removeAllAccounts(api);
  });

  const commands = (): string[] => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { commands: Array<{ command: string }> } };
    return manifest.contributes.commands.map((c) => c.command).filter((c) => c !== 'mailgun.showLogs');
  };

  for (const [what, argument] of [
    ['a number', 42],
    ['a plain object', { id: 'not-a-node', parent: undefined }],
    ['a string', 'mg.example.com'],
  ] as const) {
    test(`every command given ${what} ends quietly or with a message, and sends nothing`, async () => {
      assert.ok(commands().length > 30, 'the manifest lists the commands');
      await fake.clearRequests();
      const failed: string[] = [];
      for (const command of commands()) {
        const { rejected } = await runDismissingPrompts(command, argument);
        if (rejected !== undefined) failed.push(`${command}: ${rejected instanceof Error ? rejected.message : JSON.stringify(rejected)}`);
        const sent = await fake.requests();
        if (sent.length > 0) failed.push(`${command} sent ${sent.map((r) => `${r.method} ${r.path}`).join(', ')}`);
        await fake.clearRequests();
      }
      await new Promise(setImmediate);
      assert.deepEqual(failed, []);
      assert.deepEqual(unhandled, []);
      for (const said of user.said) assert.doesNotMatch(said.message, /TypeError|undefined|\[object Object\]/, said.message);
    });
  }

  test('commands that act on one kind of item, given an account instead, do nothing and say nothing wrong', async () => {
    const account: TreeNode = (await api.tree.getChildren())[0];
    await fake.clearRequests();
    const failed: string[] = [];
    for (const command of ['mailgun.loadMore', 'mailgun.retry', 'mailgun.filter', 'mailgun.clearFilter', 'mailgun.copyDnsRecordValue', 'mailgun.copyDnsRecordHost', 'mailgun.copyWebhookUrl', 'mailgun.copyAddress']) {
      const { rejected } = await runDismissingPrompts(command, account);
      if (rejected !== undefined) failed.push(`${command}: ${rejected instanceof Error ? rejected.message : JSON.stringify(rejected)}`);
    }
    await new Promise(setImmediate);
    assert.deepEqual(failed, []);
    assert.deepEqual(await fake.requests(), []);
    assert.deepEqual(unhandled, []);
  });
});
