import * as vscode from 'vscode';
import { randomUUID } from 'node:crypto';
import type { Log } from '../log';
import type { Region } from '../mailgun';
import * as l10n from '../mailgun/l10n';

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
  /**
   * Never stored: set on the account that a subaccount's part of the explorer carries, so that every request
   * made for it (by its nodes and by commands run on them) acts for the subaccount.
   */
  subaccount?: { id: string; name: string };
}

const ACCOUNTS_STATE = 'mailgun.accounts';
const KEY_PREFIX = 'mailgun.apiKey.';
const RECORD_PREFIX = 'mailgun.account.';
const secretName = (id: string): string => `${KEY_PREFIX}${id}`;
const recordName = (id: string): string => `${RECORD_PREFIX}${id}`;

/** What another window needs to show an account: kept beside its key, since globalState can lose it (below). */
type AccountRecord = Omit<Account, 'domainCounts'>;

/** The same account with its fields in one order, so two copies compare as JSON. */
function normalized(a: Account): Account {
  const counts = a.domainCounts && { us: a.domainCounts.us, eu: a.domainCounts.eu };
  return JSON.parse(
    JSON.stringify({ id: a.id, label: a.label, keySuffix: a.keySuffix, addedAt: a.addedAt, keyChangedAt: a.keyChangedAt, domainCounts: counts }),
  ) as Account;
}

function parseRecord(id: string, text: string | undefined): AccountRecord | undefined {
  if (text === undefined) return undefined;
  try {
    const r = JSON.parse(text) as Partial<AccountRecord>;
    if (r.id !== id || typeof r.label !== 'string' || typeof r.keySuffix !== 'string' || typeof r.addedAt !== 'string') return undefined;
    return { id, label: r.label, keySuffix: r.keySuffix, addedAt: r.addedAt, keyChangedAt: typeof r.keyChangedAt === 'string' ? r.keyChangedAt : undefined };
  } catch {
    return undefined;
  }
}

export class SecretStorageError extends Error {
  constructor(action: 'read' | 'store' | 'delete', cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    const failed = { read: l10n.t("VS Code's secret storage could not read the API key ({0}).", why), store: l10n.t("VS Code's secret storage could not store the API key ({0}).", why), delete: l10n.t("VS Code's secret storage could not delete the API key ({0}).", why) }[action];
    super(`${failed} ${l10n.t('The key was not saved anywhere else. Check that your system keyring is available, then try again.')}`);
    this.name = 'SecretStorageError';
  }
}

/**
 * API keys live only in SecretStorage, one secret per account; labels and metadata live in globalState.
 *
 * Several windows share both stores. globalState is one object per extension that each window writes whole,
 * and another window sees the write a moment later with no event, so two windows writing at once lose one
 * write. SecretStorage keeps each secret apart and tells every window about every change. So each account also
 * has a record secret (label, key suffix, dates; never the key), and every window applies the record and key
 * changes it is told about to its globalState, one account at a time: what one window's write dropped, the
 * next write puts back. A key changed or removed anywhere fires onDidChangeKey, so its clients are dropped.
 */
export class AccountStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly keyChanged = new vscode.EventEmitter<string>();
  /** An account's key was replaced or removed, in this window or another: what was made with it is stale. */
  readonly onDidChangeKey = this.keyChanged.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly state: vscode.Memento,
    private readonly log: Log,
  ) {
    this.subscription = secrets.onDidChange((e) => {
      this.secretChanged(e.key).catch((err: unknown) => this.log.warn(`Could not apply an account change made in another window: ${String(err)}`));
    });
  }

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
    try {
      await this.storeRecord(account);
    } catch (err) {
      await Promise.resolve(this.secrets.delete(secretName(account.id))).catch(() => undefined);
      throw new SecretStorageError('store', err);
    }
    await this.apply(account.id, () => account);
    this.log.info(`Added account "${label}" (key …${account.keySuffix}).`);
    this.changed.fire();
    return account;
  }

  async rename(id: string, label: string): Promise<void> {
    const account = this.get(id);
    if (!account) return;
    await this.storeRecord({ ...account, label });
    await this.apply(id, (current) => current && { ...current, label });
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
    this.keyChanged.fire(id);
    const change = { keySuffix: key.slice(-4), domainCounts, keyChangedAt: new Date().toISOString() };
    const account = this.get(id);
    if (account) await this.storeRecord({ ...account, ...change });
    await this.apply(id, (current) => current && { ...current, ...change });
    this.log.info(`Updated the API key of "${this.get(id)?.label ?? id}" (now …${key.slice(-4)}).`);
    this.changed.fire();
  }

  /** Remembers a region's domain count; quiet, because it only feeds descriptions, and never fails. */
  async setDomainCount(id: string, region: Region, count: number): Promise<void> {
    try {
      await this.apply(id, (current) => current && { ...current, domainCounts: { ...current.domainCounts, [region]: count } });
    } catch (err) {
      this.log.warn(`Could not remember the domain count of an account: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  async remove(id: string): Promise<void> {
    const account = this.get(id);
    try {
      await this.secrets.delete(secretName(id));
      await this.secrets.delete(recordName(id));
    } catch (err) {
      throw new SecretStorageError('delete', err);
    }
    this.keyChanged.fire(id);
    await this.apply(id, () => undefined);
    this.log.info(`Removed account "${account?.label ?? id}".`);
    this.changed.fire();
  }

  private async storeRecord(account: Account): Promise<void> {
    const { domainCounts: _counts, ...record } = normalized(account);
    await this.secrets.store(recordName(account.id), JSON.stringify(record));
  }

  /** Changes one account in globalState, reading the list right before writing it (no await between); writes nothing when nothing changes. */
  private async apply(id: string, change: (current: Account | undefined) => Account | undefined): Promise<void> {
    const list = this.list();
    const current = list.find((a) => a.id === id);
    const result = change(current);
    const next = result && normalized(result);
    if (JSON.stringify(next) === JSON.stringify(current && normalized(current))) return;
    const others = list.filter((a) => a.id !== id);
    await this.state.update(ACCOUNTS_STATE, !next ? others : current ? list.map((a) => (a.id === id ? next : a)) : [...others, next]);
  }

  /** A secret of this extension changed, in this window or another. */
  private async secretChanged(name: string): Promise<void> {
    if (name.startsWith(KEY_PREFIX)) {
      const id = name.slice(KEY_PREFIX.length);
      this.keyChanged.fire(id);
      if ((await this.secrets.get(name)) !== undefined) return;
      await this.apply(id, () => undefined);
      // Fired even when globalState already had the change: its arrival from the other window has no event of its own.
      this.changed.fire();
    } else if (name.startsWith(RECORD_PREFIX)) {
      const id = name.slice(RECORD_PREFIX.length);
      const record = parseRecord(id, await this.secrets.get(name));
      // A record that is gone was removed with its key (handled above); an account without one predates records.
      if (!record) return;
      if (!this.get(id) && (await this.secrets.get(secretName(id))) === undefined) return; // added, then removed already
      await this.apply(id, (current) => ({
        ...record,
        domainCounts: current?.keyChangedAt === record.keyChangedAt ? current?.domainCounts : undefined,
      }));
      this.changed.fire();
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
    this.keyChanged.dispose();
  }
}
