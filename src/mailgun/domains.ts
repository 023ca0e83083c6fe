import * as z from 'zod/mini';
import { boolish, form, lazySchemas, list, messageResponse, openEnum, stringish, type MessageResponse, looseObject } from './schema-helpers';
import { path, type Transport } from './transport';
import type { CallOptions } from './types';

export const DOMAIN_STATES = ['active', 'unverified', 'disabled'] as const;

function buildSchemas() {
  const dnsRecord = looseObject({
    record_type: openEnum(['TXT', 'MX', 'CNAME', 'A'] as const),
    name: z.optional(z.string()),
    value: z.optional(z.string()),
    priority: z.optional(stringish()),
    valid: z.optional(openEnum(['valid', 'unknown', 'invalid'] as const)),
    is_active: z.optional(z.boolean()),
    cached: z.nullish(z.array(z.string())),
  });
  const domain = looseObject({
    name: z.string(),
    state: openEnum(DOMAIN_STATES),
    type: openEnum(['custom', 'sandbox'] as const),
    id: z.optional(z.string()),
    created_at: z.optional(z.string()),
    is_disabled: z.optional(z.boolean()),
    disabled: z.nullish(looseObject({})),
    smtp_login: z.optional(z.string()),
    spam_action: z.optional(openEnum(['disabled', 'block', 'tag'] as const)),
    require_tls: z.optional(boolish()),
    skip_verification: z.optional(boolish()),
    use_automatic_sender_security: z.optional(boolish()),
    web_prefix: z.optional(z.string()),
    web_scheme: z.optional(openEnum(['http', 'https'] as const)),
    wildcard: z.optional(boolish()),
    tracking_host: z.optional(z.string()),
    subaccount_id: z.optional(z.string()),
  });
  const domainList = looseObject({
    total_count: z.int().check(z.nonnegative()),
    items: list(domain),
  });
  const domainDetail = looseObject({
    message: z.optional(z.string()),
    domain,
    receiving_dns_records: list(dnsRecord),
    sending_dns_records: list(dnsRecord),
  });
  return { dnsRecord, domain, domainList, domainDetail };
}
type Schemas = ReturnType<typeof buildSchemas>;
export const domainSchemas = /* @__PURE__ */ lazySchemas(buildSchemas);
export type DnsRecord = z.output<Schemas['dnsRecord']>;
export type Domain = z.output<Schemas['domain']>;
export type DomainDetail = z.output<Schemas['domainDetail']>;

export interface DomainPageQuery {
  skip?: number;
  /** Page size, at most 1000. Default 100. */
  limit?: number;
  /** Part of a domain name (no wildcards). */
  search?: string;
  state?: (typeof DOMAIN_STATES)[number];
  sort?: 'name' | 'name:asc' | 'name:desc';
  include_subaccounts?: boolean;
}

export interface DomainPage {
  items: Domain[];
  /** All domains matching the query, for "n of total" and the skip of the next page. */
  totalCount: number;
}

export interface CreateDomainInput {
  name: string;
  smtp_password?: string;
  spam_action?: 'disabled' | 'block' | 'tag';
  wildcard?: boolean;
  force_dkim_authority?: boolean;
  dkim_key_size?: 1024 | 2048;
  dkim_selector?: string;
  ips?: string;
  pool_id?: string;
  web_scheme?: 'http' | 'https';
  web_prefix?: string;
  require_tls?: boolean;
  skip_verification?: boolean;
  use_automatic_sender_security?: boolean;
}

export interface UpdateDomainInput {
  spam_action?: 'disabled' | 'block' | 'tag';
  web_scheme?: 'http' | 'https';
  web_prefix?: string;
  wildcard?: boolean;
  mailfrom_host?: string;
  smtp_password?: string;
  require_tls?: boolean;
  skip_verification?: boolean;
  use_automatic_sender_security?: boolean;
}

export function domainsApi(t: Transport) {
  async function list(query: DomainPageQuery = {}, opts: CallOptions = {}): Promise<DomainPage> {
    const res = await t.request({
      method: 'GET',
      path: 'v4/domains',
      query: { skip: query.skip, limit: query.limit, search: query.search, state: query.state, sort: query.sort, include_subaccounts: query.include_subaccounts },
      schema: domainSchemas().domainList,
      signal: opts.signal,
    });
    return { items: res.items, totalCount: res.total_count };
  }

  /** Every domain, one page at a time: skip advances by what came back; stops on an empty page or at total_count. */
  async function* iterate(query: Omit<DomainPageQuery, 'skip'> = {}, opts: CallOptions = {}): AsyncGenerator<Domain, void, undefined> {
    let skip = 0;
    for (;;) {
      const page = await list({ ...query, skip, limit: query.limit ?? 1000 }, opts);
      if (page.items.length === 0) return;
      yield* page.items;
      skip += page.items.length;
      if (skip >= page.totalCount) return;
    }
  }

  return {
    list,
    iterate,
    /** The domain with its sending and receiving DNS records. */
    get: (name: string, opts: CallOptions = {}): Promise<DomainDetail> =>
      t.request({ method: 'GET', path: path`v4/domains/${name}`, schema: domainSchemas().domainDetail, domain: name, signal: opts.signal }),
    create: (input: CreateDomainInput, opts: CallOptions = {}): Promise<DomainDetail> =>
      t.request({ method: 'POST', path: 'v4/domains', body: { form: form({ ...input }) }, schema: domainSchemas().domainDetail, signal: opts.signal }),
    update: (name: string, input: UpdateDomainInput, opts: CallOptions = {}): Promise<DomainDetail> =>
      t.request({ method: 'PUT', path: path`v4/domains/${name}`, body: { form: form({ ...input }) }, schema: domainSchemas().domainDetail, domain: name, signal: opts.signal }),
    /** Starts Mailgun's asynchronous DNS check; poll `get` for the result. */
    verify: (name: string, opts: CallOptions = {}): Promise<DomainDetail> =>
      t.request({ method: 'PUT', path: path`v4/domains/${name}/verify`, schema: domainSchemas().domainDetail, domain: name, signal: opts.signal }),
    /** Deletion happens in the background; the domain may still be listed for a while. */
    delete: (name: string, opts: CallOptions = {}): Promise<MessageResponse> =>
      t.request({ method: 'DELETE', path: path`v3/domains/${name}`, schema: messageResponse(), domain: name, signal: opts.signal }),
  };
}

export type DomainsApi = ReturnType<typeof domainsApi>;
