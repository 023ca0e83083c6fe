import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { DEMO_DOMAINS } from '../fake-mailgun/seeds/names';
import { addDemoAccount, child, eventually, removeAllAccounts, standInForUser, startClean } from './helpers';
import { answering } from './userInput';

suite('Notification buttons', () => {
  let api: TestApi;
  let dir: string;
  let user: ReturnType<typeof standInForUser>;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };

  suiteSetup(async () => {
    ({ api } = await startClean());
    dir = mkdtempSync(join(tmpdir(), 'mailgun-notify-'));
    user = standInForUser(api);
    process.on('unhandledRejection', onUnhandled);
    await addDemoAccount();
  });

  suiteTeardown(async () => {
    process.off('unhandledRejection', onUnhandled);
    user.restore();
    await removeAllAccounts(api);
    rmSync(dir, { recursive: true, force: true });
  });

  test('a button whose action fails is said as an error, not left as an unhandled rejection', async () => {
    const us = await child(api, (await api.tree.getChildren())[0], 'US');
    const complaints = await child(api, await child(api, us, DEMO_DOMAINS.us.main), 'Complaints');
    const file = join(dir, 'complaints.csv');
    // The file is gone by the time "Open File" is pressed, so opening it fails.
    user.press = (said) => {
      if (!said.actions.includes('Open File')) return undefined;
      rmSync(file);
      return 'Open File';
    };
    unhandled.length = 0;
    const exported = await answering(api, [vscode.Uri.file(file)], () => vscode.commands.executeCommand<{ rows: number } | undefined>('mailgun.exportSuppressions', complaints));
    assert.ok(exported && exported.rows > 0);
    const said = await eventually(() => user.said.find((s) => s.severity === 'error'), 'the failed button to be reported');
    assert.match(said.message, /^"Open File" did not work: .+\.$/);
    assert.ok(!existsSync(file));
    await nextTurn();
    assert.deepEqual(unhandled.map(String), [], 'no unhandled promise rejection');
  });
});
