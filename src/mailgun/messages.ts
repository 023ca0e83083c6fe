// Sending: POST /v3/{domain}/messages as a multipart form (mailgun-api.md §1.3). Never retried: a repeat sends twice.
import * as z from 'zod/mini';
import { looseObject } from './schema-helpers';
import { isMailgunError, MailgunError } from './errors';
import { path, type Transport } from './transport';
import type { CallOptions } from './types';
import { validateEmail, validateTag } from './validate';
import * as l10n from './l10n';

export interface OutgoingMessage {
  /** `postmaster@mg.example.com` or `Name <local@mg.example.com>`. */
  from: string;
  to: string[];
  subject: string;
  text?: string;
  html?: string;
  tags?: string[];
  /** `o:testmode`: Mailgun accepts the message and logs its events but does not deliver it. */
  testMode?: boolean;
  /** `o:tracking-clicks` / `o:tracking-opens`; unset leaves the domain's setting. */
  trackClicks?: boolean | 'htmlonly';
  trackOpens?: boolean;
}

/** Mailgun's limit for one message, attachments and all. */
export const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;
/** Tags per message (Mailgun's tagging documentation). */
export const MAX_TAGS_PER_MESSAGE = 10;
/** Recipients per message across to, cc and bcc. */
export const MAX_RECIPIENTS = 1000;

/** The address in `Name <address>`, or the input itself. */
export const bareAddress = (input: string): string => /<([^<>]+)>\s*$/.exec(input.trim())?.[1]?.trim() ?? input.trim();

/** The first thing wrong with a message, as a sentence, or undefined. `domain` is the domain it is sent from. */
export function validateMessage(m: OutgoingMessage, domain: string): string | undefined {
  const from = bareAddress(m.from);
  const fromProblem = validateEmail(from);
  if (fromProblem) return l10n.t('Sender: {0}', fromProblem);
  if (!from.toLowerCase().endsWith(`@${domain.toLowerCase()}`)) return l10n.t('Send from an address at {0} (such as postmaster@{0}); {1} is not at this domain.', domain, from);
  if (m.to.length === 0) return l10n.t('Add at least one recipient.');
  if (m.to.length > MAX_RECIPIENTS) return l10n.t('A message can go to at most {0} recipients; this one has {1}.', MAX_RECIPIENTS, m.to.length);
  for (const to of m.to) {
    const problem = validateEmail(bareAddress(to));
    if (problem) return l10n.t('Recipient: {0}', problem);
  }
  if (!m.subject.trim()) return l10n.t('Enter a subject.');
  if (!m.text?.trim() && !m.html?.trim()) return l10n.t('Write a text or an HTML body.');
  const tags = m.tags ?? [];
  if (tags.length > MAX_TAGS_PER_MESSAGE) return l10n.t('A message can carry at most {0} tags; this one has {1}.', MAX_TAGS_PER_MESSAGE, tags.length);
  for (const tag of tags) {
    const problem = validateTag(tag, false);
    if (problem) return problem;
  }
  const size = [m.from, ...m.to, m.subject, m.text ?? '', m.html ?? '', ...tags].reduce((n, s) => n + Buffer.byteLength(s), 0);
  if (size > MAX_MESSAGE_BYTES) return l10n.t('The message is {0} MB; Mailgun takes at most 25 MB.', (size / 1024 / 1024).toFixed(1));
  return undefined;
}

/** The multipart form Mailgun's messages endpoint takes: one `to` field per recipient, `o:` options. */
export function messageForm(m: OutgoingMessage): FormData {
  const form = new FormData();
  form.append('from', m.from.trim());
  for (const to of m.to) form.append('to', to.trim());
  form.append('subject', m.subject);
  if (m.text?.trim()) form.append('text', m.text);
  if (m.html?.trim()) form.append('html', m.html);
  for (const tag of m.tags ?? []) form.append('o:tag', tag.trim());
  if (m.testMode) form.append('o:testmode', 'yes');
  if (m.trackClicks !== undefined) form.append('o:tracking-clicks', m.trackClicks === 'htmlonly' ? 'htmlonly' : m.trackClicks ? 'yes' : 'no');
  if (m.trackOpens !== undefined) form.append('o:tracking-opens', m.trackOpens ? 'yes' : 'no');
  return form;
}

let schema: z.ZodMiniObject<{ id: z.ZodMiniString; message: z.ZodMiniOptional<z.ZodMiniString> }> | undefined;
/** Built on first use. `id` is Mailgun's message id with its angle brackets: `<2025…@mg.example.com>`. */
const sentSchema = () => (schema ??= looseObject({ id: z.string(), message: z.optional(z.string()) }));

export interface SentMessage {
  /** Without the angle brackets, as the Logs API filters on it. */
  id: string;
  message?: string;
}

/** What a stored message's URL answers with `Accept: message/rfc2822`: the parsed fields and the whole MIME. */
const storedSchema = () => looseObject({ 'body-mime': z.optional(z.string()) });

export interface StoredMessage {
  /** The raw message (RFC 2822), when Mailgun sent it. */
  mime?: string;
  /** Every field of Mailgun's answer but the MIME (headers, bodies, sender, recipients…). */
  fields: Record<string, unknown>;
}

/** Mailgun keeps messages for the domain's retention period (3 days by default); after that the URL answers 404. */
const storedMessageGone = (): string =>
  l10n.t("Mailgun no longer has this message: it keeps stored messages only for the domain's retention period (3 days unless your plan keeps them longer). Its events are still in the logs.");
/** That sentence as the module read it when loaded (in English before activation hands over vscode.l10n.t). */
export const STORED_MESSAGE_GONE = storedMessageGone();

export function messagesApi(t: Transport) {
  return {
    send: async (domain: string, m: OutgoingMessage, opts: CallOptions = {}): Promise<SentMessage> => {
      const sent = await t.request({ method: 'POST', path: path`v3/${domain}/messages`, body: { multipart: messageForm(m) }, schema: sentSchema(), domain, retry: false, signal: opts.signal });
      return { id: sent.id.replace(/^<|>$/g, ''), message: sent.message };
    },
    /**
     * GET a stored message by the `storage.url` of its events (SPEC `GET /v3/domains/{domain_name}/messages/{storage_key}`),
     * as MIME. Only the account's API host or a Mailgun storage host is asked (storage-hosts.ts).
     */
    stored: async (url: string, opts: CallOptions = {}): Promise<StoredMessage> => {
      try {
        const { 'body-mime': mime, ...fields } = await t.request({ method: 'GET', path: '', url, storageUrl: true, accept: 'message/rfc2822', schema: storedSchema(), signal: opts.signal });
        return { mime, fields };
      } catch (error) {
        if (!isMailgunError(error) || error.kind !== 'notFound') throw error;
        throw new MailgunError({ ...error, kind: 'notFound', userMessage: storedMessageGone(), method: error.method, path: error.path });
      }
    },
  };
}
