// Domains: /v4/domains (list, create, get, update, verify) and DELETE /v3/domains/{name} (mailgun-api.md §2).
import { parseBool, type Form } from '../body';
import { rfc1123 } from '../dates';
import { receivingRecords, sendingRecords } from '../dns';
import { domainNotFound, json, message, type Reply } from '../http';
import type { Ctx, Router } from '../router';
import { defaultTracking, type Domain, domainExistsAnywhere, findDomain, newLists, newObjectId, type RegionState, type World } from '../state';

export function renderedState(d: Domain): Domain['state'] {
  if (d.state === 'disabled') return 'disabled';
  return d.verifyReadsLeft !== undefined ? 'unverified' : d.state;
}

/** Field order and omissions as recorded (Go struct order, empty optional fields left out). */
export function domainJson(d: Domain): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (d.archiveTo) out.archive_to = d.archiveTo;
  Object.assign(out, {
    created_at: rfc1123(d.createdAt),
    id: d.id,
    is_disabled: d.state === 'disabled',
    name: d.name,
    require_tls: d.requireTls,
    skip_verification: d.skipVerification,
    smtp_login: `postmaster@${d.name}`,
    spam_action: d.spamAction,
    state: renderedState(d),
    type: d.type,
    use_automatic_sender_security: d.useAutomaticSenderSecurity,
    web_prefix: d.webPrefix,
    web_scheme: d.webScheme,
    wildcard: d.wildcard,
  });
  if (d.disabled) out.disabled = d.disabled;
  if (d.encryptIncomingMessage !== undefined) out.encrypt_incoming_message = d.encryptIncomingMessage;
  if (d.messageTtl !== undefined) out.message_ttl = d.messageTtl;
  return out;
}

/** A read of the domain: lets a pending verification finish after `asyncLag` reads. */
export function observe(d: Domain): void {
  if (d.verifyReadsLeft === undefined) return;
  if (d.verifyReadsLeft > 0) {
    d.verifyReadsLeft--;
    return;
  }
  d.verifyReadsLeft = undefined;
  if (d.state !== 'disabled' && d.dnsConfigured) d.state = 'active';
}

function withRecords(d: Domain, region: RegionState, head: Record<string, unknown> = {}) {
  return { ...head, domain: domainJson(d), receiving_dns_records: receivingRecords(d, region.region), sending_dns_records: sendingRecords(d, region.region) };
}

const SPAM_ACTIONS = ['disabled', 'block', 'tag'];
const NAME_RE = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Applies the settings fields shared by create and update; returns an error reply if one is invalid. */
function applySettings(d: Domain, form: Form): Reply | undefined {
  const spam = form.get('spam_action');
  if (spam !== undefined) {
    if (!SPAM_ACTIONS.includes(spam)) return message(400, `Invalid spam_action: ${spam}. Valid values are disabled, block or tag`);
    d.spamAction = spam as Domain['spamAction'];
  }
  const scheme = form.get('web_scheme');
  if (scheme !== undefined) {
    if (scheme !== 'http' && scheme !== 'https') return message(400, `Invalid web_scheme: ${scheme}. Valid values are http or https`);
    d.webScheme = scheme;
  }
  const prefix = form.get('web_prefix');
  if (prefix !== undefined && prefix !== '') {
    if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/i.test(prefix)) return message(400, `Invalid web_prefix: ${prefix}`);
    d.webPrefix = prefix.toLowerCase();
  }
  const flags = { wildcard: 'wildcard', require_tls: 'requireTls', skip_verification: 'skipVerification', use_automatic_sender_security: 'useAutomaticSenderSecurity' } as const;
  for (const [field, prop] of Object.entries(flags)) {
    const v = parseBool(form.get(field));
    if (v === 'invalid') return message(400, `Invalid boolean value for ${field}`);
    if (v !== undefined) d[prop] = v;
  }
  const password = form.get('smtp_password');
  if (password) {
    if (password.length < 5) return message(400, 'Password is too short. It must be between 5 and 32 characters.');
    if (password.length > 32) return message(400, 'Password is too long. It must be between 5 and 32 characters.');
  }
  const ttl = form.get('message_ttl');
  if (ttl !== undefined && ttl !== '') {
    if (!/^\d+$/.test(ttl)) return message(400, 'Invalid message_ttl');
    d.messageTtl = Number(ttl);
  }
  const archive = form.get('archive_to');
  if (archive !== undefined) d.archiveTo = archive || undefined;
  return undefined;
}

export function newDomain(world: World, name: string, overrides: Partial<Domain> = {}): Domain {
  return {
    id: newObjectId(world),
    name,
    createdAt: world.now(),
    type: 'custom',
    state: 'unverified',
    spamAction: 'disabled',
    requireTls: false,
    skipVerification: false,
    useAutomaticSenderSecurity: false,
    webPrefix: 'email',
    webScheme: 'http',
    wildcard: false,
    dkimSelector: 'smtp',
    dkimKeySize: 1024,
    dnsConfigured: true,
    tracking: defaultTracking(),
    webhooks: new Map(),
    lists: newLists(),
    ...overrides,
  };
}

function list({ world, region, query, subaccount }: Ctx): Reply {
  const limit = Math.min(Math.max(Number(query.get('limit') ?? 100) || 100, 1), 1000);
  const skip = Math.max(Number(query.get('skip') ?? 0) || 0, 0);
  const state = query.get('state');
  const search = (query.get('search') ?? '').toLowerCase();
  const sort = query.get('sort') ?? '';
  // include_subaccounts adds every subaccount's domains of this region, each tagged with its subaccount_id.
  const regions = [region];
  if (!subaccount && query.get('include_subaccounts') === 'true') for (const sub of world.subaccounts.values()) regions.push(sub[region.region]);
  const owner = new Map<Domain, string | undefined>();
  for (const r of regions) for (const d of r.domains.values()) if (findDomain(r, d.name, true)) owner.set(d, r.subaccountId);
  let domains = [...owner.keys()];
  domains.forEach(observe);
  if (state) domains = domains.filter((d) => renderedState(d) === state);
  if (search) domains = domains.filter((d) => d.name.includes(search));
  if (sort === 'name' || sort === 'name:asc') domains.sort((a, b) => (a.name < b.name ? -1 : 1));
  else if (sort === 'name:desc') domains.sort((a, b) => (a.name < b.name ? 1 : -1));
  else domains.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
  const items = domains.slice(skip, skip + limit).map((d) => {
    const sub = owner.get(d);
    return sub ? { ...domainJson(d), subaccount_id: sub } : domainJson(d);
  });
  return json(200, { total_count: domains.length, items });
}

function create({ world, region, body }: Ctx): Reply {
  const name = (body.form.get('name') ?? '').trim().toLowerCase();
  if (!name) return message(400, 'Missing mandatory parameter: name');
  if (!NAME_RE.test(name)) return message(400, `Invalid domain name: ${name}`);
  if (domainExistsAnywhere(world, name)) return message(400, `Domain ${name} already exists`);
  const d = newDomain(world, name);
  const error = applySettings(d, body.form);
  if (error) return error;
  const size = body.form.get('dkim_key_size');
  if (size !== undefined && size !== '1024' && size !== '2048') return message(400, 'Invalid dkim_key_size. Valid values are 1024 or 2048');
  if (size) d.dkimKeySize = Number(size) as 1024 | 2048;
  const selector = body.form.get('dkim_selector');
  if (selector) d.dkimSelector = selector;
  const encrypt = parseBool(body.form.get('encrypt_incoming_message'));
  if (encrypt === 'invalid') return message(400, 'Invalid boolean value for encrypt_incoming_message');
  if (encrypt !== undefined) d.encryptIncomingMessage = encrypt;
  region.domains.set(name, d);
  return json(200, withRecords(d, region, { message: 'Domain DNS records have been created' }));
}

function get({ region, params }: Ctx): Reply {
  const d = findDomain(region, params.name, true);
  if (!d) return domainNotFound();
  observe(d);
  return json(200, withRecords(d, region));
}

function update({ region, params, body }: Ctx): Reply {
  const d = findDomain(region, params.name);
  if (!d) return domainNotFound();
  const error = applySettings(d, body.form);
  if (error) return error;
  return json(200, withRecords(d, region, { message: 'Domain has been updated' }));
}

function verify({ world, region, params }: Ctx): Reply {
  const d = findDomain(region, params.name);
  if (!d) return domainNotFound();
  // Verification is asynchronous: the domain shows as unverified until a later read (RST api-domains.rst).
  if (d.state !== 'disabled') d.verifyReadsLeft = world.asyncLag;
  return json(200, {
    message: 'Domain DNS records have been updated',
    domain: domainJson(d),
    sending_dns_records: sendingRecords(d, region.region),
    receiving_dns_records: receivingRecords(d, region.region),
  });
}

function remove({ world, region, params }: Ctx): Reply {
  const d = findDomain(region, params.name);
  if (!d) return domainNotFound();
  if (d.type === 'sandbox') return message(400, 'Sandbox domain can not be deleted');
  if (d.state === 'disabled') return message(400, 'Disabled domain can not be deleted');
  if (d.deleteReadsLeft === undefined) d.deleteReadsLeft = world.asyncLag;
  return message(200, 'Domain will be deleted in the background');
}

export function register(router: Router): void {
  router.add('GET', '/v4/domains', list);
  router.add('POST', '/v4/domains', create);
  router.add('GET', '/v4/domains/:name', get);
  router.add('PUT', '/v4/domains/:name', update);
  router.add('PUT', '/v4/domains/:name/verify', verify);
  router.add('DELETE', '/v3/domains/:name', remove);
}
