import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';

export const EXTENSION_ID = 'mailgun-vscode.mailgun-vscode';

/** A key that must never show up outside SecretStorage. */
export const CANARY_KEY = 'key-canary-5f1c9e0b7a2d4c68b3e1f0a9d8c7b6a5';

export async function activate(): Promise<TestApi> {
  const ext = vscode.extensions.getExtension<TestApi | undefined>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is installed in the host`);
  const api = await ext.activate();
  assert.ok(api, 'activate() returns the test API in test mode');
  return api;
}

/** Removes every stored account without asking. */
export async function removeAllAccounts(api: TestApi): Promise<void> {
  for (const a of api.accounts.list()) await api.accounts.remove(a.id);
}

/** Polls until `check` returns a value other than undefined (UI updates arrive asynchronously). */
export async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Points the extension at the fake Mailgun server that the runner started (its URLs arrive in the environment). */
export async function useFakeMailgun(): Promise<{ us: string; eu: string }> {
  const us = process.env.MAILGUN_TEST_FAKE_US;
  const eu = process.env.MAILGUN_TEST_FAKE_EU;
  assert.ok(us && eu, 'the runner passes MAILGUN_TEST_FAKE_US and MAILGUN_TEST_FAKE_EU');
  const config = vscode.workspace.getConfiguration('mailgun');
  await config.update('apiBaseUrl.us', us, vscode.ConfigurationTarget.Global);
  await config.update('apiBaseUrl.eu', eu, vscode.ConfigurationTarget.Global);
  return { us, eu };
}
