// Fault injection and the optional rate limit, both driven by the control API.
import type { Region } from './state';

export interface FaultSpec {
  /** HTTP method to match; `*` or absent matches any. */
  method?: string;
  /** Path pattern: `*` matches within one segment, `**` across segments, e.g. `/v3/*\/bounces`. */
  path: string;
  region?: Region;
  /** Reply with this status instead of the real handler (unless `malformedJson` is set). */
  status?: number;
  /** Body for `status`: a string is sent as is, anything else as JSON. */
  body?: unknown;
  contentType?: string;
  /** Wait before answering (or before dropping). */
  delayMs?: number;
  /** Destroy the socket without answering. */
  drop?: boolean;
  /** Let the real handler answer, then cut its JSON body in half (status overridable). */
  malformedJson?: boolean;
  /**
   * Let the real handler run (its changes stay applied), then answer with this status and `body` instead:
   * a change that went through although the client was told it failed (a 5xx from a proxy or a crash).
   */
  applyThenStatus?: number;
  /** Extra response headers (e.g. `Retry-After`), on the fault's reply or the real one. */
  headers?: Record<string, string>;
  /** Send the status, headers and first half of the body, then wait this long before the rest. */
  stallBodyMs?: number;
  /** How many times it fires; default: until cleared. */
  times?: number;
}

export interface Fault extends FaultSpec {
  id: string;
  fired: number;
}

export function globToRegExp(glob: string): RegExp {
  const re = glob
    .split('**')
    .map((part) => part.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*'))
    .join('.*');
  return new RegExp(`^${re}$`);
}

export function validateFault(spec: unknown): string | undefined {
  if (typeof spec !== 'object' || spec === null) return 'fault must be an object';
  const s = spec as Record<string, unknown>;
  if (typeof s.path !== 'string' || !s.path.startsWith('/')) return 'fault.path must be a path pattern starting with /';
  if (s.status !== undefined && (!Number.isInteger(s.status) || (s.status as number) < 100 || (s.status as number) > 599)) return 'fault.status must be an HTTP status';
  if (s.applyThenStatus !== undefined && (!Number.isInteger(s.applyThenStatus) || (s.applyThenStatus as number) < 100 || (s.applyThenStatus as number) > 599)) return 'fault.applyThenStatus must be an HTTP status';
  if (s.applyThenStatus !== undefined && (s.status !== undefined || s.malformedJson !== undefined || s.drop !== undefined)) return 'fault.applyThenStatus cannot be combined with status, malformedJson or drop';
  if (s.region !== undefined && s.region !== 'us' && s.region !== 'eu') return 'fault.region must be us or eu';
  if (s.times !== undefined && (!Number.isInteger(s.times) || (s.times as number) < 1)) return 'fault.times must be a positive integer';
  if (s.delayMs !== undefined && (typeof s.delayMs !== 'number' || s.delayMs < 0)) return 'fault.delayMs must be a non-negative number';
  if (s.stallBodyMs !== undefined && (typeof s.stallBodyMs !== 'number' || s.stallBodyMs < 0)) return 'fault.stallBodyMs must be a non-negative number';
  if (s.headers !== undefined && (typeof s.headers !== 'object' || s.headers === null || Object.values(s.headers).some((v) => typeof v !== 'string'))) return 'fault.headers must map header names to strings';
  return undefined;
}

export class Faults {
  private list: (Fault & { re: RegExp })[] = [];
  private counter = 0;

  add(spec: FaultSpec): string {
    const id = `fault-${++this.counter}`;
    this.list.push({ ...spec, method: spec.method?.toUpperCase(), id, fired: 0, re: globToRegExp(spec.path) });
    return id;
  }

  remove(id: string): boolean {
    const before = this.list.length;
    this.list = this.list.filter((f) => f.id !== id);
    return this.list.length !== before;
  }

  clear(): number {
    const n = this.list.length;
    this.list = [];
    return n;
  }

  all(): Fault[] {
    return this.list.map(({ re: _re, ...f }) => ({ ...f }));
  }

  /** The first fault matching the request; counts it as fired and retires it when used up. */
  take(method: string, path: string, region: Region): Fault | undefined {
    const f = this.list.find((x) => (!x.method || x.method === '*' || x.method === method) && (!x.region || x.region === region) && x.re.test(path));
    if (!f) return undefined;
    f.fired++;
    if (f.times !== undefined && f.fired >= f.times) this.remove(f.id);
    const { re: _re, ...fault } = f;
    return fault;
  }
}

export interface RateLimitOptions {
  /** Requests allowed per window; beyond it the API answers 429. */
  limit: number;
  windowMs?: number;
}

export interface RateState {
  limit: number;
  remaining: number;
  /** Epoch milliseconds, as recorded in X-Request-Reset. */
  reset: number;
  limited: boolean;
}

/** Counts authenticated API requests per window. Without an enforced limit it only feeds the headers. */
export class RateLimiter {
  static readonly DEFAULT_LIMIT = 2500;
  private limit = RateLimiter.DEFAULT_LIMIT;
  private windowMs = 60_000;
  private enforce = false;
  private windowStart = 0;
  private count = 0;

  configure(opts: RateLimitOptions | null): void {
    this.limit = opts?.limit ?? RateLimiter.DEFAULT_LIMIT;
    this.windowMs = opts?.windowMs ?? 60_000;
    this.enforce = opts !== null;
    this.windowStart = 0;
    this.count = 0;
  }

  hit(now: number): RateState {
    if (now >= this.windowStart + this.windowMs) {
      this.windowStart = now;
      this.count = 0;
    }
    this.count++;
    const limited = this.enforce && this.count > this.limit;
    return { limit: this.limit, remaining: Math.max(0, this.limit - this.count), reset: this.windowStart + this.windowMs, limited };
  }
}
