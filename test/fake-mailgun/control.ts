// The test-facing control handle: reset/seed, keys, faults, rate limit, request log, lag, data helpers.
import { type Counter, COUNTERS, record } from './events';
import { type Fault, Faults, type FaultSpec, globToRegExp, RateLimiter, type RateLimitOptions } from './faults';
import { apiKey, buildWorld, type SeedName, type WorldOptions } from './seeds';
import { type SeedListOptions, seedList } from './seeds/util';
import { type KeyKind, type ListName, type Region, seriesOf, type World } from './state';
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
  domain: string;
  /** Any time inside the hour (epoch ms or a date string). */
  time: number | string;
  counts: Partial<Record<Counter, number>>;
}

export interface ListRef {
  region?: Region;
  domain: string;
  list: ListName;
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

  constructor(seed: SeedName, private readonly worldOptions: WorldOptions) {
    this.seed = seed;
    this.world = buildWorld(seed, worldOptions);
  }

  reset(seed?: SeedName): void {
    this.seed = seed ?? this.seed;
    this.world = buildWorld(this.seed, this.worldOptions);
    this.limiter.configure(null);
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

  private list(opts: ListRef): SuppressionList<object> {
    const d = this.world[opts.region ?? 'us'].domains.get(opts.domain.toLowerCase());
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

  addEvents(opts: AddEventsOptions): void {
    const region = this.world[opts.region ?? 'us'];
    const name = opts.domain.toLowerCase();
    if (!region.domains.has(name)) throw new Error(`no domain ${opts.domain} in region ${region.region}`);
    const time = typeof opts.time === 'number' ? opts.time : Date.parse(opts.time);
    if (Number.isNaN(time)) throw new Error(`invalid time ${String(opts.time)}`);
    const unknown = Object.keys(opts.counts).find((c) => !(COUNTERS as readonly string[]).includes(c));
    if (unknown) throw new Error(`unknown counter ${unknown}; known: ${COUNTERS.join(', ')}`);
    record(seriesOf(region, name), time - (time % HOUR_MS), opts.counts);
  }
}
