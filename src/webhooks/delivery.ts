import type { WebhookPayload } from './sample-event';
import * as l10n from '../mailgun/l10n';

export interface WebhookDelivery {
  status: number;
  statusText: string;
  /** The start of the response body on one line, at most BODY_PREVIEW characters. */
  body: string;
  /** The body was longer than what `body` shows. */
  truncated: boolean;
  elapsedMs: number;
}

export interface DeliveryOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  userAgent?: string;
  /** Injectable for tests; the extension uses VS Code's global fetch so proxy settings apply. */
  fetch?: typeof fetch;
}

/** A failed delivery, with a sentence for the user. */
export class WebhookDeliveryError extends Error {
  constructor(
    message: string,
    readonly reason: 'timeout' | 'cancelled' | 'network',
  ) {
    super(message);
    this.name = 'WebhookDeliveryError';
  }
}

export const BODY_PREVIEW = 300;
const BODY_READ_LIMIT = 64 * 1024;

async function readPreview(res: Response): Promise<{ body: string; truncated: boolean }> {
  if (!res.body) return { body: '', truncated: false };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let more = true;
  while (size < BODY_READ_LIMIT) {
    const { done, value } = await reader.read();
    if (done) {
      more = false;
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  if (more) await reader.cancel().catch(() => undefined);
  const text = new TextDecoder().decode(Buffer.concat(chunks)).replace(/\s+/g, ' ').trim();
  return { body: text.slice(0, BODY_PREVIEW), truncated: more || text.length > BODY_PREVIEW };
}

const NETWORK_CAUSES: Record<string, string> = {
  ECONNREFUSED: l10n.t('the connection was refused (nothing listens on that port)'),
  ENOTFOUND: l10n.t('the host name was not found'),
  EAI_AGAIN: l10n.t('the host name could not be looked up (DNS)'),
  ECONNRESET: l10n.t('the server closed the connection'),
  EHOSTUNREACH: l10n.t('the host is unreachable'),
  ENETUNREACH: l10n.t('the network is unreachable'),
  UND_ERR_SOCKET: l10n.t('the server closed the connection'),
  DEPTH_ZERO_SELF_SIGNED_CERT: l10n.t('its certificate is self-signed (Mailgun needs a CA-signed certificate too)'),
  SELF_SIGNED_CERT_IN_CHAIN: l10n.t('its certificate chain is self-signed (Mailgun needs a CA-signed certificate too)'),
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: l10n.t('its certificate could not be verified (Mailgun needs a CA-signed certificate too)'),
  CERT_HAS_EXPIRED: l10n.t('its certificate has expired'),
  ERR_TLS_CERT_ALTNAME_INVALID: l10n.t('its certificate is for another host name'),
};

function causeOf(err: unknown): string {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return NETWORK_CAUSES[code] ?? code;
    e = (e as { cause?: unknown }).cause;
  }
  return err instanceof Error ? err.message : String(err);
}

/**
 * POSTs a payload to a webhook URL as Mailgun does (JSON, no credentials of any kind) and reports what came back.
 * Redirects are reported, not followed, so the payload goes to the URL given and nowhere else.
 */
export async function postWebhook(url: string, payload: WebhookPayload, options: DeliveryOptions): Promise<WebhookDelivery> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const started = performance.now();
  try {
    const res = await (options.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(options.userAgent ? { 'user-agent': options.userAgent } : {}) },
      body: JSON.stringify(payload),
      redirect: 'manual',
      signal,
    });
    const preview = await readPreview(res);
    return { status: res.status, statusText: res.statusText, ...preview, elapsedMs: Math.round(performance.now() - started) };
  } catch (err) {
    if (options.signal?.aborted) throw new WebhookDeliveryError(l10n.t('The test event was cancelled.'), 'cancelled');
    if (timeout.aborted) throw new WebhookDeliveryError(l10n.t('{0} did not answer within {1} s.', url, Math.round(options.timeoutMs / 1000)), 'timeout');
    throw new WebhookDeliveryError(l10n.t('Could not post to {0}: {1}.', url, causeOf(err)), 'network');
  }
}

/** What Mailgun would make of this answer: 200 is received, 406 rejected for good, anything else retried. */
export function mailgunWouldSay(status: number): string {
  if (status === 200) return l10n.t('Mailgun would count this event as delivered to your endpoint.');
  if (status === 406) return l10n.t('Mailgun would treat this as rejected (406) and not retry.');
  const retry = l10n.t('Mailgun only counts 200 as received: it would retry this event later (for up to 8 hours).');
  return status >= 300 && status < 400 ? l10n.t('{0} Point the webhook at the URL this redirects to.', retry) : retry;
}
