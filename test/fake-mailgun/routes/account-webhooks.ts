// Account-level webhooks /v1/webhooks, configured per region (mailgun-api.md §5).
import { rfc3339 } from '../dates';
import { description, fieldValue, json, message, noContent, type Reply } from '../http';
import type { Ctx, Router } from '../router';
import { type AccountWebhook, type EventType, isEventType, newObjectId, type RegionState } from '../state';
import { isValidWebhookUrl, MAX_URLS_PER_EVENT } from './domain-webhooks';

const ID_RE = /^[0-9a-f]{24}$/;

function parseInput(ctx: Ctx): { url: string; types: EventType[]; description: string } | Reply {
  const url = (ctx.body.form.get('url') ?? '').trim();
  if (!url || !isValidWebhookUrl(url)) return fieldValue(400, 'url', 'missing or invalid url parameter');
  const types = ctx.body.form.all('event_types').flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  if (types.length === 0) return fieldValue(400, 'event_types', 'missing or invalid event_types parameter');
  const bad = types.find((t) => !isEventType(t));
  if (bad) return description(404, `event_type '${bad}' is invalid`);
  const dup = types.find((t, i) => types.indexOf(t) !== i);
  if (dup) return fieldValue(400, 'event_types', `duplicate event types: '${dup}'`);
  return { url, types: types as EventType[], description: ctx.body.form.get('description') ?? '' };
}

/** The per-event-type limits shared by create and update (`self` is the webhook being replaced). */
function conflict(region: RegionState, url: string, types: EventType[], self?: string): Reply | undefined {
  for (const t of types) {
    const others = [...region.accountWebhooks.values()].filter((w) => w.webhook_id !== self && w.event_types.includes(t));
    if (others.some((w) => w.url === url)) return description(409, `url ${url} already exists for event type ${t}`);
    if (others.length >= MAX_URLS_PER_EVENT) return description(409, `unable to add more than ${MAX_URLS_PER_EVENT} urls for event type ${t}`);
  }
  return undefined;
}

function ids(raw: string): string[] | undefined {
  const parts = raw.split(',').map((s) => s.trim());
  return parts.some((p) => p === '') ? undefined : parts;
}

function list({ region, query }: Ctx): Reply {
  const wanted = query.get('webhook_ids') ? ids(query.get('webhook_ids')!) : undefined;
  if (query.get('webhook_ids') && !wanted) return message(400, 'Invalid parameter: webhook_ids malformed webhook_ids parameter: empty values not allowed');
  const hooks = [...region.accountWebhooks.values()].filter((w) => !wanted || wanted.includes(w.webhook_id));
  return json(200, { webhooks: hooks });
}

function create(ctx: Ctx): Reply {
  const input = parseInput(ctx);
  if ('status' in input) return input;
  const error = conflict(ctx.region, input.url, input.types);
  if (error) return error;
  const hook: AccountWebhook = {
    webhook_id: newObjectId(ctx.world),
    description: input.description,
    url: input.url,
    event_types: input.types,
    created_at: rfc3339(ctx.world.now()),
  };
  ctx.region.accountWebhooks.set(hook.webhook_id, hook);
  return json(200, { webhook_id: hook.webhook_id });
}

function get({ region, params }: Ctx): Reply {
  const hook = region.accountWebhooks.get(params.id);
  return hook ? json(200, hook) : description(404, 'webhook not found');
}

function update(ctx: Ctx): Reply {
  const id = ctx.params.id;
  if (!ID_RE.test(id)) return fieldValue(400, 'webhook_id', 'is not valid');
  const hook = ctx.region.accountWebhooks.get(id);
  if (!hook) return description(404, `webhook_id not found: ${id}`);
  const input = parseInput(ctx);
  if ('status' in input) return input;
  const error = conflict(ctx.region, input.url, input.types, id);
  if (error) return error;
  Object.assign(hook, { url: input.url, event_types: input.types, description: input.description });
  return noContent();
}

function removeOne({ region, params }: Ctx): Reply {
  if (!ID_RE.test(params.id)) return fieldValue(400, 'webhook_id', 'is not valid');
  if (!region.accountWebhooks.delete(params.id)) return description(404, `webhook_id not found: ${params.id}`);
  return noContent();
}

function removeMany({ region, query }: Ctx): Reply {
  const raw = query.get('webhook_ids');
  if (raw !== null) {
    const wanted = ids(raw);
    if (!wanted) return message(400, 'Invalid parameter: webhook_ids malformed webhook_ids parameter: empty values not allowed');
    const missing = wanted.find((id) => !region.accountWebhooks.has(id));
    if (missing) return description(404, `webhook_id not found: ${missing}`);
    wanted.forEach((id) => region.accountWebhooks.delete(id));
    return noContent();
  }
  if (query.get('all') === 'true') {
    if (region.accountWebhooks.size === 0) return description(404, 'no webhooks found for account');
    region.accountWebhooks.clear();
    return noContent();
  }
  return message(400, 'Invalid parameter: either webhook_ids or all=true is required');
}

export function register(router: Router): void {
  router.add('GET', '/v1/webhooks', list);
  router.add('POST', '/v1/webhooks', create);
  router.add('DELETE', '/v1/webhooks', removeMany);
  router.add('GET', '/v1/webhooks/:id', get);
  router.add('PUT', '/v1/webhooks/:id', update);
  router.add('DELETE', '/v1/webhooks/:id', removeOne);
}
