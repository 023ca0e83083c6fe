import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AccountStore } from '../../src/accounts/account-store';
import { MailgunClients } from '../../src/accounts/clients';
import type { TestApi } from '../../src/extension';
import { DEMO_API_KEY } from '../fake-mailgun/seeds/names';
import { fake, requestCount } from './fake';
import { addDemoAccount, child, eventually, removeAllAccounts, startClean } from './helpers';

// Two VS Code windows share one secret store and one globalState, each through its own extension host. These
// doubles behave as VS Code does: SecretStorage.onDidChange fires in every window (the writer's too) a moment
// after the write; a Memento holds its own copy of the extension's whole state object, writes the whole object,
// and another window's copy is replaced by what storage holds a moment later, with no event.

class SecretBacking {
  readonly values = new Map<string, string>();
  readonly windows: WindowSecrets[] = [];
  changed(key: string): void {
    for (const w of this.windows) setImmediate(() => w.emitter.fire({ key }));
  }
}

class WindowSecrets implements vscode.SecretStorage {
  readonly emitter = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  readonly onDidChange = this.emitter.event;
  constructor(private readonly backing: SecretBacking) {
    backing.windows.push(this);
  }
  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.backing.values.get(key));
  }
  store(key: string, value: string): Promise<void> {
    this.backing.values.set(key, value);
    this.backing.changed(key);
    return Promise.resolve();
  }
  delete(key: string): Promise<void> {
    if (this.backing.values.delete(key)) this.backing.changed(key);
    return Promise.resolve();
  }
}

class StateBacking {
  value: Record<string, unknown> = {};
  readonly windows: WindowState[] = [];
  write(from: WindowState, whole: Record<string, unknown>): void {
    this.value = structuredClone(whole);
    for (const w of this.windows) if (w !== from) setImmediate(() => (w.local = structuredClone(this.value)));
  }
}

class WindowState implements vscode.Memento {
  local: Record<string, unknown> = {};
  /** When set, every write fails (a full disk, say). */
  failWrites = false;
  constructor(private readonly backing: StateBacking) {
    backing.windows.push(this);
    this.local = structuredClone(backing.value);
  }
  keys(): readonly string[] {
    return Object.keys(this.local);
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    return key in this.local ? (this.local[key] as T) : defaultValue;
  }
  update(key: string, value: unknown): Promise<void> {
    if (this.failWrites) return Promise.reject(new Error('the state database is read-only'));
    if (value === undefined) delete this.local[key];
    else this.local[key] = value;
    this.backing.write(this, this.local);
    return Promise.resolve();
  }
}

const KEY_1 = 'key-window-test-1111111111111111-aaaa';
const KEY_2 = 'key-window-test-2222222222222222-bbbb';

suite('Several windows, one key store', () => {
  let api: TestApi;
  let secrets: SecretBacking;
  let state: StateBacking;
  const disposables: vscode.Disposable[] = [];

  function openWindow() {
    const accounts = new AccountStore(new WindowSecrets(secrets), new WindowState(state), api.log);
    const clients = new MailgunClients(accounts, api.log, 'test');
    const changes = { count: 0 };
    disposables.push(accounts, clients, accounts.onDidChange(() => changes.count++));
    return { accounts, clients, changes };
  }

  const labels = (w: { accounts: AccountStore }): string[] => w.accounts.list().map((a) => a.label).sort();

  suiteSetup(async () => {
    ({ api } = await startClean());
    await fake.addKey(KEY_1);
    await fake.addKey(KEY_2);
  });

  setup(() => {
    secrets = new SecretBacking();
    state = new StateBacking();
  });

  teardown(() => {
    for (const d of disposables.splice(0)) d.dispose();
  });

  suiteTeardown(async () => {
    await removeAllAccounts(api);
    await fake.reset('demo');
  });

  test('Update API Key in one window: the other reads the new key and drops its client made with the old one', async () => {
    const a = openWindow();
    const b = openWindow();
    const account = await a.accounts.add('Production', KEY_1);
    await eventually(() => b.accounts.get(account.id), 'window B to see the account');
    const before = await (await b.clients.get(account.id, 'us')).domains.list({ limit: 1 });
    assert.ok(before.totalCount > 0, 'window B works with the first key');

    await a.accounts.replaceKey(account.id, KEY_2);
    await fake.removeKey(KEY_1); // the old key is revoked at Mailgun
    assert.equal(await b.accounts.getKey(account.id), KEY_2);
    await eventually(async () => {
      try {
        await (await b.clients.get(account.id, 'us')).domains.list({ limit: 1 });
        return true;
      } catch {
        return undefined;
      }
    }, "window B's client to use the new key");
    await eventually(() => (b.accounts.get(account.id)?.keySuffix === KEY_2.slice(-4) ? true : undefined), 'window B to show the new key suffix');
    assert.ok(b.changes.count > 0, 'window B refreshed its tree');
  });

  test('Remove API Key in one window: the other loses the account and refreshes', async () => {
    const a = openWindow();
    const b = openWindow();
    const account = await a.accounts.add('Staging', KEY_1);
    await eventually(() => b.accounts.get(account.id), 'window B to see the account');
    const seen = b.changes.count;
    await a.accounts.remove(account.id);
    await eventually(() => (b.accounts.get(account.id) === undefined && b.changes.count > seen ? true : undefined), 'window B to drop the account and refresh');
    assert.equal(await b.accounts.getKey(account.id), undefined);
  });

  test('an account added in one window while another renames one: both changes survive in both windows and in storage', async () => {
    const a = openWindow();
    const b = openWindow();
    const first = await a.accounts.add('Production', KEY_1);
    await eventually(() => b.accounts.get(first.id), 'window B to see the account');

    await Promise.all([a.accounts.add('Staging', KEY_2), b.accounts.rename(first.id, 'Prod (main)')]);

    const expected = ['Prod (main)', 'Staging'];
    await eventually(() => (JSON.stringify(labels(a)) === JSON.stringify(expected) ? true : undefined), `window A to list ${expected.join(', ')} (has ${labels(a).join(', ')})`);
    await eventually(() => (JSON.stringify(labels(b)) === JSON.stringify(expected) ? true : undefined), `window B to list ${expected.join(', ')} (has ${labels(b).join(', ')})`);
    const third = openWindow(); // a window opened later reads what storage holds
    assert.deepEqual(labels(third), expected);
  });

  test('two windows adding accounts at the same moment: neither is lost', async () => {
    const a = openWindow();
    const b = openWindow();
    await Promise.all([a.accounts.add('From A', KEY_1), b.accounts.add('From B', KEY_2)]);
    const expected = ['From A', 'From B'];
    await eventually(() => (JSON.stringify(labels(a)) === JSON.stringify(expected) ? true : undefined), `window A to list both (has ${labels(a).join(', ')})`);
    await eventually(() => (JSON.stringify(labels(b)) === JSON.stringify(expected) ? true : undefined), `window B to list both (has ${labels(b).join(', ')})`);
    assert.deepEqual(labels(openWindow()), expected);
  });

  test('a domain count that cannot be saved is only logged: setDomainCount never rejects', async () => {
    const stateOfA = new WindowState(state);
    const accounts = new AccountStore(new WindowSecrets(secrets), stateOfA, api.log);
    disposables.push(accounts);
    const account = await accounts.add('Production', KEY_1);
    stateOfA.failWrites = true;
    await accounts.setDomainCount(account.id, 'us', 7);
    assert.equal(accounts.get(account.id)?.domainCounts?.us, undefined);
  });

  test("the explorer hears a key replaced through VS Code's own SecretStorage, as from another window: new client, regions reloaded", async () => {
    const id = await addDemoAccount();
    const us = await child(api, (await api.tree.getChildren())[0], 'US');
    assert.equal(await requestCount(() => api.tree.getChildren(us)), 1, 'the region loads with the first key');
    assert.equal(await requestCount(() => api.tree.getChildren(us)), 0, 'and keeps what it loaded');

    const otherWindow = new AccountStore(api.context.secrets, api.context.globalState, api.log);
    disposables.push(otherWindow);
    await otherWindow.replaceKey(id, KEY_2);
    await fake.removeKey(DEMO_API_KEY);

    await eventually(async () => ((await requestCount(() => api.tree.getChildren(us))) === 1 ? true : undefined), 'the region to load again', 30_000);
    const children = await api.tree.getChildren(us);
    assert.notEqual(children[0].getTreeItem().contextValue, 'mailgun.error', 'it loaded with the new key');
  });
});
