// The verdict of a recipient trace, in sentences: pure functions of a TraceResult and the time now.
// Mailgun drops mail to an address on a domain's bounce, complaint or unsubscribe list. The allowlist keeps an
// address (or its whole domain) off the bounce list, so an allowlisted bounce doesn't count; it doesn't override
// complaints or unsubscribes (mailgun-api.md §7).
import type { MessageLogRow } from './message-logs';
import type { DomainTrace, TraceResult } from './recipient-trace';
import { TRACE_WINDOW_DAYS } from './recipient-trace';
import { parseMailgunDate } from './schema-helpers';

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

const ALL = 'Mailgun drops every message to this address from that domain';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function shortDate(value: string | undefined): string | undefined {
  const d = parseMailgunDate(value);
  return d && `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

export function ago(time: number, now: number): string {
  const s = Math.max(0, Math.round((now - time) / 1000));
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'} ago`;
  if (s < 60) return 'just now';
  if (s < 3600) return unit(Math.floor(s / 60), 'minute');
  if (s < 86_400) return unit(Math.floor(s / 3600), 'hour');
  return unit(Math.floor(s / 86_400), 'day');
}

const since = (createdAt: string | undefined): string => {
  const date = shortDate(createdAt);
  return date ? ` since ${date}` : '';
};

/** The suppressions that make Mailgun drop mail to the address on this domain (most severe first). */
export function suppressionsOf(trace: DomainTrace): Suppression[] {
  if (!trace.ok) return [];
  const { bounce, complaint, unsubscribe, allowlist } = trace.suppressions;
  const out: Suppression[] = [];
  const all = ALL;
  if (complaint) out.push({ list: 'complaints', what: `spam complaint on ${trace.domain}${since(complaint.created_at)}`, effect: all });
  if (bounce && !allowlist) {
    const detail = [bounce.code, bounce.error].filter((v) => v !== undefined && String(v).trim() !== '').join(' ');
    out.push({ list: 'bounces', what: `hard bounce on ${trace.domain}${since(bounce.created_at)}${detail ? ` (${detail})` : ''}`, effect: all });
  }
  if (unsubscribe) {
    const tags = unsubscribe.tags.length === 0 ? ['*'] : unsubscribe.tags;
    const everything = tags.includes('*');
    out.push({
      list: 'unsubscribes',
      what: `unsubscribed on ${trace.domain}${since(unsubscribe.created_at)}${everything ? ' from all mail' : ` from ${tags.map((t) => `"${t}"`).join(', ')}`}`,
      effect: everything ? all : `Mailgun drops messages tagged ${tags.map((t) => `"${t}"`).join(' or ')} to this address from that domain`,
    });
  }
  return out;
}

/** One sentence for one domain. */
export function domainSentence(trace: DomainTrace): string {
  if (!trace.ok) return `Not checked: ${trace.error}`;
  const found = suppressionsOf(trace);
  const { bounce, allowlist } = trace.suppressions;
  const allowed = allowlist ? `allowlisted (${allowlist.type === 'domain' ? `its domain ${allowlist.value}` : 'the address'})` : undefined;
  if (found.length > 0) {
    const first = found[0];
    return `Suppressed: ${found.map((f) => f.what).join('; ')}. ${first.effect}.${allowed ? ` It is ${allowed}, which keeps it off the bounce list only.` : ''}`;
  }
  if (bounce && allowed) return `Not suppressed: on the bounce list${since(bounce.created_at)} but ${allowed}, so bounces don't stop mail to it.`;
  if (allowed) return `Not suppressed, and ${allowed}: Mailgun won't add it to the bounce list.`;
  return 'Not suppressed.';
}

const status = (row: MessageLogRow): string => {
  const detail = [row.deliveryCode, row.deliveryMessage].filter((v) => v && v.trim() !== '').join(' ');
  return detail ? ` (${detail})` : '';
};

/** What the newest event says happened, as a sentence. */
export function lastEventSentence(rows: readonly MessageLogRow[], now: number): { kind: VerdictKind; sentence: string } {
  const newest = [...rows].sort((a, b) => b.time - a.time);
  const last = newest.find((r) => r.event === 'delivered' || r.event === 'failed' || r.event === 'rejected') ?? newest[0];
  if (!last) return { kind: 'noEvents', sentence: `No events in the last ${TRACE_WINDOW_DAYS} days for this address.` };
  const on = last.domain ? ` on ${last.domain}` : '';
  switch (last.event) {
    case 'delivered':
      return { kind: 'delivered', sentence: `Delivered ${ago(last.time, now)}${on}${status(last)}.` };
    case 'failed': {
      const how = last.severity === 'temporary' ? 'Delivery failed temporarily (Mailgun retries)' : 'Delivery failed';
      return { kind: 'failed', sentence: `${how} ${ago(last.time, now)}${on}${status(last)}${last.reason ? `, reason ${last.reason}` : ''}.` };
    }
    case 'rejected':
      return { kind: 'failed', sentence: `Rejected by Mailgun ${ago(last.time, now)}${on}${last.reason ? ` (${last.reason})` : ''}.` };
    default:
      return { kind: 'pending', sentence: `Last event: ${last.event} ${ago(last.time, now)}${on}; no delivery or failure yet.` };
  }
}

/** The verdict: suppression first, then the newest event; domains that could not be checked are said, never hidden. */
export function traceVerdict(result: TraceResult, now: number = result.at): Verdict {
  const failed = result.domains.filter((d) => !d.ok);
  const checked = result.domains.length - failed.length;
  const notChecked = failed.length === 0 ? '' : ` ${failed.length} of ${result.domains.length} domain${result.domains.length === 1 ? '' : 's'} could not be checked (${failed.map((d) => d.domain).join(', ')}).`;
  if (checked === 0) return { kind: 'unknown', sentence: `Could not check ${result.address} on any domain.${notChecked}` };
  // The most severe leads: a complaint, a bounce, an unsubscribe from all mail, then one from some tags only.
  const rank = (s: Suppression): number => (s.effect !== ALL ? 3 : s.list === 'complaints' ? 0 : s.list === 'bounces' ? 1 : 2);
  const suppressed = result.domains.flatMap((d) => suppressionsOf(d).map((s) => ({ domain: d.domain, s }))).sort((a, b) => rank(a.s) - rank(b.s));
  if (suppressed.length > 0) {
    const first = suppressed[0].s;
    const others = new Set(suppressed.map((x) => x.domain));
    others.delete(suppressed[0].domain);
    const more = others.size === 0 ? '' : ` Also suppressed on ${[...others].join(', ')}.`;
    return { kind: 'suppressed', sentence: `Suppressed: ${first.what}; ${first.effect}.${more}${notChecked}` };
  }
  const events = lastEventSentence(result.domains.flatMap((d) => d.events), now);
  const where = checked === 1 ? 'Not suppressed.' : `Not suppressed on any of ${checked} domains.`;
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
