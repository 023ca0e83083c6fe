import * as z from 'zod/mini';
import { lazySchemas, list, looseObject } from './schema-helpers';
import { path, type Transport } from './transport';
import type { CallOptions } from './types';

function buildSchemas() {
  const subaccount = looseObject({
    id: z.string(),
    name: z.string(),
    /** `open` or `disabled`; other values are kept as they are. */
    status: z.string(),
    created_at: z.optional(z.string()),
    updated_at: z.optional(z.string()),
  });
  return {
    subaccount,
    listResponse: looseObject({ subaccounts: list(subaccount), total: z.optional(z.number()) }),
    single: z.pipe(looseObject({ subaccount }), z.transform((r) => r.subaccount)),
  };
}
export const subaccountSchemas = /* @__PURE__ */ lazySchemas(buildSchemas);
export type Subaccount = z.output<ReturnType<typeof buildSchemas>['subaccount']>;

export interface SubaccountPage {
  items: Subaccount[];
  /** How many subaccounts match in all. */
  total: number;
}

/** Mailgun's largest page of subaccounts. */
export const MAX_SUBACCOUNT_PAGE = 1000;

/** A parent account's subaccounts (/v5/accounts/subaccounts): account-wide, the same on both hosts. */
export function subaccountsApi(t: Transport) {
  const page = async (query: { skip?: number; limit?: number; filter?: string } = {}, opts: CallOptions = {}): Promise<SubaccountPage> => {
    const r = await t.request({
      method: 'GET',
      path: 'v5/accounts/subaccounts',
      query: { skip: query.skip, limit: query.limit, filter: query.filter },
      schema: subaccountSchemas().listResponse,
      signal: opts.signal,
    });
    return { items: r.subaccounts, total: r.total ?? r.subaccounts.length };
  };
  const setStatus = (id: string, action: 'enable' | 'disable', opts: CallOptions) =>
    t.request({ method: 'POST', path: path`v5/accounts/subaccounts/${id}/${action}`, schema: subaccountSchemas().single, signal: opts.signal });
  return {
    list: page,
    /** Every subaccount, a page of 1000 at a time (skip/limit paging). */
    listAll: async (opts: CallOptions = {}): Promise<SubaccountPage> => {
      const items: Subaccount[] = [];
      for (;;) {
        const p = await page({ skip: items.length, limit: MAX_SUBACCOUNT_PAGE }, opts);
        items.push(...p.items);
        if (p.items.length < MAX_SUBACCOUNT_PAGE || items.length >= p.total) return { items, total: p.total };
      }
    },
    get: (id: string, opts: CallOptions = {}): Promise<Subaccount> =>
      t.request({ method: 'GET', path: path`v5/accounts/subaccounts/${id}`, schema: subaccountSchemas().single, signal: opts.signal }),
    /** The name travels as a query parameter, as the SPEC documents. */
    create: (name: string, opts: CallOptions = {}): Promise<Subaccount> =>
      t.request({ method: 'POST', path: 'v5/accounts/subaccounts', query: { name }, schema: subaccountSchemas().single, signal: opts.signal }),
    enable: (id: string, opts: CallOptions = {}): Promise<Subaccount> => setStatus(id, 'enable', opts),
    /** Suspends the subaccount's API access (its sending and its data stay). */
    disable: (id: string, opts: CallOptions = {}): Promise<Subaccount> => setStatus(id, 'disable', opts),
  };
}

export type SubaccountsApi = ReturnType<typeof subaccountsApi>;
