// Tracking settings: GET /v3/domains/{name}/tracking and PUT …/tracking/{open,click,unsubscribe} (mailgun-api.md §3).
import { parseBool } from '../body';
import { domainNotFound, json, message, type Reply } from '../http';
import type { Ctx, Router } from '../router';
import { findDomain } from '../state';

const UPDATED = 'Domain tracking settings have been updated';

function get({ region, params }: Ctx): Reply {
  const d = findDomain(region, params.name);
  if (!d) return domainNotFound();
  const t = d.tracking;
  return json(200, { tracking: { open: t.open, click: t.click, unsubscribe: t.unsubscribe, web_scheme: d.webScheme } });
}

function click({ region, params, body }: Ctx): Reply {
  const d = findDomain(region, params.name);
  if (!d) return domainNotFound();
  const raw = body.form.get('active');
  if (raw !== undefined) {
    if (raw.trim().toLowerCase() === 'htmlonly') d.tracking.click.active = 'htmlonly';
    else {
      const v = parseBool(raw);
      if (v === 'invalid') return message(400, `Invalid value for active: ${raw}. Valid values are true, false or htmlonly`);
      if (v !== undefined) d.tracking.click.active = v;
    }
  }
  return json(200, { message: UPDATED, click: d.tracking.click });
}

function open({ region, params, body }: Ctx): Reply {
  const d = findDomain(region, params.name);
  if (!d) return domainNotFound();
  const active = parseBool(body.form.get('active'));
  const top = parseBool(body.form.get('place_at_the_top'));
  if (active === 'invalid' || top === 'invalid') return message(400, 'Invalid boolean value');
  if (active !== undefined) d.tracking.open.active = active;
  if (top !== undefined) d.tracking.open.place_at_the_top = top;
  return json(200, { message: UPDATED, open: d.tracking.open });
}

function unsubscribe({ region, params, body }: Ctx): Reply {
  const d = findDomain(region, params.name);
  if (!d) return domainNotFound();
  const active = parseBool(body.form.get('active'));
  if (active === 'invalid') return message(400, 'Invalid boolean value');
  const u = d.tracking.unsubscribe;
  if (active !== undefined) u.active = active;
  u.html_footer = body.form.get('html_footer') ?? u.html_footer;
  u.text_footer = body.form.get('text_footer') ?? u.text_footer;
  return json(200, { message: UPDATED, unsubscribe: u });
}

export function register(router: Router): void {
  router.add('GET', '/v3/domains/:name/tracking', get);
  router.add('PUT', '/v3/domains/:name/tracking/click', click);
  router.add('PUT', '/v3/domains/:name/tracking/open', open);
  router.add('PUT', '/v3/domains/:name/tracking/unsubscribe', unsubscribe);
}
