// Building blocks for seeds: a seeded PRNG, bulk suppression lists and generated hourly traffic.
import { DAY_MS, HOUR_MS, rfc1123 } from '../dates';
import { type Counter, type DomainSeries, record } from '../events';
import type { Allowlisted, Bounce, Complaint, Domain, ListName, Region, Unsubscribe, World } from '../state';

/** mulberry32: small, fast and deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SeedListOptions {
  region?: Region;
  domain: string;
  list: ListName;
  count: number;
  /** Local-part prefix; addresses are `<prefix><zero-padded n>@<addressDomain>`, so alphabetical = numeric order. */
  prefix?: string;
  addressDomain?: string;
  /** First number (default 0), to append more items to an already seeded list. */
  start?: number;
}

const BOUNCE_ERRORS = [
  ['550', '5.1.1 The email account that you tried to reach does not exist.'],
  ['550', 'No such mailbox'],
  ['552', '5.2.2 Mailbox full'],
  ['554', '5.7.1 Message rejected due to local policy'],
  ['605', 'Not delivering to previously bounced address'],
];

/** Adds `count` generated records to a list of an existing domain; returns the list's new size. */
export function seedList(world: World, opts: SeedListOptions): number {
  const region = world[opts.region ?? 'us'];
  const d = region.domains.get(opts.domain.toLowerCase());
  if (!d) throw new Error(`no domain ${opts.domain} in region ${opts.region ?? 'us'}`);
  const start = opts.start ?? 0;
  const width = Math.max(6, String(start + opts.count).length);
  const prefix = opts.prefix ?? 'user';
  const at = opts.addressDomain ?? 'example.com';
  const now = world.now();
  // Dates are formatted once per distinct minute; formatting 100,000 dates one by one is the slow part.
  const dates = Array.from({ length: 512 }, (_, i) => rfc1123(now - (i + 1) * 41 * 60_000 - (i % 60) * 1000, 'UTC'));
  const address = (i: number): string => `${prefix}${String(start + i).padStart(width, '0')}@${at}`;
  const n = opts.count;
  const when = (i: number): string => dates[i % dates.length];
  if (opts.list === 'bounces') {
    d.lists.bounces.putMany(Array.from({ length: n }, (_, i): Bounce => {
      const [code, error] = BOUNCE_ERRORS[i % BOUNCE_ERRORS.length];
      return { address: address(i), code, error, created_at: when(i) };
    }));
  } else if (opts.list === 'unsubscribes') {
    d.lists.unsubscribes.putMany(Array.from({ length: n }, (_, i): Unsubscribe => ({ address: address(i), tags: i % 4 === 0 ? ['newsletter'] : ['*'], created_at: when(i) })));
  } else if (opts.list === 'complaints') {
    d.lists.complaints.putMany(Array.from({ length: n }, (_, i): Complaint => ({ address: address(i), created_at: when(i) })));
  } else {
    d.lists.whitelists.putMany(Array.from({ length: n }, (_, i): Allowlisted => ({ value: address(i), reason: i % 3 === 0 ? 'VIP customer' : '', type: 'address', createdAt: when(i) })));
  }
  return d.lists[opts.list].size;
}

export interface TrafficOptions {
  /** Mean outgoing messages per hour at the daily peak. */
  perHour: number;
  days?: number;
  seed: number;
}

/** Generates `days` of hourly traffic ending at the current hour, shaped by time of day and weekday. */
export function generateTraffic(world: World, d: Domain, series: DomainSeries, opts: TrafficOptions): void {
  const rand = prng(opts.seed);
  const round = (x: number): number => Math.floor(x) + (rand() < x - Math.floor(x) ? 1 : 0);
  const nowHour = world.now() - (world.now() % HOUR_MS);
  const hours = (opts.days ?? 60) * (DAY_MS / HOUR_MS);
  const opens = d.tracking.open.active;
  const clicks = d.tracking.click.active !== false;
  for (let h = nowHour - (hours - 1) * HOUR_MS; h <= nowHour; h += HOUR_MS) {
    const date = new Date(h);
    const daytime = 0.15 + Math.max(0, Math.sin((Math.PI * (date.getUTCHours() - 6)) / 16));
    const weekday = date.getUTCDay() === 0 || date.getUTCDay() === 6 ? 0.45 : 1;
    const accepted = round(opts.perHour * daytime * weekday * (0.7 + 0.6 * rand()));
    if (accepted === 0) continue;
    const delivered = round(accepted * (0.93 + 0.05 * rand()));
    const viaHttp = round(delivered * 0.01);
    const failed = accepted - delivered;
    const hard = round(failed * 0.4);
    const soft = round((failed - hard) * 0.35);
    const suppressedBounce = round((failed - hard - soft) * 0.6);
    const suppressedUnsub = round((failed - hard - soft - suppressedBounce) * 0.7);
    const counts: Partial<Record<Counter, number>> = {
      accepted_outgoing: accepted,
      accepted_incoming: round(accepted * 0.02),
      delivered_smtp: delivered - viaHttp,
      delivered_http: viaHttp,
      delivered_first_attempt: delivered - round(delivered * 0.04),
      stored: round(accepted * 0.02),
      hard_bounce: hard,
      soft_bounce: soft,
      suppressed_bounce: suppressedBounce,
      suppressed_unsubscribe: suppressedUnsub,
      suppressed_complaint: failed - hard - soft - suppressedBounce - suppressedUnsub,
      delayed_bounce: round(hard * 0.1),
      permanent_old: round(soft * 0.2),
      permanent_esp_block: round(soft * 0.1),
      temporary_other: round(accepted * 0.02),
      temporary_esp_block: round(accepted * 0.004),
      unsubscribed: round(delivered * 0.004),
      complained: round(delivered * 0.0008),
      webhook: round(accepted * 0.001),
    };
    if (opens) {
      const opened = round(delivered * (0.25 + 0.2 * rand()));
      Object.assign(counts, { opened, unique_opened: round(opened * 0.7) });
    }
    if (clicks) {
      const clicked = round(delivered * (0.04 + 0.06 * rand()));
      Object.assign(counts, { clicked, unique_clicked: round(clicked * 0.8) });
    }
    record(series, h, counts);
  }
}
