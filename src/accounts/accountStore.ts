import * as vscode from 'vscode';
import { randomUUID } from 'node:crypto';
import type { Log } from '../log';
import type { Region } from '../mailgun';

/** What is kept about an account outside SecretStorage (in globalState): never the key itself. */
export interface Account {
  id: string;
  label: string;
  /** The last four characters of the key, to tell keys apart. */
  keySuffix: string;
  addedAt: string;
  /** When the key was last replaced: what was loaded with the old key is stale from then on. */
  keyChangedAt?: string;
  /** Domains per region when last seen, shown before the region is expanded. */
  domainCounts?: Partial<Record<Region, number>>;
}

const ACCOUNTS_STATE = 'mailgun.accounts';
const secretName = (id: string): string => `mailgun.apiKey.${id}`;

export class SecretStorageError extends Error {
  constructor(action: string, cause: unknown) {
    super(
      `VS Code's secret storage could not ${action} the API key (${cause instanceof Error ? cause.message : String(cause)}). ` +
        'The key was not saved anywhere else. Check that your system keyring is available, then try again.',
    );
    this.name = 'SecretStorageError';
  }
}

/** API keys live only in SecretStorage, one secret per account; labels and metadata live in globalState. */
export class AccountStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly state: vscode.Memento,
    private readonly log: Log,
  ) {}

  list(): Account[] {
    return this.state.get<Account[]>(ACCOUNTS_STATE, []);
  }

  get(id: string): Account | undefined {
    return this.list().find((a) => a.id === id);
  }

  async getKey(id: string): Promise<string | undefined> {
    let key: string | undefined;
    try {
      key = await this.secrets.get(secretName(id));
    } catch (err) {
      throw new SecretStorageError('read', err);
    }
    if (key) this.log.protect(key);
    return key;
  }

  async add(label: string, key: string, domainCounts?: Account['domainCounts']): Promise<Account> {
    const account: Account = { id: randomUUID(), label, keySuffix: key.slice(-4), addedAt: new Date().toISOString(), domainCounts };
    this.log.protect(key);
    try {
      await this.secrets.store(secretName(account.id), key);
    } catch (err) {
      throw new SecretStorageError('store', err);
    }
    await this.state.update(ACCOUNTS_STATE, [...this.list(), account]);
    this.log.info(`Added account "${label}" (key …${account.keySuffix}).`);
    this.changed.fire();
    return account;
  }

  async rename(id: string, label: string): Promise<void> {
    await this.update(id, { label });
    this.log.info(`Renamed account to "${label}".`);
    this.changed.fire();
  }

  /** Replaces the key of an account (same label), for a key that was rotated or rejected. */
  async replaceKey(id: string, key: string, domainCounts?: Account['domainCounts']): Promise<void> {
    this.log.protect(key);
    try {
      await this.secrets.store(secretName(id), key);
    } catch (err) {
      throw new SecretStorageError('store', err);
    }
    await this.update(id, { keySuffix: key.slice(-4), domainCounts, keyChangedAt: new Date().toISOString() });
    this.log.info(`Updated the API key of "${this.get(id)?.label ?? id}" (now …${key.slice(-4)}).`);
    this.changed.fire();
  }

  /** Remembers a region's domain count; quiet, because it only feeds descriptions. */
  async setDomainCount(id: string, region: Region, count: number): Promise<void> {
    const account = this.get(id);
    if (!account || account.domainCounts?.[region] === count) return;
    await this.update(id, { domainCounts: { ...account.domainCounts, [region]: count } });
  }

  private async update(id: string, change: Partial<Account>): Promise<void> {
    await this.state.update(
      ACCOUNTS_STATE,
      this.list().map((a) => (a.id === id ? { ...a, ...change } : a)),
    );
  }

  async remove(id: string): Promise<void> {
    const account = this.get(id);
    try {
      await this.secrets.delete(secretName(id));
    } catch (err) {
      throw new SecretStorageError('delete', err);
    }
    await this.state.update(
      ACCOUNTS_STATE,
      this.list().filter((a) => a.id !== id),
    );
    this.log.info(`Removed account "${account?.label ?? id}".`);
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
