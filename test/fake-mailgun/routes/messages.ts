// Sending: POST /v3/{domain}/messages (mailgun-api.md §1.3, §1.9). A message is stored as events in the domain's
// log (accepted, then delivered or failed a moment later), so Logs, Events, Stats and Metrics all see it.
import { parseBool } from '../body';
import { appendEvent, kindOf, newStorageKey, storageOf, storedId } from '../event-log';
import { rememberBodies, storedMessage } from './stored-messages';
import { domainNotFound, json, message, type Reply } from '../http';
import type { Ctx, Router } from '../router';
import { type Domain, findDomain, seriesOf } from '../state';

/** Accepted to delivered (or failed): real deliveries take a second or more. */
export const DELIVERY_DELAY_MS = 1500;
const MAX_BYTES = 25 * 1024 * 1024;
const ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

const bare = (input: string): string => (/<([^<>]+)>\s*$/.exec(input.trim())?.[1] ?? input).trim().toLowerCase();

function suppressedReason(d: Domain, address: string): string | undefined {
  if (d.lists.whitelists.get(address) || d.lists.whitelists.get(address.split('@')[1] ?? '')) return undefined;
  if (d.lists.bounces.get(address)) return 'suppress-bounce';
  if (d.lists.unsubscribes.get(address)) return 'suppress-unsubscribe';
  if (d.lists.complaints.get(address)) return 'suppress-complaint';
  return undefined;
}

const SUPPRESSED_STATUS: Record<string, { code: number; message: string }> = {
  'suppress-bounce': { code: 605, message: 'Not delivering to previously bounced address' },
  'suppress-unsubscribe': { code: 606, message: 'Not delivering to unsubscribed address' },
  'suppress-complaint': { code: 607, message: 'Not delivering to a user who marked your messages as spam' },
};

function send({ world, region, params, body, baseUrl }: Ctx): Reply {
  const d = findDomain(region, params.domain);
  if (!d) return domainNotFound();
  const form = body.form;
  const from = form.get('from');
  if (!from?.trim()) return message(400, "'from' parameter is missing");
  const to = form.all('to').flatMap((t) => t.split(',')).map((t) => t.trim()).filter(Boolean);
  if (to.length === 0) return message(400, "'to' parameter is missing");
  if (to.some((t) => !ADDRESS.test(bare(t)))) return message(400, 'to parameter is not a valid address. please check documentation');
  if (!form.get('text') && !form.get('html') && !form.get('amp-html') && !form.get('template')) return message(400, "Need at least one of 'text', 'html', 'amp-html' or 'template' parameters specified");
  const size = ['from', 'to', 'subject', 'text', 'html'].reduce((n, f) => n + form.all(f).reduce((m, v) => m + Buffer.byteLength(v), 0), 0);
  if (size > MAX_BYTES) return message(400, 'Message size exceeds the limit of 25MB');
  const testMode = parseBool(form.get('o:testmode')) === true;
  if (d.type === 'sandbox') {
    if (to.some((t) => !world.sandboxRecipients?.get(bare(t))?.activated))
      return message(403, `Domain ${d.name} is not allowed to send: Free accounts are for test purposes only. Please upgrade or add the address to authorized recipients in Account Settings.`);
  }
  const now = world.now();
  const messageId = `${new Date(now).toISOString().replace(/\D/g, '').slice(0, 14)}.${++world.idCounter}.${Math.random().toString(16).slice(2, 10).toUpperCase()}@${d.name}`;
  const subject = form.get('subject') ?? '';
  const tags = form.all('o:tag');
  const series = seriesOf(region, d.name);
  for (const [n, raw] of to.entries()) {
    const recipient = bare(raw);
    const reason = suppressedReason(d, recipient);
    const events = [{ event: 'accepted', at: now }, { event: reason ? 'failed' : 'delivered', at: now + DELIVERY_DELAY_MS }];
    for (const { event, at } of events) {
      const ts = at * 1000 + n;
      const id = storedId(d.name, ts);
      const item: Record<string, unknown> = {
        id,
        event,
        account: { id: '5f1e2d3c4b5a6978a0b1c2d3' },
        domain: { name: d.name },
        tags,
        recipient,
        'recipient-domain': recipient.split('@')[1] ?? '',
        'log-level': event === 'failed' ? 'error' : 'info',
        'user-variables': '{}',
        envelope: { sender: bare(from), transport: 'smtp', targets: recipient },
        message: { headers: { to: raw, 'message-id': messageId, from, subject }, attachments: [], size },
        flags: { 'is-authenticated': true, 'is-system-test': false, 'is-routed': false, 'is-test-mode': testMode, 'is-delayed-bounce': false, 'is-callback': false, 'is-webhook': false },
      };
      if (event === 'failed' && reason) {
        item.severity = 'permanent';
        item.reason = reason;
        item['delivery-status'] = { code: SUPPRESSED_STATUS[reason].code, message: SUPPRESSED_STATUS[reason].message, 'attempt-no': 1 };
      }
      if (event === 'delivered') item['delivery-status'] = { code: 250, message: 'OK', 'attempt-no': 1 };
      if (event === 'accepted') {
        const key = newStorageKey(at, `S${world.idCounter}x${n}`);
        item.storage = storageOf(baseUrl, d.name, key);
        rememberBodies(region, key, { text: form.get('text') || undefined, html: form.get('html') || undefined });
      }
      appendEvent(region, series, d.name, { ts, id, kind: kindOf(item), item });
    }
  }
  return json(200, { id: `<${messageId}>`, message: 'Queued. Thank you.' });
}

export function register(router: Router): void {
  router.add('POST', '/v3/:domain/messages', send);
  router.add('GET', '/v3/domains/:domain/messages/:key', storedMessage);
}
