import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/node';
import type { Severity } from '../../src/ui/notify';
import { DEMO_API_KEY } from '../fake-mailgun/seeds/names';
import { fake } from './fake';
import { answering, type Answer } from './userInput';

export const EXTENSION_ID = 'mailgun-vscode.mailgun-vscode';

/** A key that must never show up outside SecretStorage. */
export const CANARY_KEY = 'key-canary-5f1c9e0b7a2d4c68b3e1f0a9d8c7b6a5';

/** The extension's tree, to read rows as the view shows them. */
let shownTree: TestApi['tree'] | undefined;

export async function activate(): Promise<TestApi> {
  const ext = vscode.extensions.getExtension<TestApi | undefined>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is installed in the host`);
  const api = await ext.activate();
  assert.ok(api, 'activate() returns the test API in test mode');
  shownTree = api.tree;
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

export async function setConfig(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('mailgun').update(key, value, vscode.ConfigurationTarget.Global);
}

/** A suite's clean start: the extension on the fake server, the fake back to the demo seed with no faults, no account stored. */
export async function startClean(): Promise<{ api: TestApi; urls: { us: string; eu: string } }> {
  const api = await activate();
  const urls = await useFakeMailgun();
  await fake.reset('demo');
  await fake.clearFaults();
  await removeAllAccounts(api);
  return { api, urls };
}

/** Adds the demo seed's key through Add API Key; returns the account's id. */
export async function addDemoAccount(label = 'Demo'): Promise<string> {
  const id = await addApiKey(await activate(), label, DEMO_API_KEY);
  assert.ok(id, 'the demo key was added');
  return id;
}

/** Runs Add API Key from the palette, answering its two prompts; the new account's id, or undefined when not saved. */
export function addApiKey(api: TestApi, label: string, key: string, ...more: Answer[]): Promise<string | undefined> {
  return answering(api, [label, key, ...more], () => vscode.commands.executeCommand<string | undefined>('mailgun.addApiKey'));
}

/** A node's row as the view shows it (with what the tree adds, such as "Deleting…"). */
export const shown = (n: TreeNode): vscode.TreeItem => shownTree?.shownItem(n) ?? n.getTreeItem();
export const label = (n: TreeNode): string => {
  const l = shown(n).label;
  return typeof l === 'string' ? l : (l?.label ?? '');
};
export const description = (n: TreeNode): string => String(shown(n).description ?? '');
export const contextValue = (n: TreeNode): string => shown(n).contextValue ?? '';

/** The child of `parent` (a root when undefined) whose label is `name` or matches it; loads the children. */
export async function child(api: TestApi, parent: TreeNode | undefined, name: string | RegExp): Promise<TreeNode> {
  const children = await api.tree.getChildren(parent);
  const found = children.find((c) => (typeof name === 'string' ? label(c) === name : name.test(label(c))));
  assert.ok(found, `"${String(name)}" among ${children.map(label).slice(0, 20).join(', ')}`);
  return found;
}

export const labels = async (api: TestApi, node: TreeNode): Promise<string[]> => (await api.tree.getChildren(node)).map(label);

export interface Said {
  severity: Severity;
  message: string;
  actions: string[];
}

/**
 * Stands in for the user where the extension says something (api.notifications): records it, and presses the
 * button `press` picks (by default none). Prompts are answered through the UserInput seam (`answering`).
 * restore() puts the seams back.
 */
export function standInForUser(api: TestApi) {
  const original = { show: api.notifications.show };
  const user = {
    said: [] as Said[],
    /** The button pressed; a promise presses it later (or never). */
    press: (_said: Said): string | undefined | Promise<string | undefined> => undefined,
    lastSaid(): Said {
      assert.ok(user.said.length > 0, 'something was said');
      return user.said.at(-1)!;
    },
    /** Forgets what was said and asked, and goes back to the default answers. */
    reset(): void {
      user.said = [];
      user.press = () => undefined;
    },
    restore(): void {
      Object.assign(api.notifications, { show: original.show });
    },
  };
  api.notifications.show = (severity, message, ...actions) => {
    const said = { severity, message, actions };
    user.said.push(said);
    return Promise.resolve(user.press(said));
  };
  return user;
}
