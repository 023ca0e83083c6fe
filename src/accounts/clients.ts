import * as vscode from 'vscode';
import { createMailgunClient, type MailgunClient, type Region } from '../mailgun';
import type { Log } from '../log';
import { settings } from '../settings';
import type { AccountStore } from './account-store';
import { plainHttpProblem } from './plain-http';
import * as l10n from '../mailgun/l10n';

/** Thrown when an account's key is gone from SecretStorage; the message is a sentence for the user. */
export class MissingKeyError extends Error {
  constructor(label: string) {
    super(l10n.t('The API key of "{0}" is no longer in VS Code\'s secret storage. Remove the account and add the key again with "Mailgun: Add API Key…".', label));
    this.name = 'MissingKeyError';
  }
}

/** A base URL that would send the key in clear text; the message is a sentence for the user. */
export class PlainHttpError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlainHttpError';
  }
}

/**
 * One Mailgun client per (account, region, subaccount acted for), built on first use from the key in SecretStorage and the current
 * settings; dropped when the account's key changes (in any window) or a mailgun.* setting that shapes clients changes.
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
      accounts.onDidChangeKey((accountId) => {
        for (const id of [...this.cache.keys()]) if (id.startsWith(`${accountId}/`)) this.cache.delete(id);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('mailgun.apiBaseUrl') || e.affectsConfiguration('mailgun.requestTimeoutSeconds')) this.cache.clear();
      }),
    ];
  }

  /** With `subaccountId`, every request of the client acts for that subaccount (X-Mailgun-On-Behalf-Of). */
  get(accountId: string, region: Region, subaccountId?: string): Promise<MailgunClient> {
    const id = `${accountId}/${region}/${subaccountId ?? ''}`;
    let client = this.cache.get(id);
    if (!client) {
      client = this.create(accountId, region, subaccountId);
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

  private async create(accountId: string, region: Region, onBehalfOf: string | undefined): Promise<MailgunClient> {
    const options = this.options(region);
    const account = this.accounts.get(accountId);
    const key = await this.accounts.getKey(accountId);
    if (!key) throw new MissingKeyError(account?.label ?? accountId);
    return createMailgunClient({ apiKey: key, region, onBehalfOf, ...options });
  }

  /** Throws PlainHttpError, before any key is read or sent, for a base URL that would send it in clear text. */
  private options(region: Region) {
    const baseUrl = settings.apiBaseUrl(region);
    const problem = plainHttpProblem(baseUrl, `mailgun.apiBaseUrl.${region}`);
    if (problem) {
      this.log.error(problem);
      throw new PlainHttpError(problem);
    }
    return {
      baseUrl,
      timeoutMs: settings.requestTimeoutMs(),
      totalTimeoutMs: Math.max(60_000, settings.requestTimeoutMs() * 3),
      version: this.version,
      logger: this.log,
    };
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.cache.clear();
  }
}
