// Walks a whole suppression list fast: the next page is requested while the current one is consumed, and a
// long list is split at pivot addresses and its parts walked concurrently (mailgun-api.md §7.2: items are
// alphabetical by address and the cursor is `page=next&address=<last>`).
//
// Correctness rests only on recorded behaviour: every part starts at a cursor on an address that is on the
// list (a pivot found by a `limit=1` probe) and follows Mailgun's own `next` URLs until it meets the next
// pivot. How Mailgun answers a cursor at an address that is not on the list (the probes) is not recorded,
// so a probe only ever proposes a pivot; guards check every item, and on any disagreement the walk falls
// back to one sequential walk from the last item handed out, so no row is lost or repeated.
import { setMaxListeners } from 'node:events';
import type { MailgunError } from './errors';
import type { MailgunLogger } from './logger';
import { setTimeout as delay } from 'node:timers/promises';

export interface RawPage<Item> {
  items: Item[];
  /** Mailgun's `paging.next` and `paging.last`, verbatim. */
  next?: string;
  last?: string;
}

export interface ListWalkSource<Item> {
  /** Fetches a page: `url` undefined is the first page of the walk. */
  fetch: (url: string | undefined, signal: AbortSignal) => Promise<RawPage<Item>>;
  keyOf: (item: Item) => string;
}

export interface ListWalkOptions {
  /** Page size of the walk (the first page's). */
  limit: number;
  /** Requests in flight at once; 1 walks sequentially (still fetching one page ahead). */
  concurrency: number;
  signal?: AbortSignal;
  logger: MailgunLogger;
  /** Names the list in log lines, e.g. `bounces of mg.example.com`. */
  what: string;
  /** Pages fetched ahead of the consumer, all parts together; bounds memory. Default 5 × concurrency. */
  maxBufferedPages?: number;
}

/** Counters of one walk, for tests and benchmarks. */
export interface ListWalkStats {
  pages: number;
  probes: number;
  parts: number;
  fallback?: string;
}

/** Full pages seen before the walk considers splitting: a list of up to three pages is walked as is, with no probe. */
const SPLIT_AFTER_PAGES = 3;
/** Splitting pays only when a page takes this many times longer to arrive than to consume. */
const LATENCY_WORTH_SPLITTING = 3;
/** …and at least this much longer: on loopback, probes and cut pages cost more than they hide. */
const LATENCY_FLOOR_MS = 25;
/** Every so many items of a page teach the key alphabet its characters. */
const ALPHABET_SAMPLE = 20;
/** Rounds of rate limiting in a row (no page in between) tolerated once the transport's own retries are spent. */
const RATE_LIMIT_ROUNDS = 5;

/** The order the guards expect: Mailgun's (and the fake's) case-insensitive alphabetical order. */
export function compareKeys(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

// Keys as numbers, to pick probe addresses between two keys and to estimate how large a part is. Each
// character position has its own digits: the characters seen at that position in the list's keys so far
// (0 for "no more characters"), so candidates fall where addresses are, not in the gaps between them.
const DIGITS = 7;
const DIGIT_CHARS = [...'0123456789'];
const LETTERS = [...'abcdefghijklmnopqrstuvwxyz'];

/** The characters seen at each position of the keys, sorted. */
export class KeyAlphabet {
  private at: string[][] = [];

  add(key: string): void {
    const k = key.toLowerCase();
    for (let i = 0; i < k.length; i++) {
      const chars = (this.at[i] ??= []);
      // A digit or letter stands for its whole class: samples rarely show every one of them.
      const c = k[i];
      for (const x of c >= '0' && c <= '9' ? DIGIT_CHARS : c >= 'a' && c <= 'z' ? LETTERS : [c]) {
        const j = lowerBound(chars, x);
        if (chars[j] !== x) chars.splice(j, 0, x);
      }
    }
  }

  base(i: number): number {
    return (this.at[i]?.length ?? 0) + 1;
  }

  digit(s: string, i: number): number {
    return i >= s.length ? 0 : Math.min(lowerBound(this.at[i] ?? [], s[i]) + 1, this.base(i) - 1);
  }

  char(i: number, d: number): string {
    return d === 0 ? '' : (this.at[i]?.[d - 1] ?? '');
  }
}

function lowerBound(sorted: string[], c: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < c) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sharedPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** The key's characters from position `from` on, as a fraction in [0, 1). */
function fraction(abc: KeyAlphabet, key: string, from: number): number {
  let v = 0;
  let scale = 1;
  for (let i = from; i < from + DIGITS; i++) {
    scale /= abc.base(i);
    v += abc.digit(key, i) * scale;
  }
  return v;
}

/** Strings at the given fractions (0–1) of the way between two keys (lower-cased), each strictly inside, increasing. */
export function keysBetween(abc: KeyAlphabet, low: string, high: string, fractions: number[]): string[] {
  const a = low.toLowerCase();
  const b = high.toLowerCase();
  const p = sharedPrefix(a, b);
  const fa = fraction(abc, a, p);
  const fb = fraction(abc, b, p);
  const out: string[] = [];
  for (const f of fractions) {
    let t = fa + (fb - fa) * f;
    let key = a.slice(0, p);
    for (let i = p; i < p + DIGITS; i++) {
      t *= abc.base(i);
      const d = Math.floor(t);
      t -= d;
      if (d === 0) break;
      key += abc.char(i, d);
    }
    if (compareKeys(key, a) > 0 && compareKeys(key, b) < 0 && (out.length === 0 || compareKeys(key, out[out.length - 1]) > 0)) out.push(key);
  }
  return out;
}

/** How far apart two keys are, on one scale for all keys (a deeper shared prefix is a narrower range). */
export function keyWidth(abc: KeyAlphabet, low: string, high: string): number {
  const a = low.toLowerCase();
  const b = high.toLowerCase();
  const p = sharedPrefix(a, b);
  let scale = 1;
  for (let i = 0; i < p; i++) scale /= abc.base(i);
  return Math.max(0, fraction(abc, b, p) - fraction(abc, a, p)) * scale;
}

/** One of Mailgun's own paging URLs with its `address` and/or `limit` replaced. */
export function withQuery(template: string, change: { address?: string; limit?: number }): string {
  const url = new URL(template);
  if (change.address !== undefined) url.searchParams.set('address', change.address);
  if (change.limit !== undefined) url.searchParams.set('limit', String(change.limit));
  return url.href;
}

/** Why the parallel walk gave up; the walk continues sequentially. */
class Disagreement extends Error {}

interface Part<Item> {
  /** The pivot this part starts after; undefined for the list's start. */
  from?: string;
  /** The pivot this part ends on (included); undefined: the list's end. */
  end?: string;
  /** The next URL to request; undefined before the first page of the walk. */
  url?: string;
  firstKey?: string;
  lastKey?: string;
  items: number;
  /** Pages fetched, not yet handed out. */
  pages: Item[][];
  fetching: boolean;
  probing: boolean;
  unsplittable?: boolean;
  done: boolean;
  /** Checked by the guards; the sequential walk (and its fallback) only follows Mailgun's cursor. */
  guarded: boolean;
  visited: Set<string>;
}

/**
 * Every item of the list in Mailgun's order, page by page. Cancelled by `signal` (the in-flight requests
 * are aborted); ending the loop early aborts them too and returns once they have settled.
 */
export async function* walkList<Item>(source: ListWalkSource<Item>, options: ListWalkOptions, stats: ListWalkStats = { pages: 0, probes: 0, parts: 1 }): AsyncGenerator<Item[], void, undefined> {
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  const maxBuffered = options.maxBufferedPages ?? 5 * concurrency;
  /** Items per part when a part is split off: the buffer shared by the parts walking at once. */
  const chunk = Math.max(1, Math.floor(maxBuffered / concurrency)) * options.limit;
  const keyOf = (item: Item) => source.keyOf(item);
  let epoch = new AbortController();
  // One signal per epoch for all its requests (each adds a listener while in flight).
  const signalOf = (controller: AbortController) => {
    const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
    setMaxListeners(0, signal);
    return signal;
  };
  let epochSignal = signalOf(epoch);
  const inFlight = new Set<Promise<void>>();
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  let failure: unknown;
  let disagreement: string | undefined;
  let gateUntil = 0;
  let rateLimitRounds = 0;
  // Splitting needs Mailgun's own next URL (the template), its `last` URL and the list's last key.
  let template: string | undefined;
  let lastUrl: string | undefined;
  let high: string | undefined;
  let highState: 'unknown' | 'probing' | 'known' | 'none' = concurrency > 1 ? 'unknown' : 'none';
  let parallel = concurrency > 1;
  let seenItems = 0;
  // How long a page takes to arrive, and the consumer to take it (moving averages).
  let fetchMs: number | undefined;
  let consumeMs: number | undefined;
  const average = (avg: number | undefined, x: number) => (avg === undefined ? x : 0.7 * avg + 0.3 * x);
  const abc = new KeyAlphabet();

  const newPart = (p: Partial<Part<Item>>): Part<Item> => ({ items: 0, pages: [], fetching: false, probing: false, done: false, guarded: parallel, visited: new Set(), ...p });
  let parts: Part<Item>[] = [newPart({})];
  /** Where a sequential walk resumes: after the last item handed out. */
  let handedOut: { key?: string; nextUrl?: string } = {};

  const buffered = () => parts.reduce((n, p, i) => (i === 0 ? n : n + p.pages.length), 0);

  /** Runs a request of the current epoch; its outcome is dropped if the epoch ended (fallback, early end). */
  function track<T>(call: (signal: AbortSignal) => Promise<T>, onValue: (value: T) => void, onError: (error: unknown) => void): void {
    const mine = epoch;
    const signal = epochSignal;
    const settled = withGate(() => call(signal), signal)
      .then(
        (value) => {
          if (!mine.signal.aborted) onValue(value);
        },
        (error: unknown) => {
          if (!mine.signal.aborted) onError(error);
        },
      )
      .catch((error: unknown) => {
        if (error instanceof Disagreement) disagreement ??= error.message;
        else failure ??= error;
      })
      .finally(() => {
        inFlight.delete(settled);
        notify();
      });
    inFlight.add(settled);
  }

  /** A 429 that outlived the transport's retries closes the gate for every part, then the request is repeated. */
  async function withGate<T>(call: () => Promise<T>, signal: AbortSignal): Promise<T> {
    for (;;) {
      while (Date.now() < gateUntil) await delay(gateUntil - Date.now(), undefined, { signal });
      const started = Date.now();
      try {
        const value = await call();
        rateLimitRounds = 0;
        return value;
      } catch (error) {
        const e = error as MailgunError;
        if (e.kind !== 'rateLimited' || signal.aborted) throw error;
        // A request that began before the gate last reopened was refused in a round already paused for.
        if (started < gateUntil) continue;
        if (rateLimitRounds >= RATE_LIMIT_ROUNDS) throw error;
        rateLimitRounds++;
        gateUntil = Date.now() + (e.retryAfterMs ?? 1000 * rateLimitRounds);
        options.logger.info(`${options.what}: Mailgun asked to slow down; every part of the walk waits ${Math.round(gateUntil - Date.now())} ms.`);
      }
    }
  }

  const isRefusal = (error: unknown) => {
    const status = (error as MailgunError).status;
    return status !== undefined && status >= 400 && status < 500 && status !== 429 && status !== 401 && status !== 403;
  };

  function accept(part: Part<Item>, page: RawPage<Item>, requested: string | undefined): void {
    const items: Item[] = [];
    // The whole list as one part (nothing split off yet) is walked as Mailgun pages it, like a sequential walk.
    const guarded = part.guarded && (part.from !== undefined || part.end !== undefined);
    for (const item of page.items) {
      const key = keyOf(item);
      const previous = part.lastKey ?? part.from;
      if (!guarded && parallel && previous !== undefined && compareKeys(key, previous) <= 0) {
        parallel = false;
        options.logger.warn(`${options.what}: Mailgun returned ${JSON.stringify(key)} after ${JSON.stringify(previous)}, which is not alphabetical order; the list is walked sequentially.`);
      }
      if (guarded && previous !== undefined && compareKeys(key, previous) <= 0) {
        throw new Disagreement(`Mailgun returned ${JSON.stringify(key)} after ${JSON.stringify(previous)}, which is not alphabetical order`);
      }
      if (guarded && part.end !== undefined && key !== part.end && compareKeys(key, part.end) >= 0) {
        throw new Disagreement(`a part of the walk passed its end ${JSON.stringify(part.end)} without meeting it`);
      }
      items.push(item);
      part.firstKey ??= key;
      part.lastKey = key;
      if (key === part.end) {
        part.done = true;
        break;
      }
    }
    stats.pages++;
    part.items += items.length;
    seenItems += items.length;
    if (items.length > 0) {
      part.pages.push(items);
      abc.add(keyOf(items[0]));
      abc.add(part.lastKey!);
      for (let i = 0; i < items.length; i += ALPHABET_SAMPLE) abc.add(keyOf(items[i]));
    }
    if (part.done) return;
    const moved = page.next !== undefined && page.next !== requested && !part.visited.has(page.next);
    if (page.items.length === 0 || !moved) {
      if (guarded && part.end !== undefined) throw new Disagreement(`the list ended before the pivot ${JSON.stringify(part.end)}`);
      part.done = true;
      return;
    }
    part.visited.add(page.next!);
    part.url = page.next;
    if (template === undefined) {
      template = page.next;
      lastUrl = page.last;
    }
  }

  function startFetch(part: Part<Item>): void {
    part.fetching = true;
    const requested = part.url;
    const started = performance.now();
    track(
      (signal) => source.fetch(requested, signal),
      (page) => {
        part.fetching = false;
        fetchMs = average(fetchMs, performance.now() - started);
        if (parts.includes(part)) accept(part, page, requested);
      },
      (error) => {
        part.fetching = false;
        // A refused pivot cursor is a disagreement; any other failure is the walk's, as it would be sequentially.
        if (part.from !== undefined && part.guarded && part.items === 0 && isRefusal(error)) {
          throw new Disagreement(`Mailgun refused the cursor at the pivot ${JSON.stringify(part.from)} (${(error as MailgunError).status})`);
        }
        throw error;
      },
    );
  }

  /** The first key after `address` (a `limit=1` page at that cursor): a pivot candidate. */
  function probe(url: string, after: string | undefined, onResult: (key: string | undefined) => void): void {
    stats.probes++;
    track(
      (signal) => source.fetch(url, signal),
      (page) => {
        const key = page.items[0] === undefined ? undefined : keyOf(page.items[0]);
        if (after !== undefined && key !== undefined && compareKeys(key, after) <= 0) {
          throw new Disagreement(`a probe after ${JSON.stringify(after)} returned ${JSON.stringify(key)}, which is not after it`);
        }
        onResult(key);
      },
      (error) => {
        if (isRefusal(error)) throw new Disagreement(`Mailgun refused a probe cursor${after === undefined ? '' : ` at ${JSON.stringify(after)}`} (${(error as MailgunError).status})`);
        throw error;
      },
    );
  }

  /** Splits the part holding `pivot` so that a new part starts after it. */
  function split(pivot: string): void {
    const index = parts.findIndex((p) => {
      const position = p.lastKey ?? p.from;
      return !p.done && position !== undefined && compareKeys(pivot, position) > 0 && (p.end === undefined || compareKeys(pivot, p.end) < 0);
    });
    if (index < 0) {
      return;
    }
    const part = parts[index];
    parts.splice(index + 1, 0, newPart({ from: pivot, end: part.end, url: withQuery(template!, { address: pivot }) }));
    part.end = pivot;
    stats.parts++;
  }

  /** Items left in a part, estimated from its own density once it has one, else the walk's. */
  function itemsLeft(part: Part<Item>, density: number): number {
    const position = part.lastKey ?? part.from;
    const upper = part.end ?? high;
    if (position === undefined || upper === undefined) return 0;
    const own = part.firstKey !== undefined && part.items >= options.limit ? part.items / keyWidth(abc, part.from ?? part.firstKey, part.lastKey!) : undefined;
    return keyWidth(abc, position, upper) * (own !== undefined && Number.isFinite(own) ? own : density);
  }

  function pump(): void {
    if (disagreement !== undefined || failure !== undefined) return;
    // Fetches, in list order: the head always (one page ahead), the others while the buffer has room.
    let running = parts.filter((p) => p.fetching).length;
    for (const [i, part] of parts.entries()) {
      if (running >= concurrency) break;
      if (part.done || part.fetching) continue;
      if (i === 0 ? part.pages.length >= 2 : buffered() >= maxBuffered) continue;
      startFetch(part);
      running++;
    }
    if (!parallel || template === undefined || seenItems < SPLIT_AFTER_PAGES * options.limit) return;
    // Fetching one page ahead already hides a page's wait when the consumer is the slower side.
    if (fetchMs === undefined || consumeMs === undefined || fetchMs < Math.max(LATENCY_WORTH_SPLITTING * consumeMs, consumeMs + LATENCY_FLOOR_MS)) return;
    if (highState === 'unknown') {
      highState = lastUrl === undefined ? 'none' : 'probing';
      if (lastUrl !== undefined) {
        probe(withQuery(lastUrl, { limit: 1 }), undefined, (key) => {
          high = key;
          if (key !== undefined) abc.add(key);
          highState = key === undefined ? 'none' : 'known';
        });
      }
      return;
    }
    // Probes never outnumber pages: where candidates keep missing (addresses bunched oddly), stop splitting.
    if (highState !== 'known' || stats.probes >= stats.pages) return;
    // Items per unit of key width, over the parts still held.
    let items = 0;
    let width = 0;
    for (const p of parts) {
      if (p.firstKey === undefined) continue;
      items += p.items;
      width += keyWidth(abc, p.from ?? p.firstKey, p.lastKey!);
    }
    const density = width > 0 ? items / width : 0;
    // Splits: keep half again as many parts ready as walk at once, each about `chunk` items, nearest first.
    let want = concurrency + Math.ceil(concurrency / 2) - parts.filter((p) => !p.done).length;
    for (const part of parts) {
      if (want <= 0) break;
      if (part.done || part.probing || part.unsplittable) continue;
      const left = itemsLeft(part, density);
      const pieces = Math.min(want, Math.floor(left / chunk) - 1);
      if (pieces < 1) continue;
      const keys = keysBetween(abc, part.lastKey ?? part.from!, part.end ?? high!, Array.from({ length: pieces }, (_, j) => ((j + 1) * chunk) / left));
      if (keys.length === 0) continue;
      part.probing = true;
      let pending = keys.length;
      const before = stats.parts;
      for (const key of keys) {
        probe(withQuery(template, { address: key, limit: 1 }), key, (pivot) => {
          if (pivot !== undefined) split(pivot);
          if (--pending > 0) return;
          part.probing = false;
          // Probes that found no new pivot here will not find one next time either.
          if (stats.parts === before) part.unsplittable = true;
        });
      }
      want -= keys.length;
    }
  }

  async function endEpoch(): Promise<void> {
    epoch.abort();
    await Promise.allSettled([...inFlight]);
  }

  try {
    for (;;) {
      if (disagreement !== undefined && failure === undefined) {
        await endEpoch();
        stats.fallback = disagreement;
        options.logger.warn(`${options.what}: walking the list in parallel stopped (${disagreement}); continuing with one sequential walk.`);
        epoch = new AbortController();
        epochSignal = signalOf(epoch);
        parallel = false;
        highState = 'none';
        disagreement = undefined;
        const url = handedOut.nextUrl ?? (handedOut.key !== undefined ? withQuery(template!, { address: handedOut.key }) : undefined);
        parts = [newPart({ url, guarded: false, lastKey: handedOut.key })];
      }
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- a MailgunError (or what a request rejected with)
      if (failure !== undefined) throw failure;
      if (options.signal?.aborted) {
        // The transport answers an aborted signal with its "cancelled" error, without sending anything.
        await source.fetch(undefined, options.signal);
      }
      pump();
      const head = parts[0];
      if (head.pages.length > 0) {
        const page = head.pages.shift()!;
        const last = keyOf(page[page.length - 1]);
        // Mailgun's own cursor when this is the head's latest page; else one built at the last item.
        handedOut = { key: last, nextUrl: head.pages.length === 0 && !head.done && head.lastKey === last ? head.url : undefined };
        pump();
        const yielded = performance.now();
        yield page;
        consumeMs = average(consumeMs, performance.now() - yielded);
        continue;
      }
      if (head.done) {
        parts.shift();
        if (parts.length === 0) return;
        continue;
      }
      if (inFlight.size === 0) continue;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    await endEpoch();
  }
}
