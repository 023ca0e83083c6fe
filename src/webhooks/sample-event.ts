import { randomBytes } from 'node:crypto';
import { signWebhook, type WebhookSignature } from './signature';

/** What Mailgun posts to a webhook URL. */
export interface WebhookPayload {
  signature: WebhookSignature;
  'event-data': Record<string, unknown>;
}

export interface SampleOptions {
  /** The sending domain the event is about. */
  domain: string;
  /** Epoch ms; default now. */
  now?: number;
}

/** Old accounts still name webhooks bounce, deliver, drop, spam, unsubscribe, click, open: each and its name today. */
export const LEGACY_EVENT_TYPES: Record<string, string> = {
  bounce: 'permanent_fail',
  drop: 'permanent_fail',
  deliver: 'delivered',
  spam: 'complained',
  unsubscribe: 'unsubscribed',
  click: 'clicked',
  open: 'opened',
};

/** The recipient of every sample: a reserved domain, so nothing real is ever named. */
export const SAMPLE_RECIPIENT = 'alice@example.com';
/** Tag on every sample, so a receiver can tell a test event from a real one. */
export const SAMPLE_TAG = 'mailgun-vscode-test';

function eventId(): string {
  return randomBytes(16).toString('base64url').slice(0, 22);
}

function engagement(): Record<string, unknown> {
  return {
    ip: '203.0.113.7',
    geolocation: { country: 'US', region: 'CA', city: 'San Francisco' },
    'client-info': {
      'client-type': 'browser',
      'client-os': 'Linux',
      'device-type': 'desktop',
      'client-name': 'Firefox',
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
    },
  };
}

function deliveryStatus(code: number, message: string, description = ''): Record<string, unknown> {
  return { code, message, description, 'attempt-no': 1, tls: true, 'certificate-verified': true, 'mx-host': 'mx.example.com', 'session-seconds': 0.42, utf8: true };
}

/**
 * An `event-data` object shaped like the Events API item Mailgun would post for this event type, with
 * reserved example addresses and a tag that marks it as a test. Unknown event types get the common fields only.
 */
export function sampleEventData(eventType: string, { domain, now = Date.now() }: SampleOptions): Record<string, unknown> {
  const type = LEGACY_EVENT_TYPES[eventType] ?? eventType;
  const seconds = now / 1000;
  const messageId = `${Math.floor(seconds)}.${randomBytes(4).toString('hex')}@${domain}`;
  const base: Record<string, unknown> = {
    id: eventId(),
    timestamp: Number(seconds.toFixed(6)),
    'log-level': 'info',
    event: type,
    recipient: SAMPLE_RECIPIENT,
    'recipient-domain': 'example.com',
    tags: [SAMPLE_TAG],
    campaigns: [],
    'user-variables': { source: 'Send Test Event in Mailgun for VS Code' },
    flags: { 'is-authenticated': true, 'is-routed': false, 'is-system-test': false, 'is-test-mode': false },
    message: {
      headers: { to: `Alice <${SAMPLE_RECIPIENT}>`, 'message-id': messageId, from: `Test <test@${domain}>`, subject: `Test ${type} webhook` },
      attachments: [],
      size: 1024,
    },
  };
  const envelope = { transport: 'smtp', sender: `test@${domain}`, 'sending-ip': '198.51.100.10', targets: SAMPLE_RECIPIENT };
  switch (type) {
    case 'accepted':
      return { ...base, method: 'HTTP', envelope };
    case 'delivered':
      return { ...base, envelope, 'delivery-status': deliveryStatus(250, 'OK') };
    case 'permanent_fail':
      return {
        ...base,
        'log-level': 'error',
        event: 'failed',
        severity: 'permanent',
        reason: eventType === 'drop' ? 'suppress-bounce' : 'bounce',
        envelope,
        'delivery-status': deliveryStatus(550, '5.1.1 The email account that you tried to reach does not exist.', 'Not delivering to previously bounced address'),
      };
    case 'temporary_fail':
      return {
        ...base,
        'log-level': 'warn',
        event: 'failed',
        severity: 'temporary',
        reason: 'generic',
        envelope,
        'delivery-status': { ...deliveryStatus(452, '4.2.2 The email account that you tried to reach is over quota.'), 'retry-seconds': 600 },
      };
    case 'opened':
    case 'unsubscribed':
      return { ...base, ...engagement() };
    case 'clicked':
      return { ...base, ...engagement(), url: 'https://example.com/welcome' };
    case 'complained':
      return { ...base, 'log-level': 'warn' };
    default:
      return base;
  }
}

/** A sample event for `eventType`, signed with the account's webhook signing key exactly as Mailgun signs. */
export function testWebhookPayload(eventType: string, signingKey: string, options: SampleOptions): WebhookPayload {
  return { signature: signWebhook(signingKey, options.now), 'event-data': sampleEventData(eventType, options) };
}
