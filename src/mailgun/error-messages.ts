import { MailgunError, type MailgunErrorKind } from './errors';
import { otherRegion, regionLabel, type Region } from './regions';

/** Where a failed request went; enough to write a useful sentence. */
export interface RequestContext {
  method: string;
  path: string;
  region?: Region;
  /** Set for domain-scoped calls: the sending domain the call was about. */
  domain?: string;
  /** Host name of the base URL, for network errors. */
  host: string;
  /** The subaccount the request acted for (X-Mailgun-On-Behalf-Of). */
  onBehalfOf?: string;
}

export interface HttpFailure {
  status: number;
  serverMessage?: string;
  retryAfterMs?: number;
  /** When the answer arrived (epoch ms); default now. */
  receivedAt?: number;
  /** The error body was an HTML page rather than an API answer. */
  html?: boolean;
}

function said(serverMessage: string | undefined): string {
  return serverMessage ? ` Mailgun said: "${serverMessage.replace(/[.\s]+$/, '')}".` : '';
}

function inRegion(ctx: RequestContext): string {
  return ctx.region ? ` in the ${regionLabel(ctx.region)} region` : '';
}

function seconds(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  if (s < 90) return `${s} second${s === 1 ? '' : 's'}`;
  const m = Math.ceil(s / 60);
  return `${m} minute${m === 1 ? '' : 's'}`;
}

function isCertificatePath(path: string): boolean {
  return /(^|\/)v2\/x509\//.test(path);
}

function kindForStatus(status: number, serverMessage: string | undefined, path: string): MailgunErrorKind {
  if (status === 401) return 'auth';
  if (status === 402 || status === 403) return 'forbidden';
  // Account webhooks answer a bad event type with 404 "event_type '…' is invalid".
  if (status === 404) return serverMessage && /\b(is invalid|is not valid)\b/i.test(serverMessage) ? 'validation' : 'notFound';
  if (status === 408) return 'timeout';
  if (status === 409) return 'conflict';
  // The certificate endpoint's 429 means "a job is already in progress", not throttling.
  if (status === 429) return isCertificatePath(path) ? 'conflict' : 'rateLimited';
  if (status >= 500) return 'server';
  return 'validation';
}

function sentence(kind: MailgunErrorKind, f: HttpFailure, ctx: RequestContext): string {
  const { status, serverMessage } = f;
  const other = ctx.region ? regionLabel(otherRegion(ctx.region)) : undefined;
  switch (kind) {
    case 'auth':
      if (suggestsOtherRegion(kind, f, ctx) && other) {
        return `Mailgun refused access to ${ctx.domain}${inRegion(ctx)} (401). If the domain is in the ${other} region, open it there; otherwise check that the API key is correct and still active.`;
      }
      return `Mailgun rejected the API key${inRegion(ctx)} (401). Check that the key is correct and has not been deleted or disabled, then enter it again.`;
    case 'forbidden':
      if (status === 402) {
        return `Your Mailgun plan does not allow this (402).${said(serverMessage)} Upgrade the plan in the Mailgun control panel to use it.`;
      }
      if (ctx.onBehalfOf) {
        return `Mailgun refused to act for subaccount ${ctx.onBehalfOf} (403).${said(serverMessage)} A disabled subaccount has its API access suspended: enable it with "Mailgun: Enable Subaccount", or check that it still belongs to this account.`;
      }
      return `This API key is not allowed to do that (403).${said(serverMessage)} Use a key with the Admin or Developer role; domain sending keys can only send mail.`;
    case 'notFound': {
      if (f.html) {
        return `The server at ${ctx.host} answered ${ctx.method} ${ctx.path} with a web page (404) instead of Mailgun's API. Check the API base URL: it must be the host only, such as https://api.mailgun.net/.`;
      }
      if (suggestsOtherRegion(kind, f, ctx) && other) {
        return `Mailgun has no domain ${ctx.domain}${inRegion(ctx)} (404).${said(serverMessage)} Check the name, or look for it in the ${other} region.`;
      }
      return `Mailgun could not find what was asked for (404).${said(serverMessage)} It may have been deleted already; refresh and try again.`;
    }
    case 'validation':
      if (status === 413) return `The request was too large for Mailgun (413).${said(serverMessage)} Send fewer entries or a smaller file at a time.`;
      return `Mailgun refused the request (${status}).${said(serverMessage)} Correct the value and try again.`;
    case 'conflict':
      if (status === 429) {
        return `Mailgun is already generating this certificate (429).${said(serverMessage)} Check its status again in a few minutes.`;
      }
      return `Mailgun reported a conflict (${status}).${said(serverMessage)} Refresh to see the current state before trying again.`;
    case 'rateLimited': {
      if (f.retryAfterMs === undefined) return `Mailgun is limiting how fast requests can be made (429).${said(serverMessage)} Wait a minute and try again.`;
      const until = retryAt(f)!.toTimeString().slice(0, 8);
      return `Mailgun is rate limiting this API key until ${until} (local time, in about ${seconds(f.retryAfterMs)}).${said(serverMessage)} Try again then.`;
    }
    case 'server':
      return `Mailgun had a server error (${status}).${said(serverMessage)} Try again in a few minutes; if it keeps happening, check https://status.mailgun.com.`;
    case 'timeout':
      return `Mailgun timed out handling the request (${status}). Try again in a moment.`;
    default:
      return `Mailgun answered ${status}.${said(serverMessage)}`;
  }
}

function retryAt(f: HttpFailure): Date | undefined {
  return f.retryAfterMs === undefined ? undefined : new Date((f.receivedAt ?? Date.now()) + f.retryAfterMs);
}

export function httpError(ctx: RequestContext, given: HttpFailure): MailgunError {
  const failure = { ...given, receivedAt: given.receivedAt ?? Date.now() }; // one clock reading for the sentence and retryAt
  const kind = kindForStatus(failure.status, failure.serverMessage, ctx.path);
  return new MailgunError({
    kind,
    status: failure.status,
    serverMessage: failure.serverMessage,
    userMessage: sentence(kind, failure, ctx),
    region: ctx.region,
    method: ctx.method,
    path: ctx.path,
    domain: ctx.domain,
    otherRegion: suggestsOtherRegion(kind, failure, ctx) ? otherRegion(ctx.region!) : undefined,
    retryAfterMs: kind === 'rateLimited' ? failure.retryAfterMs : undefined,
    retryAt: kind === 'rateLimited' ? retryAt(failure) : undefined,
  });
}

function suggestsOtherRegion(kind: MailgunErrorKind, f: HttpFailure, ctx: RequestContext): boolean {
  if (!ctx.domain || !ctx.region) return false;
  if (kind === 'auth') return true;
  return kind === 'notFound' && !f.html && (!f.serverMessage || /\bdomain not found\b/i.test(f.serverMessage));
}

function base(ctx: RequestContext, kind: MailgunErrorKind, userMessage: string, extra: Partial<MailgunError> = {}): MailgunError {
  return new MailgunError({ kind, userMessage, region: ctx.region, method: ctx.method, path: ctx.path, domain: ctx.domain, ...extra });
}

export function networkError(ctx: RequestContext, reason: string | undefined): MailgunError {
  const why = reason ? ` (${reason})` : '';
  return base(ctx, 'network', `Could not reach Mailgun at ${ctx.host}${why}. Check the internet connection and proxy settings, then try again.`);
}

export function timeoutError(ctx: RequestContext, afterMs: number, total: boolean): MailgunError {
  const what = total ? 'in time, even after retrying' : `within ${seconds(afterMs)}`;
  return base(ctx, 'timeout', `Mailgun did not answer ${what} (${ctx.method} ${ctx.path}). Check the connection and try again, or raise the request timeout.`);
}

export function cancelledError(ctx: RequestContext): MailgunError {
  return base(ctx, 'cancelled', `The request to Mailgun was cancelled (${ctx.method} ${ctx.path}).`);
}

export function malformedError(ctx: RequestContext, status: number, problem: string, detail?: string): MailgunError {
  return base(ctx, 'malformedResponse', `Mailgun sent a response the extension does not understand (${ctx.method} ${ctx.path}: ${problem}). Try again; if it keeps happening, check the API base URL and report it with the log.`, { status, detail });
}

export function wrongUrlError(ctx: RequestContext, status: number, serverMessage: string): MailgunError {
  return base(ctx, 'malformedResponse', `Mailgun did not recognise the address ${ctx.method} ${ctx.path} and answered "${serverMessage}". Check the API base URL: it must be the host only, such as https://api.mailgun.net/, without /v3.`, { status, serverMessage });
}

export function redirectError(ctx: RequestContext, status: number, location: string | undefined): MailgunError {
  const to = location ? ` to ${location}` : '';
  return base(ctx, 'malformedResponse', `Mailgun answered with a redirect${to} (${status}), which the extension does not follow so that the API key is never sent elsewhere. Check the API base URL.`, { status });
}
