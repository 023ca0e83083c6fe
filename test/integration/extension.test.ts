import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { type AccountNode } from '../../src/tree/account-node';
import { activate, addApiKey, CANARY_KEY, eventually, EXTENSION_ID, removeAllAccounts, useFakeMailgun } from './helpers';
import { answering, CANCEL } from './userInput';
import { fake } from './fake';

interface Manifest {
  contributes: { commands: Array<{ command: string }> };
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

suite('Extension', () => {
  suiteSetup(async () => {
    await fake.reset('demo');
    await fake.addKey(CANARY_KEY);
  });

  test('runs in a real VS Code extension host and activates without a single request', async () => {
    assert.match(vscode.version, /^\d+\.\d+\.\d+/);
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, false, 'nothing activated it before this test');
    await fake.clearRequests();
    const api = await activate();
    assert.equal(api.context.extensionMode, vscode.ExtensionMode.Test);
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    await useFakeMailgun();
    assert.deepEqual(await fake.requests(), [], 'activation made no request');
  });

  test('every command declared in package.json is registered', async () => {
    await activate();
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as Manifest;
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = manifest.contributes.commands.map((c) => c.command).filter((c) => !registered.has(c));
    assert.deepEqual(missing, []);
  });

  test('Add API Key stores the key in SecretStorage and shows the account with both regions', async () => {
    const api = await activate();
    await removeAllAccounts(api);
    const id = await addApiKey(api, 'Canary', CANARY_KEY);
    assert.ok(id);
    assert.equal(await api.context.secrets.get(`mailgun.apiKey.${id}`), CANARY_KEY);
    assert.equal(await api.accounts.getKey(id), CANARY_KEY);

    const roots = await api.tree.getChildren();
    assert.equal(roots.length, 1);
    const account = roots[0] as AccountNode;
    assert.equal(account.getTreeItem().label, 'Canary');
    assert.equal(account.getTreeItem().description, `key …${CANARY_KEY.slice(-4)}`);
    const regions = await api.tree.getChildren(account);
    // The fake's demo account is a parent account: its subaccounts show after the regions.
    assert.deepEqual(regions.map((r) => r.getTreeItem().label), ['US', 'EU', 'Subaccounts']);
  });

  test('a key Mailgun rejects is not stored', async () => {
    const api = await activate();
    await removeAllAccounts(api);
    const id = await addApiKey(api, 'Wrong', 'key-0000000000000000000000000000wrong');
    assert.equal(id, undefined);
    assert.equal(api.accounts.list().length, 0);
  });

  test('the key never lands in settings, globalState or the log', async () => {
    const api = await activate();
    await removeAllAccounts(api);
    await addApiKey(api, 'Canary', CANARY_KEY);
    const account = (await api.tree.getChildren())[0];
    await api.tree.getChildren((await api.tree.getChildren(account))[0]); // loads US domains: request lines in the log
    api.log.info(`a line that mentions the key by mistake: ${CANARY_KEY}`);

    const state = JSON.stringify(api.context.globalState.keys().map((k) => [k, api.context.globalState.get(k)]));
    assert.ok(state.includes('Canary'), 'the label is in globalState');
    assert.ok(!state.includes(CANARY_KEY), 'the key is not in globalState');

    const config = JSON.stringify(vscode.workspace.getConfiguration('mailgun'));
    assert.ok(!config.includes(CANARY_KEY), 'the key is not in the mailgun settings');
    const userDir = join(api.context.globalStorageUri.fsPath, '..', '..');
    const settingsFile = join(userDir, 'settings.json');
    if (existsSync(settingsFile)) assert.ok(!readFileSync(settingsFile, 'utf8').includes(CANARY_KEY), 'not in settings.json');

    // Log channels write their files asynchronously: wait until our last line has reached the file.
    const text = await eventually(() => {
      const all = filesUnder(api.context.logUri.fsPath).map((f) => readFileSync(f, 'utf8')).join('\n');
      return all.includes('a line that mentions the key') ? all : undefined;
    }, `the log channel to write our line to a file under ${api.context.logUri.fsPath}`);
    assert.ok(text.includes('v4/domains'), 'the log holds the request lines');
    assert.ok(!text.includes(CANARY_KEY), 'the key is redacted from the log');
    assert.ok(!text.includes(Buffer.from(`api:${CANARY_KEY}`).toString('base64')), 'no Authorization header in the log');
  });

  test('Remove API Key asks first and deletes the secret', async () => {
    const api = await activate();
    await removeAllAccounts(api);
    const id = await addApiKey(api, 'Temp', CANARY_KEY);
    const node = (await api.tree.getChildren())[0];
    await answering(api, [CANCEL], () => vscode.commands.executeCommand('mailgun.removeApiKey', node));
    assert.equal(api.accounts.list().length, 1, 'declining keeps the account');
    await answering(api, ['Remove'], () => vscode.commands.executeCommand('mailgun.removeApiKey', node));
    assert.equal(api.accounts.list().length, 0);
    assert.equal(await api.context.secrets.get(`mailgun.apiKey.${id}`), undefined);
  });
});
