import * as z from 'zod/mini';
import { MailgunError } from './errors';
import { form, lazySchemas, list, messageResponse, type FormValue, type MessageResponse, looseObject } from './schema-helpers';
import { listWalk } from '../chunks/load';
import type { ListWalkStats, RawPage } from './list-walk';
import { silentLogger, type MailgunLogger } from './logger';
import { path, type Transport } from './transport';
import type { CallOptions } from './types';
import * as l10n from './l10n';

/** What differs between bounces, unsubscribes, complaints and the allowlist. */
export interface SuppressionListSpec<Item, AddInput> {
  /** Path segment under /v3/{domain}/. */
  segment: 'bounces' | 'unsubscribes' | 'complaints' | 'whitelists';
  /** Built on first use. */
  item: () => z.ZodMiniType<Item>;
  /** The value that names an entry in URLs: the address, or the allowlist value. */
  keyOf: (item: Item) => string;
  /** Fields of a single add (form-encoded). */
  toForm: (input: AddInput) => Record<string, FormValue>;
  /** One record of a JSON batch add; absent when the list has no batch endpoint. */
  toBatchRecord?: (input: AddInput) => Record<string, unknown>;
  /** Why an input can't be sent (a sentence), checked before any request; undefined when it may go. */
  validate: (input: AddInput) => string | undefined;
}

export interface SuppressionPageQuery {
  /** Page size, at most 1000. Default 100. */
  limit?: number;
  /** Address prefix filter. */
  term?: string;
  /** A `nextPageUrl` from a previous page, followed verbatim (limit and term are then ignored). */
  pageUrl?: string;
}

export interface SuppressionPage<Item> {
  items: Item[];
  /** Undefined when this page was empty or Mailgun's cursor did not move: the list has ended. */
  nextPageUrl?: string;
}

export interface AddManyResult {
  /** Entries sent; Mailgun accepted every batch. */
  added: number;
  /** Requests made (batches of at most 1000). */
  requests: number;
}

export const MAX_BATCH = 1000;
/** Requests in flight at once when a whole list is walked. */
export const DEFAULT_WALK_CONCURRENCY = 8;
/** Mailgun's limit for an import file. */
export const MAX_IMPORT_BYTES = 25 * 1024 * 1024;

const pagingSchema = /* @__PURE__ */ lazySchemas(() =>
  looseObject({
    next: z.optional(z.string()),
    previous: z.optional(z.string()),
    first: z.optional(z.string()),
    last: z.optional(z.string()),
  }),
);

export function suppressionListApi<Item, AddInput>(t: Transport, spec: SuppressionListSpec<Item, AddInput>, logger: MailgunLogger = silentLogger) {
  const pageSchema = /* @__PURE__ */ lazySchemas(() => looseObject({ items: list(spec.item()), paging: z.optional(pagingSchema()) }));
  const listPath = (domain: string) => path`v3/${domain}/` + spec.segment;
  const entryPath = (domain: string, key: string) => `${listPath(domain)}/${encodeURIComponent(key)}`;

  async function rawPage(domain: string, query: SuppressionPageQuery, signal: AbortSignal | undefined): Promise<RawPage<Item>> {
    const res = query.pageUrl
      ? await t.request({ method: 'GET', path: listPath(domain), url: query.pageUrl, schema: pageSchema(), domain, signal })
      : await t.request({ method: 'GET', path: listPath(domain), query: { limit: query.limit, term: query.term || undefined }, schema: pageSchema(), domain, signal });
    return { items: res.items, next: res.paging?.next, last: res.paging?.last };
  }

  async function page(domain: string, query: SuppressionPageQuery = {}, opts: CallOptions = {}): Promise<SuppressionPage<Item>> {
    const res = await rawPage(domain, query, opts.signal);
    const moved = res.next !== undefined && res.next !== query.pageUrl;
    return { items: res.items, nextPageUrl: res.items.length > 0 && moved ? res.next : undefined };
  }

  /**
   * Every entry, in Mailgun's (alphabetical) order, following `paging.next` verbatim. Ends on an empty page,
   * or when a cursor comes back that was already visited. The next page is fetched while the current one is
   * consumed; a long list without `term` is split at pivot addresses and walked by `concurrency` requests at
   * once (see list-walk.ts). A `term` walk stays sequential: filtered lists are the explorer's short ones, and
   * how a filter combines with a cursor at an address that is not on the list is not recorded.
   */
  async function* iterate(domain: string, query: Omit<SuppressionPageQuery, 'pageUrl'> & { concurrency?: number } = {}, opts: CallOptions & { stats?: ListWalkStats } = {}): AsyncGenerator<Item, void, undefined> {
    const limit = query.limit ?? MAX_BATCH;
    const source = {
      fetch: (pageUrl: string | undefined, signal: AbortSignal) => rawPage(domain, { limit, term: query.term, pageUrl }, signal),
      keyOf: spec.keyOf,
    };
    const concurrency = query.term ? 1 : (query.concurrency ?? DEFAULT_WALK_CONCURRENCY);
    for await (const items of listWalk().walkList(source, { limit, concurrency, signal: opts.signal, logger, what: `${spec.segment} of ${domain}` }, opts.stats)) yield* items;
  }

  /** Bad input never reaches Mailgun: it fails here, before any request, as a validation error. */
  function check(domain: string, inputs: readonly AddInput[]): void {
    for (const [i, input] of inputs.entries()) {
      const problem = spec.validate(input);
      if (problem) throw refused(listPath(domain), inputs.length > 1 ? l10n.t('Entry {0}: {1}', i + 1, problem) : problem, domain);
    }
  }

  async function add(domain: string, input: AddInput, opts: CallOptions = {}): Promise<MessageResponse> {
    check(domain, [input]);
    return t.request({ method: 'POST', path: listPath(domain), body: { form: form(spec.toForm(input)) }, schema: messageResponse(), domain, signal: opts.signal });
  }

  /** Adds in JSON batches of at most 1000 (one at a time for the allowlist, which has no batch endpoint). */
  async function addMany(domain: string, entries: Iterable<AddInput>, opts: CallOptions = {}): Promise<AddManyResult> {
    const inputs = [...entries];
    check(domain, inputs);
    const result: AddManyResult = { added: 0, requests: 0 };
    const toBatch = spec.toBatchRecord;
    if (!toBatch) {
      for (const input of inputs) {
        await add(domain, input, opts);
        result.added++;
        result.requests++;
      }
      return result;
    }
    let batch: Record<string, unknown>[] = [];
    const flush = async () => {
      await t.request({ method: 'POST', path: listPath(domain), body: { json: batch }, schema: messageResponse(), domain, signal: opts.signal });
      result.added += batch.length;
      result.requests++;
      batch = [];
    };
    for (const input of inputs) {
      batch.push(toBatch(input));
      if (batch.length === MAX_BATCH) await flush();
    }
    if (batch.length > 0) await flush();
    return result;
  }

  return {
    page,
    iterate,
    get: (domain: string, key: string, opts: CallOptions = {}): Promise<Item> =>
      t.request({ method: 'GET', path: entryPath(domain, key), schema: spec.item(), domain, signal: opts.signal }),
    /** One entry by its key (`GET /v3/{domain}/{list}/{key}`), or undefined when it is not on the list (404). */
    find: async (domain: string, key: string, opts: CallOptions = {}): Promise<Item | undefined> => {
      try {
        return await t.request({ method: 'GET', path: entryPath(domain, key), schema: spec.item(), domain, signal: opts.signal });
      } catch (error) {
        if (error instanceof MailgunError && error.status === 404) return undefined;
        throw error;
      }
    },
    add,
    addMany,
    /** Uploads a CSV file for Mailgun to process in the background (202). Headers per list: see src/csv. */
    importCsv: (domain: string, csv: string | Uint8Array | Blob, opts: CallOptions & { filename?: string } = {}): Promise<MessageResponse> => {
      const file = csv instanceof Blob ? csv : new Blob([csv as string | Uint8Array<ArrayBuffer>], { type: 'text/csv' });
      const data = new FormData();
      data.append('file', file, opts.filename ?? `${spec.segment}.csv`);
      return t.request({
        method: 'POST',
        path: `${listPath(domain)}/import`,
        body: { multipart: data },
        schema: messageResponse(),
        domain,
        timeoutMs: 300_000,
        totalTimeoutMs: 300_000,
        signal: opts.signal,
      });
    },
    delete: (domain: string, key: string, opts: CallOptions = {}): Promise<MessageResponse> =>
      t.request({ method: 'DELETE', path: entryPath(domain, key), schema: messageResponse(), domain, signal: opts.signal }),
    /** Removes every entry of this list for the domain. */
    clear: (domain: string, opts: CallOptions = {}): Promise<MessageResponse> =>
      t.request({ method: 'DELETE', path: listPath(domain), schema: messageResponse(), domain, signal: opts.signal }),
    keyOf: spec.keyOf,
  };
}

/** The error a refused input fails with: kind `validation`, no status (nothing was sent). */
export function refused(requestPath: string, problem: string, domain?: string): MailgunError {
  return new MailgunError({ kind: 'validation', userMessage: l10n.t('{0} Nothing was sent to Mailgun.', problem), method: 'POST', path: `/${requestPath}`, domain });
}

export type SuppressionListApi<Item, AddInput> = ReturnType<typeof suppressionListApi<Item, AddInput>>;
