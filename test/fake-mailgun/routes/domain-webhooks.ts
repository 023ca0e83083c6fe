// Domain webhooks: v3 keyed by event type, v4 keyed by URL, one shared map per domain (mailgun-api.md §4).
import { description, domainNotFound, fieldValue, json, message, reason, type Reply } from '../http';
import type { Ctx, Router } from '../router';
import { type Domain, EVENT_TYPES, type EventType, findDomain, isEventType } from '../state';

export const MAX_URLS_PER_EVENT = 3;

/**
 * Event types without URLs are absent, in the recorded order (accepted, delivered, opened, clicked, …). A legacy name
 * an old account still has (`bounce`, `deliver`, …) comes last, in the legacy shape: one `url` (mailgun-api.md §4.3).
 */
export function webhookMap(d: Domain): Record<string, { urls: string[] } | { url: string }> {
  const out: Record<string, { urls: string[] } | { url: string }> = {};
  for (const t of EVENT_TYPES) {
    const urls = d.webhooks.get(t);
    if (urls?.length) out[t] = { urls: [...urls] };
  }
  for (const [t, urls] of d.webhooks) if (!isEventType(t) && urls[0]) out[t] = { url: urls[0] };
  return out;
}

export function isValidWebhookUrl(u: string): boolean {
  try {
    const url = new URL(u);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

const tooMany = (t: string): Reply => reason(400, `unable to add more than ${MAX_URLS_PER_EVENT} urls for event type ${t}`);
const unique = (urls: string[]): string[] => [...new Set(urls.map((u) => u.trim()).filter(Boolean))];

function withDomain(fn: (d: Domain, ctx: Ctx) => Reply) {
  return (ctx: Ctx): Reply => {
    const d = findDomain(ctx.region, ctx.params.domain);
    return d ? fn(d, ctx) : domainNotFound();
  };
}

function v3Urls(urls: string[]): Reply | undefined {
  if (urls.length === 0) return message(400, "Missing parameter 'url'");
  const bad = urls.find((u) => !isValidWebhookUrl(u));
  if (bad) return reason(400, `${bad} is not a valid url: invalid URL scheme`);
  return undefined;
}

const v3List = withDomain((d) => json(200, { webhooks: webhookMap(d) }));

const v3Create = withDomain((d, { body }) => {
  const id = body.form.get('id');
  if (!id) return message(400, "Missing parameter 'id'");
  if (!isEventType(id)) return message(400, `Invalid parameter 'id': ${id}`);
  const urls = unique(body.form.all('url'));
  const error = v3Urls(urls);
  if (error) return error;
  if (d.webhooks.get(id)?.length) return message(400, 'Webhook already exists');
  if (urls.length > MAX_URLS_PER_EVENT) return tooMany(id);
  d.webhooks.set(id, urls);
  return json(200, { message: 'Webhook has been created', webhook: { urls } });
});

function typeParam(ctx: Ctx): EventType | undefined {
  return isEventType(ctx.params.type) ? ctx.params.type : undefined;
}

const v3Get = withDomain((d, ctx) => {
  const t = typeParam(ctx);
  const urls = t && d.webhooks.get(t);
  return urls?.length ? json(200, { webhook: { urls } }) : message(404, 'Webhook not found');
});

const v3Update = withDomain((d, ctx) => {
  const t = typeParam(ctx);
  if (!t) return message(400, `Invalid webhook type: ${ctx.params.type}`);
  const urls = unique(ctx.body.form.all('url'));
  const error = v3Urls(urls);
  if (error) return error;
  if (urls.length > MAX_URLS_PER_EVENT) return tooMany(t);
  d.webhooks.set(t, urls);
  return json(200, { message: 'Webhook has been updated', webhook: { urls } });
});

const v3Delete = withDomain((d, ctx) => {
  const t = typeParam(ctx);
  const urls = t && d.webhooks.get(t);
  if (!t || !urls?.length) return message(404, 'Webhook not found');
  d.webhooks.delete(t);
  return json(200, { message: 'Webhook has been deleted', webhook: { urls } });
});

/** Validates a v4 `url` + `event_types` form; returns the reply for the first problem. */
function v4Input(ctx: Ctx): { url: string; types: EventType[] } | Reply {
  const url = (ctx.body.form.get('url') ?? '').trim();
  if (!url) return fieldValue(400, 'url');
  if (!isValidWebhookUrl(url)) return reason(400, `invalid parameters: ${url} is not a valid url: invalid URL scheme`);
  const raw = ctx.body.form.all('event_types').flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  if (raw.length === 0) return fieldValue(400, 'event_types');
  const bad = raw.find((t) => !isEventType(t));
  if (bad) return reason(400, `invalid parameters: '${bad}' is not a valid event type`);
  return { url, types: [...new Set(raw)] as EventType[] };
}

const v4Create = withDomain((d, ctx) => {
  const input = v4Input(ctx);
  if ('status' in input) return input;
  for (const t of input.types) {
    const urls = d.webhooks.get(t) ?? [];
    if (urls.includes(input.url)) return reason(400, `Webhook for event type '${t}' with URL '${input.url}' already exists`);
    if (urls.length >= MAX_URLS_PER_EVENT) return tooMany(t);
  }
  for (const t of input.types) d.webhooks.set(t, [...(d.webhooks.get(t) ?? []), input.url]);
  return json(200, { webhooks: webhookMap(d) });
});

const v4Update = withDomain((d, ctx) => {
  const input = v4Input(ctx);
  if ('status' in input) return input;
  if (![...d.webhooks.values()].some((urls) => urls.includes(input.url))) return description(404, 'Webhook not found');
  for (const t of input.types) {
    const others = (d.webhooks.get(t) ?? []).filter((u) => u !== input.url);
    if (others.length >= MAX_URLS_PER_EVENT) return tooMany(t);
  }
  for (const [t, urls] of d.webhooks) d.webhooks.set(t, urls.filter((u) => u !== input.url));
  for (const t of input.types) d.webhooks.set(t, [...(d.webhooks.get(t) ?? []), input.url]);
  return json(200, { webhooks: webhookMap(d) });
});

const v4Delete = withDomain((d, { query }) => {
  const urls = query.getAll('url').flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  if (urls.length === 0) return fieldValue(400, 'url');
  for (const [t, list] of d.webhooks) d.webhooks.set(t, list.filter((u) => !urls.includes(u)));
  return json(200, { webhooks: webhookMap(d) });
});

export function register(router: Router): void {
  router.add('GET', '/v3/domains/:domain/webhooks', v3List);
  router.add('POST', '/v3/domains/:domain/webhooks', v3Create);
  router.add('GET', '/v3/domains/:domain/webhooks/:type', v3Get);
  router.add('PUT', '/v3/domains/:domain/webhooks/:type', v3Update);
  router.add('DELETE', '/v3/domains/:domain/webhooks/:type', v3Delete);
  router.add('POST', '/v4/domains/:domain/webhooks', v4Create);
  router.add('PUT', '/v4/domains/:domain/webhooks', v4Update);
  router.add('DELETE', '/v4/domains/:domain/webhooks', v4Delete);
}
