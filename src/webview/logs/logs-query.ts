// The Logs panel's pure parts: its filters as a Logs query, the rows it has loaded (de-duplicated by id, newest first),
// and what a row sends to the page. Never imports vscode.
import { validateLogsQuery, type LogFilterCondition, type LogsQuery } from '../../mailgun/logs';
import type { MessageLogRow } from '../../mailgun/message-logs';
import type { LogRange, LogsFilters, WireRow } from './protocol';
import * as l10n from '../../mailgun/l10n';

const HOUR_MS = 3_600_000;
const RANGE_MS: Record<Exclude<LogRange, 'custom'>, number> = { '1h': HOUR_MS, '24h': 24 * HOUR_MS, '7d': 7 * 24 * HOUR_MS, '30d': 30 * 24 * HOUR_MS };

/** Rows per request: Mailgun's most. */
export const PAGE_LIMIT = 100;

export type LogsPageQuery = Omit<LogsQuery, 'token'>;

const trimmed = (v: string | undefined): string | undefined => (v?.trim() ? v.trim() : undefined);

/** The filter conditions the fields ask for. An address with an @ is matched exactly (and checked), a part of one by contains. */
export function filterConditions(f: LogsFilters): LogFilterCondition[] {
  const out: LogFilterCondition[] = [];
  const recipient = trimmed(f.recipient);
  if (recipient) out.push({ attribute: 'recipient', comparator: recipient.includes('@') ? '=' : 'contains', values: [recipient] });
  const from = trimmed(f.from);
  if (from) out.push({ attribute: 'from', comparator: 'contains', values: [from] });
  const subject = trimmed(f.subject);
  if (subject) out.push({ attribute: 'subject', comparator: 'contains', values: [subject] });
  const messageId = trimmed(f.messageId);
  if (messageId) out.push({ attribute: 'message_id', comparator: '=', values: [messageId.replace(/^<(.*)>$/, '$1')] });
  const tag = trimmed(f.tag);
  if (tag) out.push({ attribute: 'tag', comparator: '=', values: [tag] });
  if (f.severity) out.push({ attribute: 'severity', comparator: '=', values: [f.severity] });
  return out;
}

/** Whether the range ends now, so that newer events can arrive (live tail). */
export const endsNow = (f: LogsFilters): boolean => f.range !== 'custom' || !trimmed(f.end);

/** The query for the filters' first page, newest first, or a sentence saying what is wrong with them. */
export function filtersToQuery(f: LogsFilters, now = Date.now()): LogsPageQuery | string {
  let start: Date;
  let end = new Date(now);
  if (f.range === 'custom') {
    const s = trimmed(f.start);
    if (!s) return l10n.t('Choose when the range starts.');
    start = new Date(s);
    if (Number.isNaN(start.getTime())) return l10n.t('The start "{0}" is not a date.', s);
    const e = trimmed(f.end);
    if (e) {
      end = new Date(e);
      if (Number.isNaN(end.getTime())) return l10n.t('The end "{0}" is not a date.', e);
    }
    if (start.getTime() > now) return l10n.t('The start is in the future; choose an earlier one.');
  } else start = new Date(now - RANGE_MS[f.range]);
  const query: LogsPageQuery = {
    start,
    end,
    events: f.events.length > 0 ? f.events : undefined,
    filter: filterConditions(f),
    includeSubaccounts: f.subaccounts === true ? true : undefined,
    sort: 'desc',
    limit: PAGE_LIMIT,
  };
  return validateLogsQuery(query) ?? query;
}

/** The tail's query: the same filters from the newest event loaded (included: ids de-duplicate) until now. */
export function tailQuery(base: LogsPageQuery, newestMs: number, now = Date.now()): LogsPageQuery {
  return { ...base, start: new Date(Math.min(newestMs, now - 1)), end: new Date(now), sort: 'desc' };
}

export function toWireRow(r: MessageLogRow): WireRow {
  return {
    id: r.id,
    time: r.time,
    event: r.event,
    severity: r.severity,
    reason: r.reason,
    recipient: r.recipient,
    from: r.from,
    subject: r.subject,
    messageId: r.messageId,
    domain: r.domain,
    deliveryCode: r.deliveryCode,
    deliveryMessage: r.deliveryMessage,
    tags: r.tags,
    storageUrl: r.storageUrl,
    url: r.url,
  };
}

/** The rows a panel has loaded, newest first, each id once. */
export class LoadedRows {
  private readonly byId = new Map<string, MessageLogRow>();
  private list: MessageLogRow[] = [];

  get rows(): readonly MessageLogRow[] {
    return this.list;
  }

  get size(): number {
    return this.list.length;
  }

  /** Epoch ms of the newest row, or undefined when empty. */
  get newest(): number | undefined {
    return this.list[0]?.time;
  }

  get(id: string): MessageLogRow | undefined {
    return this.byId.get(id);
  }

  clear(): void {
    this.byId.clear();
    this.list = [];
  }

  /** Adds the rows not loaded yet; returns those, newest first. */
  private fresh(rows: readonly MessageLogRow[]): MessageLogRow[] {
    const added: MessageLogRow[] = [];
    for (const r of rows) {
      if (this.byId.has(r.id)) continue;
      this.byId.set(r.id, r);
      added.push(r);
    }
    return added.sort((a, b) => b.time - a.time);
  }

  /** A following page: goes after the rows loaded. */
  addOlder(rows: readonly MessageLogRow[]): MessageLogRow[] {
    const added = this.fresh(rows);
    this.list.push(...added);
    return added;
  }

  /** Rows found by the tail: go before the rows loaded. */
  addNewer(rows: readonly MessageLogRow[]): MessageLogRow[] {
    const added = this.fresh(rows);
    if (added.length > 0) this.list = [...added, ...this.list];
    return added;
  }
}
