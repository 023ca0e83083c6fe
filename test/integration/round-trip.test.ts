import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { DEMO_DOMAINS } from '../fake-mailgun/seeds/names';
import { TRICKY_LISTS } from '../fake-mailgun/seeds/tricky';
import type { TestApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/node';
import { fake } from './fake';
import { addDemoAccount, child, removeAllAccounts, setConfig, standInForUser, startClean } from './helpers';
import { recorded } from './reliability';
import { answering } from './userInput';

const LISTS = [
  { list: 'bounces', node: 'Bounces' },
  { list: 'unsubscribes', node: 'Unsubscribes' },
  { list: 'complaints', node: 'Complaints' },
  { list: 'whitelists', node: 'Allowlist' },
] as const;

/**
 * What must survive: every field Mailgun keeps, except the allowlist's `createdAt`, which Mailgun's allowlist import
 * cannot carry (its columns are address and domain only) and sets itself.
 */
const kept = (list: string, records: Record<string, unknown>[]) => (list === 'whitelists' ? records.map(({ createdAt: _set, ...rest }) => rest) : records);

suite('Round trip: export → Clear All → import gives back the same list', () => {
  let api: TestApi;
  let domain: TreeNode;
  let dir: string;
  let user: ReturnType<typeof standInForUser>;
  const name = DEMO_DOMAINS.us.newsletter;

  suiteSetup(async () => {
    ({ api } = await startClean());
    await setConfig('confirmDestructiveActions', 'typeName');
    dir = mkdtempSync(join(tmpdir(), 'mailgun-round-trip-'));
    user = standInForUser(api);
    await addDemoAccount();
    domain = await child(api, await child(api, (await api.tree.getChildren())[0], 'US'), name);
  });

  suiteTeardown(async () => {
    user.restore();
    await setConfig('confirmDestructiveActions', undefined);
    await removeAllAccounts(api);
    rmSync(dir, { recursive: true, force: true });
  });

  test('a failed upload says so and reloads the list (the import may have gone through)', async () => {
    const listNode = await child(api, domain, 'Complaints');
    await api.tree.getChildren(listNode);
    const file = vscode.Uri.file(join(dir, 'one-complaint.csv'));
    writeFileSync(file.fsPath, 'address\nreload.me@example.com\n');
    await fake.fault({ method: 'POST', path: `/v3/${name}/complaints/import`, status: 500, body: { message: 'boom' }, times: 1 });
    try {
      await fake.clearRequests();
      user.said = [];
      assert.equal(await answering(api, [file], () => vscode.commands.executeCommand('mailgun.importSuppressions', listNode)), undefined);
      assert.equal(user.lastSaid().severity, 'error');
      await api.tree.getChildren(listNode);
      const methods = (await fake.requests({ path: `/v3/${name}/complaints**` })).map((r) => `${r.method} ${r.path}`);
      assert.deepEqual(methods, [`POST /v3/${name}/complaints/import`, `GET /v3/${name}/complaints`], 'the upload, then the list read again');
    } finally {
      await fake.clearFaults();
    }
  });

  for (const { list, node } of LISTS) {
    const title = `${node}: formula-like, quoted, RFC 5321 and Unicode entries come back exactly`;
    test(title, () => recorded({ area: 'round trip', case: title, group: node }, async () => {
      await fake.putRecords({ domain: name, list }, TRICKY_LISTS[list]);
      const original = await fake.records({ domain: name, list });
      assert.ok(original.length >= TRICKY_LISTS[list].length);
      const listNode = await child(api, domain, node);
      await api.tree.getChildren(listNode);

      const file = vscode.Uri.file(join(dir, `${list}.csv`));
      const exported = await answering(api, [file], () => vscode.commands.executeCommand<{ rows: number } | undefined>('mailgun.exportSuppressions', listNode));
      assert.equal(exported?.rows, original.length, 'every entry exported');

      assert.equal(await answering(api, ['Clear Without Export', name], () => vscode.commands.executeCommand('mailgun.clearSuppressions', listNode)), true);
      assert.deepEqual(await fake.records({ domain: name, list }), [], 'the list is empty after Clear All');

      const imported = await answering(api, [file], () => vscode.commands.executeCommand<{ sent: boolean; problems: string[] } | undefined>('mailgun.importSuppressions', listNode));
      assert.deepEqual(imported?.problems, [], 'no row of the export is refused');
      assert.equal(imported?.sent, true);
      assert.deepEqual(kept(list, await fake.records({ domain: name, list })), kept(list, original));
    }));
  }
});
