export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  limit?: number;
  /** First backoff wait; doubles each retry, with jitter. Default 500 ms. */
  baseDelayMs?: number;
  /**
   * Longest single wait. Default 30 s. A server that asks for longer (Retry-After, reset headers) is not
   * retried sooner than asked: the call fails at once as rate limited.
   */
  maxDelayMs?: number;
}

export type RetryPolicy = Required<RetryOptions>;

export const DEFAULT_RETRY: RetryPolicy = { limit: 2, baseDelayMs: 500, maxDelayMs: 30_000 };

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

/** HTTP failures worth another attempt: throttling and server errors, for idempotent methods only. */
export function isRetriableStatus(method: string, status: number): boolean {
  return IDEMPOTENT.has(method) && (status === 429 || status >= 500);
}

/**
 * Network failures and per-attempt timeouts are retried only for GET: a PUT or DELETE may have
 * reached Mailgun before the connection broke, and repeating it could report a misleading 404.
 */
export function isRetriableTransportFailure(method: string): boolean {
  return method === 'GET' || method === 'HEAD';
}

/** Exponential backoff with "equal jitter": half fixed, half random, so a wait is never near zero. */
export function backoffMs(policy: RetryPolicy, retryNumber: number, random: () => number = Math.random): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retryNumber - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}

/**
 * How long the server asked us to wait, in ms, from (in order) Retry-After, X-Request-Reset,
 * X-RateLimit-Reset or a `retry-seconds` body field. Mailgun's reset headers are epoch
 * milliseconds (values above 1e12); epoch seconds and plain second counts are accepted too.
 */
export function serverWaitMs(headers: Headers, retrySeconds: number | undefined, now = Date.now()): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    const v = retryAfter.trim();
    if (/^\d+(\.\d+)?$/.test(v)) return Math.max(0, Number(v) * 1000);
    const at = Date.parse(v);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  for (const name of ['x-request-reset', 'x-ratelimit-reset']) {
    const raw = headers.get(name);
    if (raw === null || !/^\d+(\.\d+)?$/.test(raw.trim())) continue;
    const v = Number(raw.trim());
    if (v > 1e12) return Math.max(0, v - now);
    if (v > 1e9) return Math.max(0, v * 1000 - now);
    return v * 1000;
  }
  if (retrySeconds !== undefined) return Math.max(0, retrySeconds * 1000);
  return undefined;
}
