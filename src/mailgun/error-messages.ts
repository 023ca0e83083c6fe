import { MailgunError, type MailgunErrorKind } from './errors';
import { otherRegion, regionLabel, type Region } from './regions';
import * as l10n from './l10n';

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
  return serverMessage ? ` ${l10n.t('Mailgun said: "{0}".', serverMessage.replace(/[.\s]+$/, ''))}` : '';
}

function inRegion(ctx: RequestContext): string {
  return ctx.region ? ` ${l10n.t('in the {0} region', regionLabel(ctx.region))}` : '';
}

function seconds(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  if (s < 90) return s === 1 ? l10n.t('1 second') : l10n.t('{0} seconds', s);
  const m = Math.ceil(s / 60);
  return m === 1 ? l10n.t('1 minute') : l10n.t('{0} minutes', m);
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
        return l10n.t('Mailgun refused access to {0}{1} (401). If the domain is in the {2} region, open it there; otherwise check that the API key is correct and still active.', ctx.domain ?? '', inRegion(ctx), other);
      }
      return l10n.t('Mailgun rejected the API key{0} (401). Check that the key is correct and has not been deleted or disabled, then enter it again.', inRegion(ctx));
    case 'forbidden':
      if (status === 402) {
        return l10n.t('Your Mailgun plan does not allow this (402).{0} Upgrade the plan in the Mailgun control panel to use it.', said(serverMessage));
      }
      if (ctx.onBehalfOf) {
        return l10n.t('Mailgun refused to act for subaccount {0} (403).{1} A disabled subaccount has its API access suspended: enable it with "Mailgun: Enable Subaccount", or check that it still belongs to this account.', ctx.onBehalfOf, said(serverMessage));
      }
      return l10n.t('This API key is not allowed to do that (403).{0} Use a key with the Admin or Developer role; domain sending keys can only send mail.', said(serverMessage));
    case 'notFound': {
      if (f.html) {
        return l10n.t("The server at {0} answered {1} {2} with a web page (404) instead of Mailgun's API. Check the API base URL: it must be the host only, such as https://api.mailgun.net/.", ctx.host, ctx.method, ctx.path);
      }
      if (suggestsOtherRegion(kind, f, ctx) && other) {
        return l10n.t('Mailgun has no domain {0}{1} (404).{2} Check the name, or look for it in the {3} region.', ctx.domain ?? '', inRegion(ctx), said(serverMessage), other);
      }
      return l10n.t('Mailgun could not find what was asked for (404).{0} It may have been deleted already; refresh and try again.', said(serverMessage));
    }
    case 'validation':
      if (status === 413) return l10n.t('The request was too large for Mailgun (413).{0} Send fewer entries or a smaller file at a time.', said(serverMessage));
      return l10n.t('Mailgun refused the request ({0}).{1} Correct the value and try again.', status, said(serverMessage));
    case 'conflict':
      if (status === 429) {
        return l10n.t('Mailgun is already generating this certificate (429).{0} Check its status again in a few minutes.', said(serverMessage));
      }
      return l10n.t('Mailgun reported a conflict ({0}).{1} Refresh to see the current state before trying again.', status, said(serverMessage));
    case 'rateLimited': {
      if (f.retryAfterMs === undefined) return l10n.t('Mailgun is limiting how fast requests can be made (429).{0} Wait a minute and try again.', said(serverMessage));
      const until = retryAt(f)!.toTimeString().slice(0, 8);
      return l10n.t('Mailgun is rate limiting this API key until {0} (local time, in about {1}).{2} Try again then.', until, seconds(f.retryAfterMs), said(serverMessage));
    }
    case 'server':
      return l10n.t('Mailgun had a server error ({0}).{1} Try again in a few minutes; if it keeps happening, check https://status.mailgun.com.', status, said(serverMessage));
    case 'timeout':
      return l10n.t('Mailgun timed out handling the request ({0}). Try again in a moment.', status);
    default:
      return l10n.t('Mailgun answered {0}.{1}', status, said(serverMessage));
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
  return base(ctx, 'network', l10n.t('Could not reach Mailgun at {0}{1}. Check the internet connection and proxy settings, then try again.', ctx.host, why));
}

export function timeoutError(ctx: RequestContext, afterMs: number, total: boolean): MailgunError {
  const what = total ? l10n.t('in time, even after retrying') : l10n.t('within {0}', seconds(afterMs));
  return base(ctx, 'timeout', l10n.t('Mailgun did not answer {0} ({1} {2}). Check the connection and try again, or raise the request timeout.', what, ctx.method, ctx.path));
}

export function cancelledError(ctx: RequestContext): MailgunError {
  return base(ctx, 'cancelled', l10n.t('The request to Mailgun was cancelled ({0} {1}).', ctx.method, ctx.path));
}

export function malformedError(ctx: RequestContext, status: number, problem: string, detail?: string): MailgunError {
  return base(ctx, 'malformedResponse', l10n.t('Mailgun sent a response the extension does not understand ({0} {1}: {2}). Try again; if it keeps happening, check the API base URL and report it with the log.', ctx.method, ctx.path, problem), { status, detail });
}

export function wrongUrlError(ctx: RequestContext, status: number, serverMessage: string): MailgunError {
  return base(ctx, 'malformedResponse', l10n.t('Mailgun did not recognise the address {0} {1} and answered "{2}". Check the API base URL: it must be the host only, such as https://api.mailgun.net/, without /v3.', ctx.method, ctx.path, serverMessage), { status, serverMessage });
}

export function redirectError(ctx: RequestContext, status: number, location: string | undefined): MailgunError {
  const to = location ? ` ${l10n.t('to {0}', location)}` : '';
  return base(ctx, 'malformedResponse', l10n.t('Mailgun answered with a redirect{0} ({1}), which the extension does not follow so that the API key is never sent elsewhere. Check the API base URL.', to, status), { status });
}
