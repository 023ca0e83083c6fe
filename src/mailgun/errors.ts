import type { Region } from './regions';

export type MailgunErrorKind =
  | 'auth'
  | 'forbidden'
  | 'notFound'
  | 'validation'
  | 'conflict'
  | 'rateLimited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'malformedResponse'
  | 'cancelled';

export interface MailgunErrorInit {
  kind: MailgunErrorKind;
  userMessage: string;
  status?: number;
  serverMessage?: string;
  region?: Region;
  method: string;
  /** Path without the query string, e.g. `/v3/example.com/bounces`. */
  path: string;
  /** The sending domain of a domain-scoped call. */
  domain?: string;
  /** Set when the domain may be in this other region (a 401 or "domain not found" on a domain-scoped call). */
  otherRegion?: Region;
  /** Suggested wait before trying again (rate limits), from when the answer arrived. */
  retryAfterMs?: number;
  /** When the rate limit ends: the answer's arrival plus `retryAfterMs`. */
  retryAt?: Date;
  /** Schema problems of a malformed response (z.prettifyError). */
  detail?: string;
}

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

/**
 * The one error every client call rejects with. `userMessage` is a sentence for the UI.
 * It never holds ky's request, options or response, so nothing it carries can contain the key.
 */
export class MailgunError extends Error {
  readonly kind: MailgunErrorKind;
  readonly status: number | undefined;
  readonly serverMessage: string | undefined;
  readonly userMessage: string;
  readonly region: Region | undefined;
  readonly method: string;
  readonly path: string;
  readonly domain: string | undefined;
  readonly otherRegion: Region | undefined;
  readonly retryAfterMs: number | undefined;
  readonly retryAt: Date | undefined;
  readonly detail: string | undefined;

  constructor(init: MailgunErrorInit) {
    super(init.userMessage);
    this.kind = init.kind;
    this.status = init.status;
    this.serverMessage = init.serverMessage;
    this.userMessage = init.userMessage;
    this.region = init.region;
    this.method = init.method;
    this.path = init.path;
    this.domain = init.domain;
    this.otherRegion = init.otherRegion;
    this.retryAfterMs = init.retryAfterMs;
    this.retryAt = init.retryAt;
    this.detail = init.detail;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      status: this.status,
      serverMessage: this.serverMessage,
      userMessage: this.userMessage,
      region: this.region,
      method: this.method,
      path: this.path,
      domain: this.domain,
      otherRegion: this.otherRegion,
      retryAfterMs: this.retryAfterMs,
      retryAt: this.retryAt?.toISOString(),
      detail: this.detail,
    };
  }

  /** util.inspect / console.log show only the fields above, never a cause or request. */
  [inspectSymbol](): string {
    const where = `${this.method} ${this.path}${this.status === undefined ? '' : ` → ${this.status}`}`;
    const server = this.serverMessage ? `\n  server: ${this.serverMessage}` : '';
    const detail = this.detail ? `\n  detail: ${this.detail.replace(/\n/g, '\n          ')}` : '';
    return `MailgunError [${this.kind}] ${where}${this.region ? ` (${this.region.toUpperCase()})` : ''}\n  ${this.userMessage}${server}${detail}\n${(this.stack ?? '').split('\n').slice(1).join('\n')}`;
  }
}

// On the prototype, not as a field: the stack's first line is written before fields are set.
Object.defineProperty(MailgunError.prototype, 'name', { value: 'MailgunError', enumerable: false });

export function isMailgunError(value: unknown): value is MailgunError {
  return value instanceof MailgunError;
}
