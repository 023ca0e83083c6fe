// Where one recipient stands across domains: its entry on each suppression list and the allowlist (one lookup per
// list, never a whole list paged through) and its recent events (one Logs query per region). Never imports vscode.
import { setMaxListeners } from 'node:events';
import { isMailgunError } from './errors';
import { queryMessageLogs, type MessageLogRow, type MessageLogSource } from './message-logs';
import type { Region } from './regions';
import type { AllowlistEntry, Bounce, Complaint, SuppressionsApi, Unsubscribe } from './suppression-list-kinds';
import type { LogsApi } from './logs';
import type { EventsApi } from './events';
import type { CallOptions } from './types';
import { validateEmail } from './validate';
import * as l10n from './l10n';

/** Domains looked up at once; each domain's five lookups go out together. */
export const TRACE_CONCURRENCY = 4;
/** Mailgun keeps events for at least 3 days; the trace asks for that window. */
export const TRACE_WINDOW_DAYS = 3;
/** Events kept per region (one page of the Logs API). */
export const TRACE_EVENT_LIMIT = 100;

export interface DomainSuppressions {
  bounce?: Bounce;
  unsubscribe?: Unsubscribe;
  complaint?: Complaint;
  /** The allowlist entry for the address itself, else for its domain. */
  allowlist?: AllowlistEntry;
}

export type DomainTrace =
  | { domain: string; region: Region; ok: true; suppressions: DomainSuppressions; events: MessageLogRow[] }
  | { domain: string; region: Region; ok: false; error: string; events: MessageLogRow[] };

export interface RegionEvents {
  region: Region;
  source?: MessageLogSource;
  /** Why the events could not be read (the suppression lookups may still have worked). */
  error?: string;
}

export interface TraceResult {
  address: string;
  /** Epoch ms when the trace ran. */
  at: number;
  domains: DomainTrace[];
  regions: RegionEvents[];
}

/** What the trace needs of one region's client. */
export interface TraceClient {
  suppressions: SuppressionsApi;
  logs: LogsApi;
  events: EventsApi;
}

export interface TraceRegionScope {
  region: Region;
  client: TraceClient;
  domains: readonly string[];
  /** Only these domains are looked at (a one-domain trace): the Logs query is filtered to it. */
  domain?: string;
}

export interface TraceOptions extends CallOptions {
  concurrency?: number;
  /** Called as each domain finishes (for progress). */
  onDomain?: (trace: DomainTrace) => void;
  now?: number;
}

export const errorSentence = (error: unknown): string =>
  isMailgunError(error) ? error.userMessage : l10n.t('The lookup failed: {0}', error instanceof Error ? error.message : String(error));

/** The four lookups of one domain: bounces, unsubscribes, complaints, and the allowlist for the address and for its domain. */
export async function lookupSuppressions(api: SuppressionsApi, domain: string, address: string, opts: CallOptions = {}): Promise<DomainSuppressions> {
  const addressDomain = address.slice(address.lastIndexOf('@') + 1);
  const [bounce, unsubscribe, complaint, allowedAddress, allowedDomain] = await Promise.all([
    api.bounces.find(domain, address, opts),
    api.unsubscribes.find(domain, address, opts),
    api.complaints.find(domain, address, opts),
    api.allowlist.find(domain, address, opts),
    api.allowlist.find(domain, addressDomain, opts),
  ]);
  return { bounce, unsubscribe, complaint, allowlist: allowedAddress ?? allowedDomain };
}

/** Runs `task` for every item with at most `limit` running at once; stops starting new ones once `signal` aborts. */
async function eachLimited<T>(items: readonly T[], limit: number, signal: AbortSignal | undefined, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      signal?.throwIfAborted();
      await task(items[next++]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  signal?.throwIfAborted();
}

async function regionEvents(scope: TraceRegionScope, address: string, opts: CallOptions): Promise<{ info: RegionEvents; rows: MessageLogRow[] }> {
  try {
    const page = await queryMessageLogs(
      scope.client,
      { domains: scope.domain ? [scope.domain] : scope.domains, domain: scope.domain },
      {
        duration: `${TRACE_WINDOW_DAYS}d`,
        filter: [{ attribute: 'recipient', comparator: '=', values: [address] }],
        includeSubaccounts: true,
        limit: TRACE_EVENT_LIMIT,
      },
      undefined,
      opts,
    );
    return { info: { region: scope.region, source: page.source }, rows: page.rows };
  } catch (error) {
    opts.signal?.throwIfAborted();
    return { info: { region: scope.region, error: l10n.t('Events could not be read: {0}', errorSentence(error)) }, rows: [] };
  }
}

/** Traces `address` on the domains of each region. A domain whose lookup fails carries its own error; the rest still answer. */
export async function traceRecipient(scopes: readonly TraceRegionScope[], address: string, opts: TraceOptions = {}): Promise<TraceResult> {
  const problem = validateEmail(address);
  if (problem) throw new Error(problem);
  const now = opts.now ?? Date.now();
  const concurrency = opts.concurrency ?? TRACE_CONCURRENCY;
  // Every request in flight listens to the caller's signal: five per domain, plus the Logs queries.
  if (opts.signal) setMaxListeners(concurrency * 5 + scopes.length + 10, opts.signal);
  const call: CallOptions = { signal: opts.signal };
  const eventsByRegion = Promise.all(scopes.map((s) => regionEvents(s, address, call)));
  const jobs = scopes.flatMap((s) => (s.domain ? [s.domain] : s.domains).map((domain) => ({ scope: s, domain })));
  const traces = new Map<string, DomainTrace>();
  const lookups = eachLimited(jobs, concurrency, opts.signal, async ({ scope, domain }) => {
    let trace: DomainTrace;
    try {
      trace = { domain, region: scope.region, ok: true, suppressions: await lookupSuppressions(scope.client.suppressions, domain, address, call), events: [] };
    } catch (error) {
      opts.signal?.throwIfAborted();
      trace = { domain, region: scope.region, ok: false, error: errorSentence(error), events: [] };
    }
    traces.set(`${scope.region}/${domain}`, trace);
    opts.onDomain?.(trace);
  });
  const [events] = await Promise.all([eventsByRegion, lookups]);
  const domains = jobs.map(({ scope, domain }) => {
    const trace = traces.get(`${scope.region}/${domain}`)!;
    const rows = events[scopes.indexOf(scope)].rows.filter((r) => r.domain === undefined || r.domain.toLowerCase() === domain.toLowerCase());
    return { ...trace, events: rows.sort((a, b) => b.time - a.time) };
  });
  return { address, at: now, domains, regions: events.map((e) => e.info) };
}

/** Replaces one domain's trace in a result (after a remedy or a Retry). */
export function withDomainTrace(result: TraceResult, fresh: TraceResult): TraceResult {
  const replaced = result.domains.map((d) => fresh.domains.find((f) => f.domain === d.domain && f.region === d.region) ?? d);
  const regions = result.regions.map((r) => fresh.regions.find((f) => f.region === r.region && !f.error) ?? r);
  return { ...result, at: fresh.at, domains: replaced, regions };
}
