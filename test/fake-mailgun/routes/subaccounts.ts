// Subaccounts: GET/POST /v5/accounts/subaccounts, GET …/{id}, POST …/{id}/disable|enable (mailgun-api.md §1.7;
// SPEC tag Subaccounts). Each subaccount has its own data per region, reached with X-Mailgun-On-Behalf-Of.
import { rfc1123 } from '../dates';
import { json, message, type Reply } from '../http';
import type { Ctx, Router } from '../router';
import { newSigningKey } from './signing-key';
import { newObjectId, newRegion, type Subaccount, type World } from '../state';

const subaccountJson = (s: Subaccount) => ({ id: s.id, name: s.name, status: s.status, created_at: s.created_at, updated_at: s.updated_at });

export function addSubaccount(world: World, name: string, o: { id?: string; status?: Subaccount['status']; createdAt?: number } = {}): Subaccount {
  const id = o.id ?? newObjectId(world);
  const status = o.status ?? 'open';
  const createdAt = o.createdAt ?? world.now();
  const at = rfc1123(createdAt);
  const sub: Subaccount = { id, name, status, created_at: at, updated_at: at, signingKey: newSigningKey(), us: newRegion('us', id), eu: newRegion('eu', id) };
  world.subaccounts.set(id, sub);
  return sub;
}

/** A subaccount cannot manage subaccounts (not recorded; the SPEC's generic 403). */
const fromSubaccount = (ctx: Ctx): Reply | undefined => (ctx.subaccount ? message(403, 'Forbidden') : undefined);

function list(ctx: Ctx): Reply {
  const refused = fromSubaccount(ctx);
  if (refused) return refused;
  const { query, world } = ctx;
  const limit = Math.min(Math.max(Math.floor(Number(query.get('limit') ?? 10)) || 10, 1), 1000);
  const skip = Math.max(Math.floor(Number(query.get('skip') ?? 0)) || 0, 0);
  const filter = (query.get('filter') ?? '').toLowerCase();
  const enabled = query.get('enabled');
  let subs = [...world.subaccounts.values()];
  if (filter) subs = subs.filter((s) => s.name.toLowerCase().includes(filter));
  if (enabled === 'true') subs = subs.filter((s) => s.status === 'open');
  if (enabled === 'false') subs = subs.filter((s) => s.status === 'disabled');
  const sort = query.get('sort');
  if (sort === 'asc' || sort === 'desc') subs.sort((a, b) => a.name.localeCompare(b.name) * (sort === 'desc' ? -1 : 1));
  return json(200, { subaccounts: subs.slice(skip, skip + limit).map(subaccountJson), total: subs.length });
}

function create(ctx: Ctx): Reply {
  const refused = fromSubaccount(ctx);
  if (refused) return refused;
  const name = (ctx.query.get('name') ?? ctx.body.form.get('name') ?? '').trim();
  if (!name) return message(400, 'Bad request');
  return json(200, { subaccount: subaccountJson(addSubaccount(ctx.world, name)) });
}

function get(ctx: Ctx): Reply {
  const refused = fromSubaccount(ctx);
  if (refused) return refused;
  const sub = ctx.world.subaccounts.get(ctx.params.id);
  return sub ? json(200, { subaccount: subaccountJson(sub) }) : message(404, 'Not Found');
}

function setStatus(status: Subaccount['status']) {
  return (ctx: Ctx): Reply => {
    const refused = fromSubaccount(ctx);
    if (refused) return refused;
    const sub = ctx.world.subaccounts.get(ctx.params.id);
    if (!sub) return message(404, 'Not Found');
    if (status === 'disabled' && sub.status === 'disabled') return message(400, 'subaccount is already disabled');
    sub.status = status;
    sub.updated_at = rfc1123(ctx.world.now());
    return json(200, { subaccount: subaccountJson(sub) });
  };
}

export function register(router: Router): void {
  router.add('GET', '/v5/accounts/subaccounts', list);
  router.add('POST', '/v5/accounts/subaccounts', create);
  router.add('GET', '/v5/accounts/subaccounts/:id', get);
  router.add('POST', '/v5/accounts/subaccounts/:id/disable', setStatus('disabled'));
  router.add('POST', '/v5/accounts/subaccounts/:id/enable', setStatus('open'));
}
