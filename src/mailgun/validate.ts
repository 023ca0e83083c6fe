import { hostNameProblem, mailboxProblem } from './addresses';
import { MAX_URLS_PER_EVENT, WEBHOOK_EVENT_TYPES } from './domain-webhooks';
import type { AllowlistInput, BounceInput, ComplaintInput, SuppressionListName, UnsubscribeInput } from './suppression-list-kinds';
import * as l10n from './l10n';

// Each helper returns undefined when the input is fine, else one sentence saying what to fix
// (the shape VS Code's InputBox `validateInput` expects).

/** An address as Mailgun takes it (see addresses.ts for the rule). */
export function validateEmail(input: string): string | undefined {
  const value = input.trim();
  if (!value) return l10n.t('Enter an email address.');
  if (!value.includes('@')) return l10n.t('"{0}" is not an email address: it has no @.', value);
  // A space is allowed only inside a quoted local part ("john doe"@example.com).
  if (/\s/.test(value) && !/^".*"@[^\s]+$/.test(value)) return l10n.t('"{0}" contains a space; an email address cannot.', value);
  const problem = mailboxProblem(value);
  return problem && l10n.t('"{0}" is not a valid email address: {1}', value, problem);
}

export function validateDomainName(input: string): string | undefined {
  const value = input.trim();
  if (!value) return l10n.t('Enter a domain name, e.g. mg.example.com.');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || value.includes('/')) {
    return l10n.t('Enter only the domain name, without http:// or a path, e.g. mg.example.com.');
  }
  if (value.includes('@')) return l10n.t('"{0}" looks like an email address; enter only the domain part, e.g. mg.example.com.', value);
  if (value.length > 253) return l10n.t('A domain name can be at most 253 characters long.');
  if (/[^ -~]/.test(value)) return l10n.t('"{0}" contains non-ASCII characters; enter it in punycode (xn--…).', value);
  const problem = hostNameProblem(value, { unicode: false });
  return problem && l10n.t('"{0}" is not a valid domain name: {1}', value, problem);
}

export function validateWebhookUrl(input: string): string | undefined {
  const value = input.trim();
  if (!value) return l10n.t('Enter the URL Mailgun should post events to, e.g. https://example.com/mailgun.');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return l10n.t('"{0}" is not a full URL; start it with https://, e.g. https://example.com/mailgun.', value);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return l10n.t('A webhook URL must start with https:// or http:// (got {0}).', url.protocol);
  if (!url.hostname) return l10n.t('"{0}" has no host name.', value);
  if (url.username || url.password) return l10n.t('Leave the user name and password out of the webhook URL; Mailgun signs each request instead.');
  if (value.length > 2048) return l10n.t('The webhook URL is too long (at most 2048 characters).');
  return undefined;
}

/** Event types for a domain webhook: at least one, all known, no repeats. */
export function validateEventTypes(input: readonly string[]): string | undefined {
  if (input.length === 0) return l10n.t('Choose at least one event type.');
  const known = new Set<string>(WEBHOOK_EVENT_TYPES);
  const unknown = input.filter((e) => !known.has(e));
  if (unknown.length === 1) return l10n.t('Unknown event type "{0}"; use {1}.', unknown[0], WEBHOOK_EVENT_TYPES.join(', '));
  if (unknown.length > 1) return l10n.t('Unknown event types {0}; use {1}.', unknown.map((e) => `"${e}"`).join(', '), WEBHOOK_EVENT_TYPES.join(', '));
  const repeated = input.filter((e, i) => input.indexOf(e) !== i);
  if (repeated.length > 0) return l10n.t('The event type "{0}" is listed twice.', repeated[0]);
  return undefined;
}

/** Whether one more URL fits on each of these event types (Mailgun allows 3 per type). */
export function validateWebhookCapacity(current: Readonly<Record<string, readonly string[]>>, eventTypes: readonly string[]): string | undefined {
  const full = eventTypes.filter((e) => (current[e]?.length ?? 0) >= MAX_URLS_PER_EVENT);
  if (full.length === 0) return undefined;
  return full.length > 1
    ? l10n.t("The event types {0} already have {1} URLs, Mailgun's limit; remove one first.", full.join(', '), MAX_URLS_PER_EVENT)
    : l10n.t("The event type {0} already has {1} URLs, Mailgun's limit; remove one first.", full[0], MAX_URLS_PER_EVENT);
}

/** One CSV row of a suppression import, keyed by header. */
export type SuppressionCsvRow = Readonly<Record<string, string | undefined>>;

/** Checks one import row for its list; `line` (1-based, header is line 1) prefixes the sentence. */
export function validateSuppressionRow(list: SuppressionListName, row: SuppressionCsvRow, line?: number): string | undefined {
  const problem = rowProblem(list, row);
  if (!problem) return undefined;
  return line === undefined ? problem.charAt(0).toUpperCase() + problem.slice(1) : l10n.t('Line {0}: {1}', line, problem);
}

/** An unsubscribe tag: what a message's `o:tag` holds, or `*` for all mail. Commas separate tags in a CSV cell, so a tag has none. */
export function validateTag(input: string, allMail = true): string | undefined {
  const tag = input.trim();
  if (!tag) return allMail ? l10n.t('Enter a tag, or * for all mail.') : l10n.t('Enter a tag.');
  if (tag.includes(',')) return l10n.t('The tag "{0}" contains a comma; commas separate tags, so give each tag on its own.', tag);
  if (/\p{C}/u.test(tag)) return l10n.t('The tag "{0}" contains a control character.', tag);
  if (tag.length > MAX_TAG) return l10n.t('The tag "{0}…" is longer than {1} characters, Mailgun\'s limit for a tag.', tag.slice(0, 20), MAX_TAG);
  return undefined;
}

export const MAX_TAG = 128;

/**
 * A bounce's code: three digits, like an SMTP reply code such as 550. Not only 2xx–5xx: Mailgun itself records 605
 * ("not delivering to previously bounced address") and a recorded add with code 777 was stored as given.
 */
export function validateBounceCode(input: string | number): string | undefined {
  const code = String(input).trim();
  return /^\d{3}$/.test(code) ? undefined : l10n.t('The bounce code "{0}" is not a three-digit SMTP code such as 550.', code);
}

/** A date Mailgun can read (it takes RFC 2822, e.g. Thu, 26 Mar 2026 12:59:15 UTC). */
export function validateCreatedAt(input: string | Date): string | undefined {
  if (input instanceof Date) return Number.isNaN(input.getTime()) ? l10n.t('The date is not a valid date.') : undefined;
  return Number.isNaN(Date.parse(input)) ? l10n.t('The date "{0}" is not readable; use the form Thu, 26 Mar 2026 12:59:15 UTC.', input) : undefined;
}

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

function rowProblem(list: SuppressionListName, row: SuppressionCsvRow): string | undefined {
  const field = (name: string) => row[name]?.trim() ?? '';
  if (list === 'allowlist') {
    const address = field('address');
    const domain = field('domain');
    if (!address && !domain) return l10n.t('give an address or a domain.');
    if (address && domain) return l10n.t('give an address or a domain, not both.');
    return address ? validateEmail(address) : validateDomainName(domain);
  }
  if (!field('address')) return l10n.t('the address is missing.');
  const problem = validateEmail(field('address'));
  if (problem) return problem;
  if (list === 'bounces' && field('code')) {
    const bad = validateBounceCode(field('code'));
    if (bad) return lower(bad);
  }
  if (list === 'unsubscribes') {
    const tags = field('tags') || field('tag');
    for (const tag of splitTags(tags)) {
      const bad = validateTag(tag);
      if (bad) return lower(bad);
    }
  }
  const createdAt = field('created_at');
  if (createdAt) {
    const bad = validateCreatedAt(createdAt);
    if (bad) return lower(bad);
  }
  return undefined;
}

/** The tags of a CSV cell: comma-separated, blanks dropped. */
export function splitTags(cell: string): string[] {
  return cell.split(',').map((t) => t.trim()).filter(Boolean);
}

export type SuppressionInput = BounceInput | UnsubscribeInput | ComplaintInput | AllowlistInput;

/** Checks what a client call is about to send, as strictly as Mailgun; undefined when it may go. */
export function validateSuppressionInput(list: SuppressionListName, input: SuppressionInput): string | undefined {
  if (list === 'allowlist') {
    const a = input as AllowlistInput;
    if (a.address !== undefined && a.domain !== undefined) return l10n.t('Give an address or a domain to allowlist, not both.');
    if (a.address !== undefined) return validateEmail(a.address);
    if (a.domain !== undefined) return validateDomainName(a.domain);
    return l10n.t('Give an address or a domain to allowlist.');
  }
  const i = input as BounceInput & UnsubscribeInput;
  const problem = validateEmail(i.address ?? '');
  if (problem) return problem;
  if (list === 'bounces' && i.code !== undefined) {
    const bad = validateBounceCode(i.code);
    if (bad) return bad;
  }
  if (list === 'unsubscribes') {
    for (const tag of i.tags ?? []) {
      const bad = validateTag(tag);
      if (bad) return bad;
    }
  }
  return i.created_at === undefined ? undefined : validateCreatedAt(i.created_at);
}
