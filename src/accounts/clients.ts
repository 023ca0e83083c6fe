import * as vscode from 'vscode';
import { createMailgunClient, type MailgunClient, type Region } from '../mailgun';
import type { Log } from '../log';
import { settings } from '../settings';
import type { AccountStore } from './accountStore';

/** Thrown when an account's key is gone from SecretStorage; the message is a sentence for the user. */
export class MissingKeyError extends Error {
  constructor(label: string) {
    super(`The API key of "${label}" is no longer in VS Code's secret storage. Remove the account and add the key again with "Mailgun: Add API Key…".`);
    this.name = 'MissingKeyError';
  }
}

/**
 * One Mailgun client per (account, region), built on first use from the key in SecretStorage and the current
 * settings; dropped when the account changes or a mailgun.* setting that shapes clients changes.
 */
export class MailgunClients implements vscode.Disposable {
  private readonly cache = new Map<string, Promise<MailgunClient>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly accounts: AccountStore,
    private readonly log: Log,
    private readonly version: string,
  ) {
    this.subscriptions = [
      accounts.onDidChange(() => this.cache.clear()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('mailgun.apiBaseUrl') || e.affectsConfiguration('mailgun.requestTimeoutSeconds')) this.cache.clear();
      }),
    ];
  }

  get(accountId: string, region: Region): Promise<MailgunClient> {
    const id = `${accountId}/${region}`;
    let client = this.cache.get(id);
    if (!client) {
      client = this.create(accountId, region);
      this.cache.set(id, client);
      client.catch(() => this.cache.delete(id));
    }
    return client;
  }

  /** The base URL the region's clients use when it is overridden in the settings. */
  baseUrl(region: Region): string | undefined {
    return settings.apiBaseUrl(region);
  }

  /** A client for a key that is not stored yet (checking a key before saving it). */
  forKey(apiKey: string, region: Region): MailgunClient {
    this.log.protect(apiKey);
    return createMailgunClient({ apiKey, region, ...this.options(region) });
  }

  private async create(accountId: string, region: Region): Promise<MailgunClient> {
    const account = this.accounts.get(accountId);
    const key = await this.accounts.getKey(accountId);
    if (!key) throw new MissingKeyError(account?.label ?? accountId);
    return createMailgunClient({ apiKey: key, region, ...this.options(region) });
  }

  private readonly warnedPlainHttp = new Set<string>();

  private options(region: Region) {
    const baseUrl = settings.apiBaseUrl(region);
    this.warnAboutPlainHttp(baseUrl);
    return {
      baseUrl,
      timeoutMs: settings.requestTimeoutMs(),
      totalTimeoutMs: Math.max(60_000, settings.requestTimeoutMs() * 3),
      version: this.version,
      logger: this.log,
    };
  }

  /** A key sent over plain http to anything but this machine travels in clear text: say so in the log. */
  private warnAboutPlainHttp(baseUrl: string | undefined): void {
    if (!baseUrl || !URL.canParse(baseUrl) || this.warnedPlainHttp.has(baseUrl)) return;
    const url = new URL(baseUrl);
    if (url.protocol === 'http:' && !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
      this.warnedPlainHttp.add(baseUrl);
      this.log.warn(`The API base URL ${url.origin} uses plain http: the API key travels unencrypted. Use https unless this is a local proxy.`);
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.cache.clear();
  }
}
