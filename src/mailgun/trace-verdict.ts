// The verdict of a recipient trace, in sentences: pure functions of a TraceResult and the time now.
// Mailgun drops mail to an address on a domain's bounce, complaint or unsubscribe list. The allowlist keeps an
// address (or its whole domain) off the bounce list, so an allowlisted bounce doesn't count; it doesn't override
// complaints or unsubscribes (mailgun-api.md §7).
import type { MessageLogRow } from './message-logs';
import type { DomainTrace, TraceResult } from './recipient-trace';
import { TRACE_WINDOW_DAYS } from './recipient-trace';
import { parseMailgunDate } from './schema-helpers';
import * as l10n from './l10n';

export type VerdictKind = 'suppressed' | 'delivered' | 'failed' | 'pending' | 'noEvents' | 'unknown';

export interface Verdict {
  kind: VerdictKind;
  sentence: string;
}

/** Why mail to the address is dropped on one domain, if it is. */
export interface Suppression {
  list: 'bounces' | 'complaints' | 'unsubscribes';
  /** "hard bounce on mg.example.com since 3 Mar 2026 (550 mailbox does not exist)" */
  what: string;
  /** "Mailgun drops every message to this address from that domain" */
  effect: string;
}

const all = (): string => l10n.t('Mailgun drops every message to this address from that domain');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function shortDate(value: string | undefined): string | undefined {
  const d = parseMailgunDate(value);
  return d && `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

export function ago(time: number, now: number): string {
  const s = Math.max(0, Math.round((now - time) / 1000));
  if (s < 60) return l10n.t('just now');
  const n = s < 3600 ? Math.floor(s / 60) : s < 86_400 ? Math.floor(s / 3600) : Math.floor(s / 86_400);
  if (s < 3600) return n === 1 ? l10n.t('1 minute ago') : l10n.t('{0} minutes ago', n);
  if (s < 86_400) return n === 1 ? l10n.t('1 hour ago') : l10n.t('{0} hours ago', n);
  return n === 1 ? l10n.t('1 day ago') : l10n.t('{0} days ago', n);
}

const since = (createdAt: string | undefined): string => {
  const date = shortDate(createdAt);
  return date ? ` ${l10n.t('since {0}', date)}` : '';
};

/** The suppressions that make Mailgun drop mail to the address on this domain (most severe first). */
export function suppressionsOf(trace: DomainTrace): Suppression[] {
  if (!trace.ok) return [];
  const { bounce, complaint, unsubscribe, allowlist } = trace.suppressions;
  const out: Suppression[] = [];
  const every = all();
  if (complaint) out.push({ list: 'complaints', what: l10n.t('spam complaint on {0}{1}', trace.domain, since(complaint.created_at)), effect: every });
  if (bounce && !allowlist) {
    const detail = [bounce.code, bounce.error].filter((v) => v !== undefined && String(v).trim() !== '').join(' ');
    out.push({ list: 'bounces', what: `${l10n.t('hard bounce on {0}{1}', trace.domain, since(bounce.created_at))}${detail ? ` (${detail})` : ''}`, effect: every });
  }
  if (unsubscribe) {
    const tags = unsubscribe.tags.length === 0 ? ['*'] : unsubscribe.tags;
    const everything = tags.includes('*');
    out.push({
      list: 'unsubscribes',
      what: everything
        ? l10n.t('unsubscribed on {0}{1} from all mail', trace.domain, since(unsubscribe.created_at))
        : l10n.t('unsubscribed on {0}{1} from {2}', trace.domain, since(unsubscribe.created_at), tags.map((t) => `"${t}"`).join(', ')),
      effect: everything ? every : l10n.t('Mailgun drops messages tagged {0} to this address from that domain', tags.map((t) => `"${t}"`).join(l10n.t(' or '))),
    });
  }
  return out;
}

/** One sentence for one domain. */
export function domainSentence(trace: DomainTrace): string {
  if (!trace.ok) return l10n.t('Not checked: {0}', trace.error);
  const found = suppressionsOf(trace);
  const { bounce, allowlist } = trace.suppressions;
  const allowed = allowlist ? (allowlist.type === 'domain' ? l10n.t('allowlisted (its domain {0})', allowlist.value ?? '') : l10n.t('allowlisted (the address)')) : undefined;
  if (found.length > 0) {
    const first = found[0];
    const suppressed = l10n.t('Suppressed: {0}. {1}.', found.map((f) => f.what).join('; '), first.effect);
    return allowed ? `${suppressed} ${l10n.t('It is {0}, which keeps it off the bounce list only.', allowed)}` : suppressed;
  }
  if (bounce && allowed) return l10n.t("Not suppressed: on the bounce list{0} but {1}, so bounces don't stop mail to it.", since(bounce.created_at), allowed);
  if (allowed) return l10n.t("Not suppressed, and {0}: Mailgun won't add it to the bounce list.", allowed);
  return l10n.t('Not suppressed.');
}

const status = (row: MessageLogRow): string => {
  const detail = [row.deliveryCode, row.deliveryMessage].filter((v) => v && v.trim() !== '').join(' ');
  return detail ? ` (${detail})` : '';
};

/** What the newest event says happened, as a sentence. */
export function lastEventSentence(rows: readonly MessageLogRow[], now: number): { kind: VerdictKind; sentence: string } {
  const newest = [...rows].sort((a, b) => b.time - a.time);
  const last = newest.find((r) => r.event === 'delivered' || r.event === 'failed' || r.event === 'rejected') ?? newest[0];
  if (!last) return { kind: 'noEvents', sentence: l10n.t('No events in the last {0} days for this address.', TRACE_WINDOW_DAYS) };
  const on = last.domain ? ` ${l10n.t('on {0}', last.domain)}` : '';
  switch (last.event) {
    case 'delivered':
      return { kind: 'delivered', sentence: l10n.t('Delivered {0}{1}{2}.', ago(last.time, now), on, status(last)) };
    case 'failed': {
      const when = `${ago(last.time, now)}${on}${status(last)}${last.reason ? `, ${l10n.t('reason {0}', last.reason)}` : ''}`;
      return { kind: 'failed', sentence: last.severity === 'temporary' ? l10n.t('Delivery failed temporarily (Mailgun retries) {0}.', when) : l10n.t('Delivery failed {0}.', when) };
    }
    case 'rejected':
      return { kind: 'failed', sentence: l10n.t('Rejected by Mailgun {0}{1}{2}.', ago(last.time, now), on, last.reason ? ` (${last.reason})` : '') };
    default:
      return { kind: 'pending', sentence: l10n.t('Last event: {0} {1}{2}; no delivery or failure yet.', last.event, ago(last.time, now), on) };
  }
}

/** The verdict: suppression first, then the newest event; domains that could not be checked are said, never hidden. */
export function traceVerdict(result: TraceResult, now: number = result.at): Verdict {
  const failed = result.domains.filter((d) => !d.ok);
  const checked = result.domains.length - failed.length;
  const failedNames = failed.map((d) => d.domain).join(', ');
  const notChecked =
    failed.length === 0
      ? ''
      : ` ${result.domains.length === 1 ? l10n.t('{0} of 1 domain could not be checked ({1}).', failed.length, failedNames) : l10n.t('{0} of {1} domains could not be checked ({2}).', failed.length, result.domains.length, failedNames)}`;
  if (checked === 0) return { kind: 'unknown', sentence: `${l10n.t('Could not check {0} on any domain.', result.address)}${notChecked}` };
  // The most severe leads: a complaint, a bounce, an unsubscribe from all mail, then one from some tags only.
  const rank = (s: Suppression): number => (s.effect !== all() ? 3 : s.list === 'complaints' ? 0 : s.list === 'bounces' ? 1 : 2);
  const suppressed = result.domains.flatMap((d) => suppressionsOf(d).map((s) => ({ domain: d.domain, s }))).sort((a, b) => rank(a.s) - rank(b.s));
  if (suppressed.length > 0) {
    const first = suppressed[0].s;
    const others = new Set(suppressed.map((x) => x.domain));
    others.delete(suppressed[0].domain);
    const more = others.size === 0 ? '' : ` ${l10n.t('Also suppressed on {0}.', [...others].join(', '))}`;
    return { kind: 'suppressed', sentence: `${l10n.t('Suppressed: {0}; {1}.', first.what, first.effect)}${more}${notChecked}` };
  }
  const events = lastEventSentence(result.domains.flatMap((d) => d.events), now);
  const where = checked === 1 ? l10n.t('Not suppressed.') : l10n.t('Not suppressed on any of {0} domains.', checked);
  const eventsFailed = result.regions.filter((r) => r.error).map((r) => ` ${r.error}`).join('');
  return { kind: events.kind, sentence: `${where} ${events.sentence}${eventsFailed}${notChecked}` };
}

const eventLine = (r: MessageLogRow): string =>
  `  ${new Date(r.time).toISOString().replace('.000Z', 'Z')}  ${r.event}${r.severity ? ` (${r.severity})` : ''}${status(r)}${r.subject ? `  "${r.subject}"` : ''}${r.messageId ? `  <${r.messageId}>` : ''}`;

/** The whole trace as plain text for a support ticket. Holds no key. */
export function traceReport(result: TraceResult, now: number = result.at): string {
  const lines = [`Mailgun recipient trace for ${result.address}`, `Run at ${new Date(result.at).toISOString()}`, '', traceVerdict(result, now).sentence];
  for (const r of result.regions) if (r.error) lines.push(`${r.region.toUpperCase()}: ${r.error}`);
  for (const d of result.domains) {
    lines.push('', `${d.domain} (${d.region.toUpperCase()})`, `  ${domainSentence(d)}`);
    if (d.ok) {
      const { bounce, unsubscribe, complaint, allowlist } = d.suppressions;
      if (bounce) lines.push(`  Bounce: code ${bounce.code ?? 'none'}, ${bounce.error ? `error "${bounce.error}"` : 'no error text'}, since ${bounce.created_at ?? 'unknown'}`);
      if (unsubscribe) lines.push(`  Unsubscribe: tags ${unsubscribe.tags.join(', ') || '*'}, since ${unsubscribe.created_at ?? 'unknown'}`);
      if (complaint) lines.push(`  Complaint: since ${complaint.created_at ?? 'unknown'}`);
      if (allowlist) lines.push(`  Allowlist: ${allowlist.type ?? 'entry'} ${allowlist.value}`);
    }
    lines.push(d.events.length === 0 ? `  No events in the last ${TRACE_WINDOW_DAYS} days.` : `  Events (newest first):`);
    for (const e of d.events) lines.push(eventLine(e));
  }
  return `${lines.join('\n')}\n`;
}
