import { setTimeout as delay } from 'node:timers/promises';
import type { KyInstance, Options } from 'ky';
import * as z from 'zod/mini';
import { isMagnificentApi, readErrorBody } from './error-body';
import { kyLib, requestErrors } from '../chunks/load';
import type { RequestContext } from './error-messages';
import { Deadlines } from './deadlines';
import { MailgunError } from './errors';
import { silentLogger, type MailgunLogger } from './logger';
import { createRedactor, type Redactor } from './redact';
import type { Region } from './regions';
import { storageUrlProblem } from './storage-hosts';
import { backoffMs, isRetriableStatus, isRetriableTransportFailure, serverWaitMs, type RetryPolicy } from './retry';
import * as l10n from './l10n';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type QueryValue = string | number | boolean | undefined | readonly string[];
export type Query = Record<string, QueryValue>;

/** Exactly one body encoding per request, as Mailgun expects for that endpoint. */
export type RequestBody = { form: URLSearchParams } | { json: unknown } | { multipart: FormData };

/** A classic zod or a zod/mini schema: both carry `safeParse`. */
export type ZodSchema = z.core.$ZodType & { safeParse(data: unknown): { success: true; data: unknown } | { success: false; error: z.core.$ZodError } };

export interface RequestSpec<S extends ZodSchema> {
  method: Method;
  /** Path relative to the base URL, segments already encoded (see `path` helper). */
  path: string;
  /** An absolute URL given by Mailgun (a paging link); replaces `path`. */
  url?: string;
  /**
   * With `url`: it may also be on a Mailgun message-storage host (storage-hosts.ts) and is sent there as is; any
   * other host is refused before sending. Without it, `url` is re-rooted onto the base URL.
   */
  storageUrl?: boolean;
  /** Replaces `Accept: application/json`, e.g. `message/rfc2822` for a stored message's MIME (still JSON). */
  accept?: string;
  query?: Query;
  body?: RequestBody;
  schema: S;
  /** The sending domain of a domain-scoped call, for the other-region hint. */
  domain?: string;
  /** false: never retry this call, whatever its method. */
  retry?: boolean;
  timeoutMs?: number;
  totalTimeoutMs?: number;
  signal?: AbortSignal;
  /** Turn a specific failure into a value (e.g. "no webhooks found" into an empty list). */
  recover?: (error: MailgunError) => z.output<S> | undefined;
  /**
   * A DELETE retried after a 5xx whose retry answers 404 went through the first time (its answer was lost):
   * what to return then. Default: the schema's reading of an empty answer (`{}`, or nothing for a 204).
   */
  goneAfterRetry?: () => z.output<S> | Promise<z.output<S>>;
}

export interface TransportConfig {
  apiKey: string;
  baseUrl: string;
  region?: Region;
  userAgent: string;
  onBehalfOf?: string;
  timeoutMs: number;
  totalTimeoutMs: number;
  retry: RetryPolicy;
  logger?: MailgunLogger;
}

export interface Transport {
  request<S extends ZodSchema>(spec: RequestSpec<S>): Promise<z.output<S>>;
  /** A Mailgun paging URL made safe to request: same origin as the base URL, or re-rooted onto it. */
  resolveUrl(url: string): string;
  readonly redact: Redactor;
}

/** Encodes each interpolated value as one path segment: path`v3/${domain}/bounces/${address}`. */
export function path(strings: TemplateStringsArray, ...values: string[]): string {
  return strings.reduce((out, s, i) => out + s + (i < values.length ? encodeURIComponent(values[i]) : ''), '');
}

const ATTEMPT_TIMEOUT = Symbol('attempt timeout');

/** Every transport's attempts share one timer (deadlines.ts). */
const deadlines = new Deadlines();

/** ky hands options it doesn't know to fetch: how an attempt's signal reaches our fetch. */
interface AttemptOptions {
  attemptSignal?: AbortSignal;
}

type AttemptResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; error: MailgunError; retriable: boolean; waitMs?: number; html?: boolean };

export function createTransport(config: TransportConfig): Transport {
  const logger = config.logger ?? silentLogger;
  const redact = createRedactor(config.apiKey);
  const base = new URL(config.baseUrl);
  const basePath = base.pathname;
  // Log lines name the region: the same path is requested in both.
  const regionTag = config.region ? `${config.region.toUpperCase()} ` : '';
  const headers: Record<string, string> = {
    authorization: `Basic ${Buffer.from(`api:${config.apiKey}`).toString('base64')}`,
    'user-agent': config.userAgent,
    accept: 'application/json',
  };
  if (config.onBehalfOf) headers['x-mailgun-on-behalf-of'] = config.onBehalfOf;
  // Retries, timeouts and error bodies are handled below: ky's retry cannot read Mailgun's
  // millisecond reset headers, and its errors keep the request (and so the key) on them.
  // ky is loaded on the first request, not with the extension (dist/ky.js): evaluating it probes fetch support,
  // which costs tens of milliseconds, and activation need not read it.
  // globalThis.fetch is read per call: VS Code's extension host replaces it (proxy support).
  let api: KyInstance | undefined;
  const loadKy = (): KyInstance =>
    (api ??= kyLib().ky.create({
      headers,
      retry: 0,
      timeout: false,
      throwHttpErrors: false,
      redirect: 'manual',
      fetch: (input, init) => globalThis.fetch(input, { signal: (init as AttemptOptions | undefined)?.attemptSignal }),
    }));

  function resolveUrl(url: string): string {
    const target = new URL(url, config.baseUrl);
    if (target.origin === base.origin && !target.username && !target.password && target.pathname.startsWith(basePath)) {
      return target.href;
    }
    // Never send the key to another host: keep Mailgun's path and query, on our base URL.
    return new URL(target.pathname.replace(/^\/+/, '') + target.search, config.baseUrl).href;
  }

  function queryString(query: Query | undefined): string {
    if (!query) return '';
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const v of value as readonly string[]) params.append(key, v);
      else params.append(key, String(value));
    }
    const qs = params.toString();
    return qs ? `?${qs}` : '';
  }

  function scrub(error: MailgunError): MailgunError {
    const clean = (s: string | undefined) => (s === undefined ? undefined : redact(s));
    return new MailgunError({
      kind: error.kind,
      status: error.status,
      serverMessage: clean(error.serverMessage),
      userMessage: redact(error.userMessage),
      region: error.region,
      method: error.method,
      path: redact(error.path),
      domain: clean(error.domain),
      otherRegion: error.otherRegion,
      retryAfterMs: error.retryAfterMs,
      retryAt: error.retryAt,
      detail: clean(error.detail),
    });
  }

  async function attempt<S extends ZodSchema>(spec: RequestSpec<S>, target: string, attemptMs: number, ctx: RequestContext): Promise<AttemptResult<z.output<S>>> {
    const send = loadKy(); // before the attempt's clock starts: loading ky is not the server's time
    // The attempt's time and the caller's signal stop it through this one controller and function, so the body read
    // needs no listener of its own (each listener on an AbortSignal costs more than the rest of this bookkeeping).
    const controller = new AbortController();
    const { signal } = controller;
    let stopBody: (() => void) | undefined;
    const stop = (reason: unknown): void => {
      controller.abort(reason);
      stopBody?.();
    };
    const deadline = deadlines.add(attemptMs, () => stop(ATTEMPT_TIMEOUT));
    const userSignal = spec.signal;
    const onUserAbort = () => stop(userSignal?.reason);
    userSignal?.addEventListener('abort', onUserAbort, { once: true });
    const transportRetriable = spec.retry !== false && isRetriableTransportFailure(spec.method);
    let response: Response;
    let text: string;
    try {
      // Our signal goes to fetch itself (see loadKy), not to ky: given a signal, ky joins it to its own with
      // AbortSignal.any on every call. A GET is ky's default, and each option given is merged on every call.
      const init: Options & AttemptOptions = { attemptSignal: signal };
      if (spec.method !== 'GET') init.method = spec.method;
      if (spec.accept) init.headers = { accept: spec.accept };
      const body = spec.body;
      if (body && 'json' in body) init.json = body.json;
      else if (body) init.body = 'form' in body ? body.form : body.multipart;
      response = await send(target, init);
      signal.throwIfAborted();
      text = await readBody(response, (stopRead) => (stopBody = stopRead));
    } catch (error) {
      if (userSignal?.aborted) return { ok: false, error: requestErrors().cancelledError(ctx), retriable: false };
      if (signal.aborted) return { ok: false, error: requestErrors().timeoutError(ctx, attemptMs, false), retriable: transportRetriable };
      return { ok: false, error: requestErrors().networkError(ctx, reasonOf(error)), retriable: transportRetriable };
    } finally {
      deadlines.remove(deadline);
      userSignal?.removeEventListener('abort', onUserAbort);
    }
    const { status } = response;
    if (status >= 300 && status < 400) {
      return { ok: false, error: requestErrors().redirectError(ctx, status, response.headers.get('location') ?? undefined), retriable: false };
    }
    if (status < 200 || status >= 300) {
      const body = readErrorBody(text);
      const receivedAt = Date.now();
      const waitMs = status === 429 ? serverWaitMs(response.headers, body.retrySeconds, receivedAt) : undefined;
      const error = requestErrors().httpError(ctx, { status, serverMessage: body.message, retryAfterMs: waitMs, receivedAt, html: body.html });
      const retriable = spec.retry !== false && error.kind !== 'conflict' && isRetriableStatus(spec.method, status);
      return { ok: false, error, retriable, waitMs, html: body.html };
    }
    if (isMagnificentApi(text)) return { ok: false, error: requestErrors().wrongUrlError(ctx, status, text.trim()), retriable: false };
    let json: unknown;
    if (text.trim() !== '') {
      try {
        json = JSON.parse(text);
      } catch {
        return { ok: false, error: requestErrors().malformedError(ctx, status, describeNonJson(text)), retriable: false };
      }
    }
    const parsed = spec.schema.safeParse(json);
    if (!parsed.success) {
      return { ok: false, error: requestErrors().malformedError(ctx, status, firstIssue(parsed.error), z.prettifyError(parsed.error)), retriable: false };
    }
    return { ok: true, status, data: parsed.data as z.output<S> };
  }

  async function request<S extends ZodSchema>(spec: RequestSpec<S>): Promise<z.output<S>> {
    const started = performance.now();
    const totalMs = spec.totalTimeoutMs ?? config.totalTimeoutMs;
    const deadline = started + totalMs;
    if (spec.url && spec.storageUrl) {
      const refused = storageUrlProblem(spec.url, config.baseUrl, config.region);
      if (refused) throw new MailgunError({ kind: 'validation', userMessage: redact(refused), method: spec.method, path: '(not sent)', region: config.region, domain: spec.domain });
    }
    // Absolute URLs spare ky a URL resolution per request.
    const target = spec.url ? (spec.storageUrl ? new URL(spec.url).href : resolveUrl(spec.url)) : config.baseUrl + spec.path + queryString(spec.query);
    const logPath = redact(decodePathForLog(spec.url ? new URL(target).pathname : basePath + spec.path));
    const ctx: RequestContext = { method: spec.method, path: logPath, region: config.region, domain: spec.domain, host: spec.storageUrl ? new URL(target).host : base.host, onBehalfOf: config.onBehalfOf };
    let retries = 0;
    // A DELETE answered 5xx may have been applied all the same: its retry's 404 then means "done".
    let mayHaveApplied = false;
    const what = `${regionTag}${spec.method} ${logPath}`;
    const line = (outcome: string) => `${what} → ${outcome} in ${Math.round(performance.now() - started)} ms${retries ? `, ${retries} ${retries === 1 ? 'retry' : 'retries'}` : ''}`;
    for (;;) {
      if (spec.signal?.aborted) {
        logger.debug(line('cancelled'));
        throw scrub(requestErrors().cancelledError(ctx));
      }
      const remaining = deadline - performance.now();
      if (remaining <= 0) {
        logger.warn(line('timeout'));
        throw scrub(requestErrors().timeoutError(ctx, totalMs, true));
      }
      const attemptMs = Math.min(spec.timeoutMs ?? config.timeoutMs, remaining);
      const result = await attempt(spec, target, attemptMs, ctx);
      if (result.ok) {
        // One info line per request is what Show Logs promises at the default level (README "Logs").
        logger.info(line(String(result.status)));
        return result.data;
      }
      const { error } = result;
      const outcome = error.status === undefined ? error.kind : `${error.status} ${error.kind}`;
      if (mayHaveApplied && error.status === 404 && error.kind === 'notFound' && !result.html) {
        const gone = goneValue(spec);
        if (gone) {
          logger.info(line('404 on the retry: the first attempt went through'));
          return gone.value;
        }
      }
      if (result.retriable && retries < config.retry.limit) {
        const wait = result.waitMs ?? backoffMs(config.retry, retries + 1);
        // The server's own wait is never cut short: longer than the cap or the deadline allows, fail now.
        if (wait <= config.retry.maxDelayMs && performance.now() + wait < deadline) {
          retries++;
          if (spec.method === 'DELETE' && error.kind === 'server') mayHaveApplied = true;
          const asked = result.waitMs === undefined ? '' : ', as Mailgun asked';
          logger.trace?.(`${what} → ${outcome}; retry ${retries} in ${Math.round(wait)} ms${asked}`);
          try {
            await delay(wait, undefined, { signal: spec.signal });
          } catch {
            logger.debug(line('cancelled'));
            throw scrub(requestErrors().cancelledError(ctx));
          }
          continue;
        }
      }
      const recovered = spec.recover?.(error);
      if (recovered !== undefined) {
        logger.info(line(`${outcome} (expected)`));
        return recovered;
      }
      if (error.kind === 'cancelled') logger.debug(line(outcome));
      else if (result.retriable && result.waitMs !== undefined && retries < config.retry.limit) {
        logger.warn(line(`${outcome} (Mailgun asks to wait ${Math.round(result.waitMs / 1000)} s, more than this call may wait)`));
      } else logger.warn(line(outcome));
      throw scrub(error);
    }
  }

  return { request, resolveUrl, redact };
}

/** What a DELETE whose first attempt went through returns, or nothing if the call gives no such value. */
function goneValue<S extends ZodSchema>(spec: RequestSpec<S>): { value: z.output<S> | Promise<z.output<S>> } | undefined {
  if (spec.method !== 'DELETE') return undefined;
  if (spec.goneAfterRetry) return { value: spec.goneAfterRetry() };
  for (const empty of [{}, undefined]) {
    const parsed = spec.schema.safeParse(empty);
    if (parsed.success) return { value: parsed.data as z.output<S> };
  }
  return undefined;
}

/**
 * The body as text, or a rejection as soon as the attempt is stopped (`onStop` receives the function that does it;
 * the caller reads why from its own signal).
 * Node's fetch stops a stalled body on abort, but a wrapped fetch (VS Code's extension host wraps it for proxy
 * support) was seen to keep reading until the server finished, past the attempt's timeout.
 */
function readBody(response: Response, onStop: (stop: () => void) => void): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    onStop(() => {
      void response.body?.cancel().catch(() => undefined);
      reject(new Error('the attempt was stopped'));
    });
    response.text().then(resolve, reject);
  });
}

function describeNonJson(text: string): string {
  const trimmed = text.trim();
  if (/^[[{]/.test(trimmed)) return l10n.t('the JSON body is cut off or invalid');
  const body = readErrorBody(trimmed);
  if (body.html) return l10n.t('a web page{0} instead of JSON', body.message ? ` titled "${body.message.slice(0, 80)}"` : '');
  return l10n.t('text instead of JSON: "{0}"', (body.message ?? '').slice(0, 80));
}

function decodePathForLog(pathname: string): string {
  if (!pathname.includes('%')) return pathname;
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

function reasonOf(error: unknown): string | undefined {
  // fetch failures wrap the socket error: NetworkError → TypeError('fetch failed') → { code }.
  let e: unknown = error;
  for (let depth = 0; depth < 4 && e instanceof Error; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return describeCode(code);
    e = e.cause;
  }
  return undefined;
}

function describeCode(code: string): string {
  const known: Record<string, string> = {
    ECONNREFUSED: l10n.t('connection refused'),
    ECONNRESET: l10n.t('connection reset'),
    ENOTFOUND: l10n.t('host not found'),
    EAI_AGAIN: l10n.t('DNS lookup failed'),
    ETIMEDOUT: l10n.t('connection timed out'),
    UND_ERR_SOCKET: l10n.t('connection closed unexpectedly'),
    UND_ERR_CONNECT_TIMEOUT: l10n.t('connection timed out'),
    CERT_HAS_EXPIRED: l10n.t('TLS certificate expired'),
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: l10n.t('TLS certificate not trusted'),
    SELF_SIGNED_CERT_IN_CHAIN: l10n.t('TLS certificate not trusted'),
  };
  return known[code] ?? code;
}

function firstIssue(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unexpected shape';
  const where = issue.path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : `${out}${out ? '.' : ''}${String(key)}`), '');
  return `${where || 'body'}: ${issue.message}`;
}
