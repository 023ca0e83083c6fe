import * as z from 'zod';
import { boolish, form, list, messageResponse, openEnum, stringish, type MessageResponse } from './schema-helpers';
import { path, type Transport } from './transport';
import type { CallOptions } from './types';

export const DOMAIN_STATES = ['active', 'unverified', 'disabled'] as const;

export const dnsRecordSchema = z.looseObject({
  record_type: openEnum(['TXT', 'MX', 'CNAME', 'A'] as const),
  name: z.string().optional(),
  value: z.string().optional(),
  priority: stringish.optional(),
  valid: openEnum(['valid', 'unknown', 'invalid'] as const).optional(),
  is_active: z.boolean().optional(),
  cached: z.array(z.string()).nullish(),
});
export type DnsRecord = z.output<typeof dnsRecordSchema>;

export const domainSchema = z.looseObject({
  name: z.string(),
  state: openEnum(DOMAIN_STATES),
  type: openEnum(['custom', 'sandbox'] as const),
  id: z.string().optional(),
  created_at: z.string().optional(),
  is_disabled: z.boolean().optional(),
  disabled: z.looseObject({}).nullish(),
  smtp_login: z.string().optional(),
  spam_action: openEnum(['disabled', 'block', 'tag'] as const).optional(),
  require_tls: boolish.optional(),
  skip_verification: boolish.optional(),
  use_automatic_sender_security: boolish.optional(),
  web_prefix: z.string().optional(),
  web_scheme: openEnum(['http', 'https'] as const).optional(),
  wildcard: boolish.optional(),
  tracking_host: z.string().optional(),
  subaccount_id: z.string().optional(),
});
export type Domain = z.output<typeof domainSchema>;

export const domainListSchema = z.looseObject({
  total_count: z.number().int().nonnegative(),
  items: list(domainSchema),
});

export const domainDetailSchema = z.looseObject({
  message: z.string().optional(),
  domain: domainSchema,
  receiving_dns_records: list(dnsRecordSchema),
  sending_dns_records: list(dnsRecordSchema),
});
export type DomainDetail = z.output<typeof domainDetailSchema>;

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
      schema: domainListSchema,
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
      t.request({ method: 'GET', path: path`v4/domains/${name}`, schema: domainDetailSchema, domain: name, signal: opts.signal }),
    create: (input: CreateDomainInput, opts: CallOptions = {}): Promise<DomainDetail> =>
      t.request({ method: 'POST', path: 'v4/domains', body: { form: form({ ...input }) }, schema: domainDetailSchema, signal: opts.signal }),
    update: (name: string, input: UpdateDomainInput, opts: CallOptions = {}): Promise<DomainDetail> =>
      t.request({ method: 'PUT', path: path`v4/domains/${name}`, body: { form: form({ ...input }) }, schema: domainDetailSchema, domain: name, signal: opts.signal }),
    /** Starts Mailgun's asynchronous DNS check; poll `get` for the result. */
    verify: (name: string, opts: CallOptions = {}): Promise<DomainDetail> =>
      t.request({ method: 'PUT', path: path`v4/domains/${name}/verify`, schema: domainDetailSchema, domain: name, signal: opts.signal }),
    /** Deletion happens in the background; the domain may still be listed for a while. */
    delete: (name: string, opts: CallOptions = {}): Promise<MessageResponse> =>
      t.request({ method: 'DELETE', path: path`v3/domains/${name}`, schema: messageResponse, domain: name, signal: opts.signal }),
  };
}

export type DomainsApi = ReturnType<typeof domainsApi>;
