// The stored event series: per domain, one row of leaf counters per UTC hour. Stats v3 and Metrics v1
// are both computed from it, so the two APIs agree with each other (and with what tests add).

/** Leaf counters. Totals (accepted, delivered, failed, …) are derived, never stored. */
export const COUNTERS = [
  'accepted_incoming',
  'accepted_outgoing',
  'delivered_smtp',
  'delivered_http',
  'delivered_optimized',
  'delivered_first_attempt',
  'stored',
  'opened',
  'unique_opened',
  'clicked',
  'unique_clicked',
  'unsubscribed',
  'complained',
  'temporary_other',
  'temporary_esp_block',
  'hard_bounce',
  'soft_bounce',
  'suppressed_bounce',
  'suppressed_unsubscribe',
  'suppressed_complaint',
  // Subsets of the bounces above, reported separately:
  'delayed_bounce',
  'permanent_optimized',
  'permanent_old',
  'permanent_esp_block',
  // Counted outside the message flow:
  'webhook',
  'rate_limit',
] as const;

export type Counter = (typeof COUNTERS)[number];
export const COUNTER_INDEX: Record<Counter, number> = Object.fromEntries(COUNTERS.map((c, i) => [c, i])) as Record<Counter, number>;
export type Counts = Float64Array;
export const newCounts = (): Counts => new Float64Array(COUNTERS.length);

/** hour start (ms) → counters, per domain name. */
export type DomainSeries = Map<number, Counts>;

export function addCounts(target: Counts, source: Counts): void {
  for (let i = 0; i < target.length; i++) target[i] += source[i];
}

const c = (x: Counts, name: Counter): number => x[COUNTER_INDEX[name]];

export function derived(x: Counts) {
  const accepted = c(x, 'accepted_incoming') + c(x, 'accepted_outgoing');
  const delivered = c(x, 'delivered_smtp') + c(x, 'delivered_http') + c(x, 'delivered_optimized');
  const temporary = c(x, 'temporary_other') + c(x, 'temporary_esp_block');
  const suppressed = c(x, 'suppressed_bounce') + c(x, 'suppressed_unsubscribe') + c(x, 'suppressed_complaint');
  const bounced = c(x, 'hard_bounce') + c(x, 'soft_bounce');
  const permanent = bounced + suppressed;
  const subsequent = delivered - c(x, 'delivered_first_attempt');
  return { accepted, delivered, temporary, suppressed, bounced, permanent, subsequent, sent: delivered + bounced, processed: delivered + permanent };
}

type Value = (x: Counts) => number;
const leaf = (name: Counter): Value => (x) => c(x, name);

/** Metrics v1 count metrics (SPEC `...Metric` enum) in terms of the stored counters. */
export const COUNT_METRICS: Record<string, Value> = {
  accepted_incoming_count: leaf('accepted_incoming'),
  accepted_outgoing_count: leaf('accepted_outgoing'),
  accepted_count: (x) => derived(x).accepted,
  delivered_smtp_count: leaf('delivered_smtp'),
  delivered_http_count: leaf('delivered_http'),
  delivered_optimized_count: leaf('delivered_optimized'),
  delivered_count: (x) => derived(x).delivered,
  stored_count: leaf('stored'),
  processed_count: (x) => derived(x).processed,
  sent_count: (x) => derived(x).sent,
  opened_count: leaf('opened'),
  clicked_count: leaf('clicked'),
  unique_opened_count: leaf('unique_opened'),
  unique_clicked_count: leaf('unique_clicked'),
  unsubscribed_count: leaf('unsubscribed'),
  complained_count: leaf('complained'),
  failed_count: (x) => derived(x).permanent + derived(x).temporary,
  temporary_failed_count: (x) => derived(x).temporary,
  permanent_failed_count: (x) => derived(x).permanent,
  temporary_failed_esp_block_count: leaf('temporary_esp_block'),
  permanent_failed_esp_block_count: leaf('permanent_esp_block'),
  rate_limit_count: leaf('rate_limit'),
  webhook_count: leaf('webhook'),
  permanent_failed_optimized_count: leaf('permanent_optimized'),
  permanent_failed_old_count: leaf('permanent_old'),
  bounced_count: (x) => derived(x).bounced,
  hard_bounces_count: leaf('hard_bounce'),
  soft_bounces_count: leaf('soft_bounce'),
  delayed_bounce_count: leaf('delayed_bounce'),
  suppressed_bounces_count: leaf('suppressed_bounce'),
  suppressed_unsubscribed_count: leaf('suppressed_unsubscribe'),
  suppressed_complaints_count: leaf('suppressed_complaint'),
  delivered_first_attempt_count: leaf('delivered_first_attempt'),
  delayed_first_attempt_count: (x) => derived(x).subsequent + c(x, 'permanent_old'),
  delivered_subsequent_count: (x) => derived(x).subsequent,
  delivered_two_plus_attempts_count: (x) => derived(x).subsequent,
};

/** Rate metrics as [numerator, denominator], following the SPEC metric descriptions. */
export const RATE_METRICS: Record<string, [Value, Value]> = {
  delivered_rate: [(x) => derived(x).delivered, (x) => derived(x).sent],
  opened_rate: [leaf('opened'), (x) => derived(x).delivered],
  clicked_rate: [leaf('clicked'), (x) => derived(x).delivered],
  unique_opened_rate: [leaf('unique_opened'), (x) => derived(x).delivered],
  unique_clicked_rate: [leaf('unique_clicked'), (x) => derived(x).delivered],
  unsubscribed_rate: [leaf('unsubscribed'), (x) => derived(x).delivered],
  complained_rate: [leaf('complained'), (x) => derived(x).delivered],
  bounce_rate: [(x) => derived(x).bounced, (x) => derived(x).sent],
  fail_rate: [(x) => derived(x).permanent + derived(x).temporary, (x) => derived(x).processed],
  permanent_fail_rate: [(x) => derived(x).permanent, (x) => derived(x).sent],
  temporary_fail_rate: [(x) => derived(x).temporary, (x) => derived(x).sent],
  delayed_rate: [(x) => derived(x).subsequent, (x) => derived(x).delivered],
  delayed_first_attempt_rate: [(x) => derived(x).subsequent + c(x, 'permanent_old'), (x) => derived(x).processed],
};

/** Rates are strings with four decimals (recorded `"0.0000"`); values are percentages (SPEC text). */
export function formatRate(numerator: number, denominator: number): string {
  if (denominator <= 0) return '0.0000';
  return (Math.round((numerator / denominator) * 10000) / 100).toFixed(4);
}

export function isEmpty(x: Counts): boolean {
  for (let i = 0; i < x.length; i++) if (x[i] !== 0) return false;
  return true;
}

/** Sums one domain's hours in [from, to) into `buckets` keyed by the bucket start at `resolution`. */
export function sumInto(buckets: Map<number, Counts>, series: DomainSeries | undefined, from: number, to: number, floor: (ms: number) => number): void {
  if (!series) return;
  for (const [hour, counts] of series) {
    if (hour < from || hour >= to) continue;
    const key = floor(hour);
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = newCounts()));
    addCounts(b, counts);
  }
}

/** Adds counts to one hour of a domain's series (seeds and the control API use it). */
export function record(series: DomainSeries, hour: number, counts: Partial<Record<Counter, number>>): void {
  let row = series.get(hour);
  if (!row) series.set(hour, (row = newCounts()));
  for (const [name, n] of Object.entries(counts)) row[COUNTER_INDEX[name as Counter]] += n ?? 0;
}
