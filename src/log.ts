import * as vscode from 'vscode';

/**
 * The "Mailgun" log channel. Every line passes through `redact`, which replaces any API key the extension
 * has loaded, so a key that slips into a message (a server echo, a URL) never reaches the log.
 */
export class Log {
  readonly channel: vscode.LogOutputChannel;
  private readonly secrets = new Set<string>();

  constructor() {
    this.channel = vscode.window.createOutputChannel('Mailgun', { log: true });
  }

  /** Registers a secret that must never be written out. */
  protect(secret: string): void {
    if (secret.length >= 6) this.secrets.add(secret);
  }

  redact(text: string): string {
    let out = text;
    for (const s of this.secrets) {
      out = out.split(s).join('[redacted]');
      const basic = Buffer.from(`api:${s}`).toString('base64');
      out = out.split(basic).join('[redacted]');
    }
    return out;
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
    this.channel.dispose();
  }
}
