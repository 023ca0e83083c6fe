import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { DEMO_DOMAINS } from '../fake-mailgun/seeds/names';
import { addDemoAccount, child, removeAllAccounts, standInForUser, startClean } from './helpers';
import { answering } from './userInput';

suite('Log redaction', () => {
  let api: TestApi;
  let user: ReturnType<typeof standInForUser>;
  const written: string[] = [];
  const restore: Array<() => void> = [];

  suiteSetup(async () => {
    ({ api } = await startClean());
    user = standInForUser(api);
    await addDemoAccount();
    // What reaches the output channel, after Log's redaction.
    const channel = api.log.channel as unknown as Record<string, (m: string) => void>;
    for (const level of ['trace', 'debug', 'info', 'warn', 'error']) {
      const original = channel[level];
      channel[level] = (m: string) => {
        written.push(m);
        original.call(channel, m);
      };
      restore.push(() => (channel[level] = original));
    }
  });

  suiteTeardown(async () => {
    for (const undo of restore) undo();
    user.restore();
    await removeAllAccounts(api);
  });

  test('a protected key is redacted as is, in Basic credentials and percent-encoded', () => {
    const key = 'key-LOGCANARY/4f1c+9e7a=2b5d';
    api.log.protect(key);
    const encoded = encodeURIComponent(key);
    assert.notEqual(encoded, key);
    written.length = 0;
    api.log.info(`raw ${key} basic ${Buffer.from(`api:${key}`).toString('base64')} encoded ${encoded}`);
    assert.deepEqual(written, ['raw [redacted] basic [redacted] encoded [redacted]']);
  });

  test('a webhook URL with a token is logged without it when a command reports it', async () => {
    const webhooks = await child(api, await child(api, await child(api, (await api.tree.getChildren())[0], 'US'), DEMO_DOMAINS.us.main), 'Webhooks');
    const url = 'https://hooks.example.com/in?token=T0KEN-s3cret';
    written.length = 0;
    await answering(api, [url, ['accepted']], () => vscode.commands.executeCommand('mailgun.addWebhook', webhooks));
    const said = written.join('\n');
    assert.match(said, /https:\/\/hooks\.example\.com\/in\?…/, said);
    assert.ok(!said.includes('T0KEN-s3cret'), said);
  });
});
