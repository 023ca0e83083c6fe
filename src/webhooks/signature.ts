import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import * as l10n from '../mailgun/l10n';

/** The `signature` object of a webhook payload. The timestamp stays the string Mailgun sent: it is hashed as is. */
export interface WebhookSignature {
  timestamp: string;
  token: string;
  signature: string;
}

/** Mailgun's Python SDK rejects older timestamps by default; its own docs suggest checking age. */
export const DEFAULT_MAX_AGE_SECONDS = 300;

/** Mailgun's signature: hex HMAC-SHA256 of timestamp + token, keyed with the account's webhook signing key. */
export function computeSignature(signingKey: string, timestamp: string, token: string): string {
  return createHmac('sha256', signingKey).update(timestamp + token).digest('hex');
}

/** Signs as Mailgun does: the current time in seconds and a 50-character random token. */
export function signWebhook(signingKey: string, now = Date.now()): WebhookSignature {
  const timestamp = String(Math.floor(now / 1000));
  const token = randomBytes(25).toString('hex');
  return { timestamp, token, signature: computeSignature(signingKey, timestamp, token) };
}

export type SignatureVerdict = 'valid' | 'invalid' | 'stale';

export interface SignatureCheck {
  verdict: SignatureVerdict;
  /** Seconds between the timestamp and now (negative when it lies in the future); NaN when it is not a number. */
  ageSeconds: number;
  maxAgeSeconds: number;
}

/**
 * Checks a signature in constant time. A matching signature whose timestamp is further than `maxAgeSeconds`
 * from now is `stale`: genuine, but possibly a replay.
 */
export function verifyWebhookSignature(
  signingKey: string,
  sig: WebhookSignature,
  { now = Date.now(), maxAgeSeconds = DEFAULT_MAX_AGE_SECONDS }: { now?: number; maxAgeSeconds?: number } = {},
): SignatureCheck {
  const expected = Buffer.from(computeSignature(signingKey, sig.timestamp, sig.token), 'hex');
  const hex = sig.signature.trim();
  // A malformed signature is still compared (against zeros), so the time taken never depends on the input's shape.
  const wellFormed = /^[0-9a-f]{64}$/i.test(hex);
  const given = wellFormed ? Buffer.from(hex, 'hex') : Buffer.alloc(expected.length);
  const matches = timingSafeEqual(expected, given) && wellFormed;
  const ageSeconds = /^\d+(\.\d+)?$/.test(sig.timestamp.trim()) ? Math.round(now / 1000 - Number(sig.timestamp)) : Number.NaN;
  const verdict: SignatureVerdict = !matches ? 'invalid' : Number.isNaN(ageSeconds) || Math.abs(ageSeconds) > maxAgeSeconds ? 'stale' : 'valid';
  return { verdict, ageSeconds, maxAgeSeconds };
}

export type ParsedSignatureInput = { ok: true; signature: WebhookSignature; event?: string } | { ok: false; problem: string };

const expected = (): string =>
  l10n.t('Paste the JSON body Mailgun posted ({"signature": {…}, "event-data": {…}}), or the timestamp, token and signature separated by spaces.');

function asText(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

function fromFields(o: Record<string, unknown>): WebhookSignature | undefined {
  const timestamp = asText(o.timestamp);
  const token = asText(o.token);
  const signature = asText(o.signature);
  return timestamp && token && signature ? { timestamp, token, signature } : undefined;
}

function missing(o: Record<string, unknown>): string {
  const absent = ['timestamp', 'token', 'signature'].filter((k) => asText(o[k]) === undefined || asText(o[k]) === '');
  return l10n.t('The signature has no {0}. {1}', absent.join(', '), expected());
}

/**
 * Reads what a user pastes to check: Mailgun's JSON payload, the `signature` object alone, the legacy form
 * fields (timestamp=…&token=…&signature=…), or the three values separated by spaces, commas or new lines.
 */
export function parseSignatureInput(text: string): ParsedSignatureInput {
  const input = text.trim();
  if (!input) return { ok: false, problem: expected() };
  if (input.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(input);
    } catch (err) {
      return { ok: false, problem: l10n.t('The pasted text is not valid JSON ({0}). {1}', (err as Error).message, expected()) };
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, problem: expected() };
    const body = json as Record<string, unknown>;
    const nested = typeof body.signature === 'object' && body.signature !== null ? (body.signature as Record<string, unknown>) : undefined;
    const fields = nested ?? body;
    const signature = fromFields(fields);
    if (!signature) return { ok: false, problem: missing(fields) };
    const eventData = body['event-data'];
    const event = typeof eventData === 'object' && eventData !== null ? asText((eventData as Record<string, unknown>).event) : asText(body.event);
    return { ok: true, signature, event };
  }
  if (/^[\w.-]+=/.test(input) && input.includes('&')) {
    const form = Object.fromEntries(new URLSearchParams(input));
    const signature = fromFields(form);
    return signature ? { ok: true, signature, event: form.event } : { ok: false, problem: missing(form) };
  }
  const parts = input.split(/[\s,;]+/).filter(Boolean);
  if (parts.length !== 3) return { ok: false, problem: l10n.t('Expected 3 values, found {0}. {1}', parts.length, expected()) };
  const [timestamp, token, signature] = parts;
  if (!/^\d+$/.test(timestamp)) return { ok: false, problem: l10n.t('The first value, "{0}", is not a timestamp in seconds. {1}', timestamp.slice(0, 40), expected()) };
  return { ok: true, signature: { timestamp, token, signature } };
}

/** "3 minutes", "2 days": how far a timestamp is from now, for messages. */
export function describeAge(seconds: number): string {
  const s = Math.abs(seconds);
  if (s < 120) {
    const n = Math.round(s);
    return n === 1 ? l10n.t('1 second') : l10n.t('{0} seconds', n);
  }
  if (s < 3600) return l10n.t('{0} minutes', Math.round(s / 60));
  if (s < 2 * 86400) {
    const n = Math.round(s / 3600);
    return n === 1 ? l10n.t('1 hour') : l10n.t('{0} hours', n);
  }
  return l10n.t('{0} days', Math.round(s / 86400));
}
