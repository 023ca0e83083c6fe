import * as vscode from 'vscode';
import { createRedactor, redactUrlsIn, type Redactor } from './mailgun/redact';

/**
 * The "Mailgun" log channel. Every line passes through `redact`, which replaces any API key the extension
 * has loaded (as is, in Basic credentials, percent-encoded), so a key that slips into a message (a server
 * echo, a URL) never reaches the log; and cuts URLs (webhooks may carry tokens) to scheme, host and path.
 */
export class Log {
  private created: vscode.LogOutputChannel | undefined;
  private readonly secrets = new Set<string>();
  private redactKeys: Redactor = (text) => text;

  /** Created on first use: activation doesn't wait on it, and a session that logs nothing has no empty channel. */
  get channel(): vscode.LogOutputChannel {
    return (this.created ??= vscode.window.createOutputChannel('Mailgun', { log: true }));
  }

  /** Registers a secret that must never be written out. */
  protect(secret: string): void {
    if (secret.length < 6 || this.secrets.has(secret)) return;
    this.secrets.add(secret);
    this.redactKeys = createRedactor(this.secrets);
  }

  redact(text: string): string {
    // Keys first: a key inside a URL's query must not survive as part of the URL's kept text.
    return redactUrlsIn(this.redactKeys(text));
  }

  trace = (m: string): void => this.channel.trace(this.redact(m));
  debug = (m: string): void => this.channel.debug(this.redact(m));
  info = (m: string): void => this.channel.info(this.redact(m));
  warn = (m: string): void => this.channel.warn(this.redact(m));
  error = (m: string): void => this.channel.error(this.redact(m));

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.created?.dispose();
  }
}
