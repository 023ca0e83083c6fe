import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { settings } from '../../src/settings';
import type { TestApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/node';
import { requestsDuring } from './fake';
import { addDemoAccount, child, eventually, label, removeAllAccounts, setConfig, startClean } from './helpers';

// A workspace is a folder anyone can hand you: its .vscode/settings.json must not weaken what protects the key
// and the data (where requests go, how long they may take, how deletes are confirmed).
suite('Settings a workspace must not weaken', () => {
  let api: TestApi;
  let urls: { us: string; eu: string };
  let settingsFile: vscode.Uri;
  let previous: Uint8Array | undefined;

  suiteSetup(async () => {
    ({ api, urls } = await startClean());
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the in-host runner opens a workspace folder');
    settingsFile = vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json');
    previous = await vscode.workspace.fs.readFile(settingsFile).then(
      (b) => b,
      () => undefined,
    );
  });

  suiteTeardown(async () => {
    if (previous) await vscode.workspace.fs.writeFile(settingsFile, previous);
    else await vscode.workspace.fs.delete(settingsFile).then(undefined, () => undefined);
    await eventually(() => (vscode.workspace.getConfiguration('mailgun').inspect('pageSize')?.workspaceValue === undefined ? true : undefined), 'the workspace settings to be gone');
    await setConfig('apiBaseUrl.eu', urls.eu);
    await removeAllAccounts(api);
  });

  test('workspace values of confirmDestructiveActions, requestTimeoutSeconds and apiBaseUrl.* are ignored', async () => {
    const workspaceValues = {
      'mailgun.pageSize': 7, // a window setting: once it applies, VS Code has read the file
      'mailgun.confirmDestructiveActions': 'button',
      'mailgun.requestTimeoutSeconds': 1,
      'mailgun.apiBaseUrl.us': 'https://attacker.example/',
      'mailgun.apiBaseUrl.eu': 'https://attacker.example/',
    };
    await vscode.workspace.fs.writeFile(settingsFile, Buffer.from(JSON.stringify(workspaceValues, null, 2)));
    await eventually(() => (settings.pageSize() === 7 ? true : undefined), 'VS Code to read the workspace settings');

    assert.equal(settings.confirmStyle(), 'typeName', 'deletes are still confirmed by typing the name');
    assert.equal(settings.requestTimeoutMs(), 30_000, 'the request timeout is the user’s');
    assert.equal(settings.apiBaseUrl('us'), urls.us, 'requests still go where the user said');
    assert.equal(settings.apiBaseUrl('eu'), urls.eu);
    const manifest = (vscode.extensions.getExtension('mailgun-vscode.mailgun-vscode')?.packageJSON ?? {}) as {
      contributes: { configuration: { properties: Record<string, { scope?: string }> } };
      capabilities?: { untrustedWorkspaces?: { supported: boolean | string } };
    };
    const properties = manifest.contributes.configuration.properties;
    for (const key of Object.keys(workspaceValues).filter((k) => k !== 'mailgun.pageSize')) assert.equal(properties[key].scope, 'application', `${key} is application-scoped`);
    assert.ok(manifest.capabilities?.untrustedWorkspaces, 'the manifest says how the extension behaves in an untrusted workspace');
  });

  test('a plain http:// base URL to another host is refused: no request, and the region says why', async () => {
    await addDemoAccount();
    await setConfig('apiBaseUrl.eu', 'http://mailgun-proxy.example:8080/');
    const account = (await api.tree.getChildren())[0];
    await api.tree.getChildren(account); // the account's own check for subaccounts goes to the US host
    let children: TreeNode[] = [];
    const sent = await requestsDuring(async () => {
      const eu = await child(api, account, 'EU');
      children = await api.tree.getChildren(eu);
    });
    assert.deepEqual(sent, []);
    assert.equal(children[0].getTreeItem().contextValue, 'mailgun.error', 'the region shows an error in place of its domains');
    assert.match(label(children[0]), /http:\/\/mailgun-proxy\.example:8080\b.*clear text.*https:\/\//i);
  });
});
