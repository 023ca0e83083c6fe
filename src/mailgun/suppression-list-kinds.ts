import * as z from 'zod/mini';
import type { MailgunLogger } from './logger';
import { lazySchemas, messageResponse, openEnum, rfc2822, stringish, type MessageResponse, looseObject } from './schema-helpers';
import { refused, suppressionListApi, type SuppressionListSpec } from './suppression-list-api';
import { validateSuppressionInput } from './validate';
import { path, type Transport } from './transport';
import type { CallOptions } from './types';

function buildSchemas() {
  const bounce = looseObject({
    address: z.string(),
    code: z.optional(stringish()),
    error: z.optional(z.string()),
    created_at: z.optional(z.string()),
  });
  const unsubscribe = z.pipe(
    looseObject({
      address: z.string(),
      tags: z.nullish(z.array(z.string())),
      tag: z.optional(z.string()),
      created_at: z.optional(z.string()),
    }),
    z.transform(({ tag, ...rest }) => ({ ...rest, tags: rest.tags ?? (tag ? [tag] : []) })),
  );
  const complaint = looseObject({
    address: z.string(),
    created_at: z.optional(z.string()),
    count: z.optional(z.number()),
  });
  /** The allowlist says `createdAt`; it is also offered as `created_at` like the other lists. */
  const allowlistEntry = z.pipe(
    looseObject({
      value: z.string(),
      type: z.optional(openEnum(['address', 'domain'] as const)),
      reason: z.optional(z.string()),
      createdAt: z.optional(z.string()),
      created_at: z.optional(z.string()),
    }),
    z.transform((v) => ({ ...v, created_at: v.created_at ?? v.createdAt })),
  );
  return { bounce, unsubscribe, complaint, allowlistEntry };
}
type Schemas = ReturnType<typeof buildSchemas>;
export const suppressionSchemas = /* @__PURE__ */ lazySchemas(buildSchemas);
export type Bounce = z.output<Schemas['bounce']>;
export type Unsubscribe = z.output<Schemas['unsubscribe']>;
export type Complaint = z.output<Schemas['complaint']>;
export type AllowlistEntry = z.output<Schemas['allowlistEntry']>;

type When = string | Date;

export interface BounceInput {
  address: string;
  /** SMTP code, default 550. */
  code?: string | number;
  error?: string;
  created_at?: When;
}

export interface UnsubscribeInput {
  address: string;
  /** Tags unsubscribed from; default `*` (all mail). */
  tags?: readonly string[];
  created_at?: When;
}

export interface ComplaintInput {
  address: string;
  created_at?: When;
}

/** Exactly one of the two: an address, or a whole domain. */
export type AllowlistInput = { address: string; domain?: undefined } | { domain: string; address?: undefined };

const when = (v: When | undefined) => (v === undefined ? undefined : rfc2822(v));

export const bouncesSpec: SuppressionListSpec<Bounce, BounceInput> = {
  segment: 'bounces',
  item: () => suppressionSchemas().bounce,
  keyOf: (b) => b.address,
  toForm: (i) => ({ address: i.address, code: i.code === undefined ? undefined : String(i.code), error: i.error, created_at: when(i.created_at) }),
  toBatchRecord: (i) => ({ address: i.address, code: i.code === undefined ? undefined : String(i.code), error: i.error, created_at: when(i.created_at) }),
  validate: (i) => validateSuppressionInput('bounces', i),
};

export const unsubscribesSpec: SuppressionListSpec<Unsubscribe, UnsubscribeInput> = {
  segment: 'unsubscribes',
  item: () => suppressionSchemas().unsubscribe,
  keyOf: (u) => u.address,
  // A single add takes one `tag` field; a JSON batch takes a `tags` array (used for several tags).
  toForm: (i) => ({ address: i.address, tag: i.tags?.[0], created_at: when(i.created_at) }),
  toBatchRecord: (i) => batchRecord(i),
  validate: (i) => validateSuppressionInput('unsubscribes', i),
};

function batchRecord(i: UnsubscribeInput): Record<string, unknown> {
  return { address: i.address, tags: i.tags, created_at: when(i.created_at) };
}

export const complaintsSpec: SuppressionListSpec<Complaint, ComplaintInput> = {
  segment: 'complaints',
  item: () => suppressionSchemas().complaint,
  keyOf: (c) => c.address,
  toForm: (i) => ({ address: i.address, created_at: when(i.created_at) }),
  toBatchRecord: (i) => ({ address: i.address, created_at: when(i.created_at) }),
  validate: (i) => validateSuppressionInput('complaints', i),
};

export const allowlistSpec: SuppressionListSpec<AllowlistEntry, AllowlistInput> = {
  segment: 'whitelists',
  item: () => suppressionSchemas().allowlistEntry,
  keyOf: (e) => e.value,
  toForm: (i) => (i.address !== undefined ? { address: i.address } : { domain: i.domain }),
  validate: (i) => validateSuppressionInput('allowlist', i),
};

export function suppressionsApi(t: Transport, logger?: MailgunLogger) {
  const unsubscribes = suppressionListApi(t, unsubscribesSpec, logger);
  return {
    bounces: suppressionListApi(t, bouncesSpec, logger),
    unsubscribes: {
      ...unsubscribes,
      /** Several tags go through the JSON batch endpoint: the form field holds only one. */
      add: async (domain: string, input: UnsubscribeInput, opts: CallOptions = {}): Promise<MessageResponse> => {
        if ((input.tags?.length ?? 0) <= 1) return unsubscribes.add(domain, input, opts);
        const problem = unsubscribesSpec.validate(input);
        if (problem) throw refused(path`v3/${domain}/unsubscribes`, problem, domain);
        return t.request({ method: 'POST', path: path`v3/${domain}/unsubscribes`, body: { json: [batchRecord(input)] }, schema: messageResponse(), domain, signal: opts.signal });
      },
      /** Removes one tag from an unsubscribed address, leaving its other tags. */
      deleteTag: (domain: string, address: string, tag: string, opts: CallOptions = {}): Promise<MessageResponse> =>
        t.request({ method: 'DELETE', path: path`v3/${domain}/unsubscribes/${address}`, query: { tag }, schema: messageResponse(), domain, signal: opts.signal }),
    },
    complaints: suppressionListApi(t, complaintsSpec, logger),
    allowlist: suppressionListApi(t, allowlistSpec, logger),
  };
}

export type SuppressionListName = 'bounces' | 'unsubscribes' | 'complaints' | 'allowlist';
export type SuppressionsApi = ReturnType<typeof suppressionsApi>;
