// Stored messages: GET /v3/domains/{domain}/messages/{storage_key} (SPEC "Retrieve a stored email"), for the
// storage URLs the events carry. The message is built from its event (sender, recipient, subject, message-id, tag)
// with the text and HTML a sent message had; `Accept: message/rfc2822` adds the whole MIME as `body-mime`.
import { logItem, rowOfStorageKey } from '../event-log';
import { domainNotFound, json, message, type Reply } from '../http';
import type { Ctx } from '../router';
import { findDomain, type RegionState } from '../state';

interface Bodies {
  text?: string;
  html?: string;
}

const sentBodies = new WeakMap<RegionState, Map<string, Bodies>>();

/** What a sent message said, served when its storage key is asked for. */
export function rememberBodies(region: RegionState, key: string, bodies: Bodies): void {
  let map = sentBodies.get(region);
  if (!map) sentBodies.set(region, (map = new Map<string, Bodies>()));
  map.set(key, bodies);
}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function storedMessage({ region, params, accept, baseUrl }: Ctx): Reply {
  const domain = findDomain(region, params.domain);
  if (!domain) return domainNotFound();
  const row = rowOfStorageKey(region, domain.name, params.key);
  if (!row) return message(404, 'Message not found');
  const item = logItem(row, baseUrl);
  const headers = obj(obj(item.message).headers);
  const from = str(headers.from);
  const to = str(headers.to) || str(item.recipient);
  const subject = str(headers.subject);
  const messageId = `<${str(headers['message-id'])}>`;
  const tags = Array.isArray(item.tags) ? item.tags.map(String).join(', ') : '';
  const sender = str(obj(item.envelope).sender);
  const sent = sentBodies.get(region)?.get(params.key);
  const text = sent?.text ?? `Hello,\n\nThis is "${subject}" from ${domain.name}.\n\n-- \nAcme\n`;
  const html = sent?.html ?? `<html><body><p>${escapeHtml(text).replace(/\n/g, '<br>')}</p></body></html>`;
  const boundary = `fake-${params.key.slice(-12)}`;
  const date = new Date(Date.parse(String(item['@timestamp']))).toUTCString().replace('GMT', '+0000');
  const messageHeaders: [string, string][] = [
    ['Mime-Version', '1.0'],
    ['Content-Type', `multipart/alternative; boundary="${boundary}"`],
    ['Subject', subject],
    ['From', from],
    ['To', to],
    ['Message-Id', messageId],
    ['Date', date],
    ['X-Mailgun-Tag', tags],
    ['Content-Transfer-Encoding', '7bit'],
  ];
  const fields: Record<string, unknown> = {
    'Content-Transfer-Encoding': '7bit',
    'Content-Type': `multipart/alternative; boundary="${boundary}"`,
    From: from,
    'Message-Id': messageId,
    'Mime-Version': '1.0',
    Subject: subject,
    To: to,
    'X-Mailgun-Tag': tags,
    sender,
    recipients: str(item.recipient),
    'body-html': html,
    'body-plain': text,
    'stripped-html': html,
    'stripped-text': text,
    'stripped-signature': '',
    'message-headers': messageHeaders,
    'X-Mailgun-Template-Name': '',
    'X-Mailgun-Template-Variables': '',
  };
  if (accept?.toLowerCase().includes('message/rfc2822')) {
    const part = (type: string, body: string) => `--${boundary}\r\nContent-Type: ${type}; charset="utf-8"\r\nContent-Transfer-Encoding: 7bit\r\n\r\n${body.replace(/\r?\n/g, '\r\n')}\r\n`;
    fields['body-mime'] = `${messageHeaders.filter(([, v]) => v !== '').map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${part('text/plain', text)}${part('text/html', html)}--${boundary}--\r\n`;
  }
  return json(200, fields);
}
