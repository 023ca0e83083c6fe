// The test-facing control handle: reset/seed, keys, faults, rate limit, request log, lag, data helpers.
import { type Counter, COUNTERS, record } from './events';
import { accountOf, appendEvent, kindOf, LOG_EVENTS, storedId } from './event-log';
import { type Fault, Faults, type FaultSpec, globToRegExp, RateLimiter, type RateLimitOptions } from './faults';
import { apiKey, buildWorld, type SeedName, type WorldOptions } from './seeds';
import { type SeedListOptions, seedList } from './seeds/util';
import { type KeyKind, type ListName, type Region, type RegionState, seriesOf, type World } from './state';
import type { SuppressionList } from './suppression-list';
import { HOUR_MS } from './dates';

export interface LoggedRequest {
  seq: number;
  /** ISO time the request arrived. */
  time: string;
  method: string;
  region: Region;
  path: string;
  query: Record<string, string | string[]>;
  /** Request headers without Authorization (the key is never stored). */
  headers: Record<string, string | string[] | undefined>;
  /** Status sent; absent while pending or when the connection was dropped. */
  status?: number;
}

export interface RequestFilter {
  method?: string;
  region?: Region;
  /** Exact path, or a pattern with `*` / `**` like fault paths. */
  path?: string;
}

export interface AddEventsOptions {
  region?: Region;
  /** A subaccount's domain instead of the parent account's. */
  subaccount?: string;
  domain: string;
  /** Any time inside the hour (epoch ms or a date string). */
  time: number | string;
  counts: Partial<Record<Counter, number>>;
}

export interface ListRef {
  region?: Region;
  /** A subaccount's list instead of the parent account's. */
  subaccount?: string;
  domain: string;
  list: ListName;
}

/** One message event to append; unset fields get plausible defaults. */
export interface AppendedEvent {
  /** A Logs event name: accepted, delivered, failed, opened, clicked, unsubscribed, complained, rejected, stored, … */
  event: string;
  /** Epoch ms or a date string; default: the fake's clock. */
  timestamp?: number | string;
  recipient?: string;
  from?: string;
  subject?: string;
  messageId?: string;
  tags?: string[];
  /** failed only: `temporary` or `permanent` (default). */
  severity?: 'temporary' | 'permanent';
  /** failed only: `bounce` (default), `suppress-bounce`, `suppress-unsubscribe`, `suppress-complaint`, `espblock`, … */
  reason?: string;
  deliveryStatus?: Record<string, unknown>;
  /** Any other Logs item fields (e.g. `url`, `storage`, `user-variables`), set last. */
  fields?: Record<string, unknown>;
}

export interface AppendEventsOptions {
  region?: Region;
  /** A subaccount's domain instead of the parent account's. */
  subaccount?: string;
  domain: string;
  events: AppendedEvent[];
}

export interface FakeControl {
  readonly seed: SeedName;
  /**
   * Rebuilds all state from a seed (default: the current one): data, keys (added keys are dropped), async
   * lag and rate limit go back to their start values. Faults and the request log are kept.
   */
  reset(seed?: SeedName): void;
  /** Adds an API key valid in both regions; returns its X-Mailgun-Key-Id. */
  addKey(key: string, kind?: KeyKind): string;
  removeKey(key: string): boolean;
  /** Registers a fault; returns its id. */
  fault(spec: FaultSpec): string;
  removeFault(id: string): boolean;
  faults(): Fault[];
  clearFaults(): void;
  /** Enforces a limit (429 beyond it); `null` goes back to headers only. */
  setRateLimit(opts: RateLimitOptions | null): void;
  requests(filter?: RequestFilter): LoggedRequest[];
  clearRequests(): void;
  /** Reads that still show the old state after verify, delete and certificate generation (default 1). */
  setAsyncLag(reads: number): void;
  /** Adds generated records to a suppression list; returns the list size. */
  seedList(opts: SeedListOptions): number;
  /** Adds counts to the stored event series that Stats and Metrics read. */
  addEvents(opts: AddEventsOptions): void;
  /** Every record of a suppression list, exactly as stored, in key order. */
  records(opts: ListRef): object[];
  /** Stores these records as they are (no defaults, no parsing), replacing any with the same key. */
  putRecords(opts: ListRef & { records: object[] }): number;
  /**
   * Appends whole message events to a domain's log (for live-tail tests): Logs and Events list them, and the
   * counters that Stats and Metrics read count them. Returns their ids, in order.
   */
  appendEvents(opts: AppendEventsOptions): string[];
  /**
   * Puts an authorized recipient of the sandbox domains as if it had been invited (`activated: false`) or had
   * accepted the invitation (`activated: true`); returns how many there are.
   */
  putSandboxRecipient(opts: { email: string; activated: boolean }): number;
  /** Direct access to the state, for assertions the API cannot express. */
  readonly world: World;
}

const MAX_LOG = 50_000;

export class Control implements FakeControl {
  seed: SeedName;
  world: World;
  readonly faultList = new Faults();
  readonly limiter = new RateLimiter();
  private log: LoggedRequest[] = [];
  private seq = 0;
  private appended = 0;

  constructor(seed: SeedName, private readonly worldOptions: WorldOptions) {
    this.seed = seed;
    this.world = buildWorld(seed, worldOptions);
  }

  reset(seed?: SeedName): void {
    this.seed = seed ?? this.seed;
    this.world = buildWorld(this.seed, this.worldOptions);
    this.limiter.configure(null);
    // A reset world is the same on every run: the first event appended after it lands on its exact time again.
    this.appended = 0;
  }

  addKey(key: string, kind: KeyKind = 'admin'): string {
    const k = apiKey(key, kind);
    this.world.keys.set(key, k);
    return k.id;
  }

  removeKey(key: string): boolean {
    return this.world.keys.delete(key);
  }

  fault(spec: FaultSpec): string {
    return this.faultList.add(spec);
  }

  removeFault(id: string): boolean {
    return this.faultList.remove(id);
  }

  faults(): Fault[] {
    return this.faultList.all();
  }

  clearFaults(): void {
    this.faultList.clear();
  }

  setRateLimit(opts: RateLimitOptions | null): void {
    this.limiter.configure(opts);
  }

  logRequest(entry: Omit<LoggedRequest, 'seq'>): LoggedRequest {
    const logged = { seq: ++this.seq, ...entry };
    this.log.push(logged);
    if (this.log.length > MAX_LOG) this.log.splice(0, this.log.length - MAX_LOG);
    return logged;
  }

  requests(filter: RequestFilter = {}): LoggedRequest[] {
    const path = filter.path?.includes('*') ? globToRegExp(filter.path) : undefined;
    return this.log
      .filter((r) => !filter.method || r.method === filter.method.toUpperCase())
      .filter((r) => !filter.region || r.region === filter.region)
      .filter((r) => !filter.path || (path ? path.test(r.path) : r.path === filter.path))
      .map((r) => ({ ...r }));
  }

  clearRequests(): void {
    this.log = [];
  }

  setAsyncLag(reads: number): void {
    this.world.asyncLag = Math.max(0, Math.floor(reads));
  }

  seedList(opts: SeedListOptions): number {
    return seedList(this.world, opts);
  }

  /** The parent account's region, or a subaccount's. */
  regionState(region: Region = 'us', subaccount?: string): RegionState {
    if (subaccount === undefined) return this.world[region];
    const sub = this.world.subaccounts.get(subaccount);
    if (!sub) throw new Error(`no subaccount ${subaccount}`);
    return sub[region];
  }

  private list(opts: ListRef): SuppressionList<object> {
    const d = this.regionState(opts.region, opts.subaccount).domains.get(opts.domain.toLowerCase());
    if (!d) throw new Error(`no domain ${opts.domain} in region ${opts.region ?? 'us'}`);
    const list = d.lists[opts.list] as SuppressionList<object> | undefined;
    if (!list) throw new Error(`no list ${opts.list}`);
    return list;
  }

  records(opts: ListRef): object[] {
    const list = this.list(opts);
    return JSON.parse(list.pageJson({ limit: list.size, term: '' }).json) as object[];
  }

  putRecords(opts: ListRef & { records: object[] }): number {
    const list = this.list(opts);
    for (const r of opts.records) list.put(structuredClone(r));
    return list.size;
  }

  putSandboxRecipient(opts: { email: string; activated: boolean }): number {
    const all = (this.world.sandboxRecipients ??= new Map<string, { email: string; activated: boolean }>());
    const key = opts.email.trim().toLowerCase();
    all.set(key, { email: all.get(key)?.email ?? opts.email.trim(), activated: opts.activated });
    return all.size;
  }

  addEvents(opts: AddEventsOptions): void {
    const region = this.regionState(opts.region, opts.subaccount);
    const name = opts.domain.toLowerCase();
    if (!region.domains.has(name)) throw new Error(`no domain ${opts.domain} in region ${region.region}`);
    const time = typeof opts.time === 'number' ? opts.time : Date.parse(opts.time);
    if (Number.isNaN(time)) throw new Error(`invalid time ${String(opts.time)}`);
    const unknown = Object.keys(opts.counts).find((c) => !(COUNTERS as readonly string[]).includes(c));
    if (unknown) throw new Error(`unknown counter ${unknown}; known: ${COUNTERS.join(', ')}`);
    record(seriesOf(region, name), time - (time % HOUR_MS), opts.counts);
  }

  appendEvents(opts: AppendEventsOptions): string[] {
    const region = this.regionState(opts.region, opts.subaccount);
    const name = opts.domain.toLowerCase();
    if (!region.domains.has(name)) throw new Error(`no domain ${opts.domain} in region ${region.region}`);
    if (!Array.isArray(opts.events)) throw new Error('events must be an array');
    const built = opts.events.map((e, n) => {
      if (!e || !LOG_EVENTS.includes(e.event)) throw new Error(`events[${n}].event must be one of ${LOG_EVENTS.join(', ')}`);
      const ms = e.timestamp === undefined ? this.world.now() : typeof e.timestamp === 'number' ? e.timestamp : Date.parse(e.timestamp);
      if (Number.isNaN(ms)) throw new Error(`events[${n}].timestamp is not a date: ${String(e.timestamp)}`);
      return { e, ms };
    });
    return built.map(({ e, ms }) => {
      // Distinct microsecond fractions keep events appended in one call in their order.
      const ts = ms * 1000 + (this.appended++ % 1000);
      const recipient = e.recipient ?? 'tail@example.com';
      const id = storedId(name, ts);
      const failed = e.event === 'failed';
      const item: Record<string, unknown> = {
        id,
        event: e.event,
        account: accountOf(region.subaccountId),
        domain: { name },
        tags: e.tags ?? [],
        recipient,
        'recipient-domain': recipient.split('@')[1] ?? '',
        'log-level': failed ? (e.severity === 'temporary' ? 'warn' : 'error') : 'info',
        'user-variables': '{}',
        envelope: { sender: `noreply@${name}`, transport: 'smtp', targets: recipient },
        message: { headers: { to: recipient, 'message-id': e.messageId ?? `${ts}.${id}@${name}`, from: e.from ?? `noreply@${name}`, subject: e.subject ?? 'Test message' }, attachments: [], size: 1024 },
        flags: { 'is-authenticated': true, 'is-system-test': false, 'is-routed': false, 'is-test-mode': false, 'is-delayed-bounce': false, 'is-callback': false, 'is-webhook': false },
      };
      if (failed) {
        item.severity = e.severity ?? 'permanent';
        item.reason = e.reason ?? 'bounce';
      }
      if (e.deliveryStatus || failed || e.event === 'delivered') {
        item['delivery-status'] = { code: failed ? 550 : 250, message: failed ? '5.1.1 Mailbox does not exist' : 'OK', 'attempt-no': 1, ...e.deliveryStatus };
      }
      Object.assign(item, e.fields);
      appendEvent(region, seriesOf(region, name), name, { ts, id, kind: kindOf(item), item });
      return id;
    });
  }
}
