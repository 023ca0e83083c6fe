// The fake Mailgun server's control API over HTTP, for tests that run inside the extension host.
import type { AppendedEvent, FaultSpec, SeedName } from '../fake-mailgun';
import { DEMO_API_KEY } from '../fake-mailgun/seeds/names';

export interface LoggedRequest {
  method: string;
  region: 'us' | 'eu';
  path: string;
  query: Record<string, string | string[]>;
  /** Request headers, without Authorization. */
  headers: Record<string, string | string[] | undefined>;
  /** The status sent; absent for a dropped connection. */
  status?: number;
}

function base(): string {
  const us = process.env.MAILGUN_TEST_FAKE_US;
  if (!us) throw new Error('MAILGUN_TEST_FAKE_US is not set: run the suite through npm run test:integration');
  return us;
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(new URL(`_fake/${path}`, base()), {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`fake control ${method} ${path}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

export const fake = {
  reset: (seed: SeedName = 'demo') => call('POST', 'reset', { seed }),
  addKey: (key: string, kind: 'admin' | 'sending' = 'admin') => call('POST', 'keys', { key, kind }),
  removeKey: (key: string) => call('DELETE', 'keys', { key }),
  fault: (spec: FaultSpec) => call<{ id: string }>('POST', 'faults', spec),
  clearFaults: () => call('DELETE', 'faults'),
  seedList: (options: { domain: string; list: 'bounces' | 'unsubscribes' | 'complaints' | 'whitelists'; count: number; region?: 'us' | 'eu'; prefix?: string }) =>
    call<{ size: number }>('POST', 'suppressions', options),
  /** Every record of a suppression list exactly as the fake stores it. */
  records: async (ref: { domain: string; list: 'bounces' | 'unsubscribes' | 'complaints' | 'whitelists'; region?: 'us' | 'eu'; subaccount?: string }) => {
    const q = new URLSearchParams({ domain: ref.domain, list: ref.list, ...(ref.region ? { region: ref.region } : {}), ...(ref.subaccount ? { subaccount: ref.subaccount } : {}) });
    return (await call<{ records: Record<string, unknown>[] }>('GET', `suppressions/records?${q.toString()}`)).records;
  },
  /** Stores records as given (no defaults), replacing those with the same key. */
  putRecords: (ref: { domain: string; list: 'bounces' | 'unsubscribes' | 'complaints' | 'whitelists'; region?: 'us' | 'eu' }, records: object[]) =>
    call<{ size: number }>('PUT', 'suppressions/records', { ...ref, records }),
  requests: async (filter: { method?: string; path?: string } = {}) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(filter)) if (v !== undefined) q.set(k, v);
    return (await call<{ requests: LoggedRequest[] }>('GET', `requests?${q.toString()}`)).requests;
  },
  clearRequests: () => call('DELETE', 'requests'),
  /** Adds counts to the hour of `time` of a domain's event series (what Stats, Metrics and alert hits read). */
  addEvents: (options: { domain: string; time: number | string; counts: Record<string, number>; region?: 'us' | 'eu' }) => call('POST', 'events', options),
  /** An authorized recipient of the sandbox domains, invited (`activated: false`) or having accepted (`true`). */
  putSandboxRecipient: (email: string, activated: boolean) => call<{ size: number }>('PUT', 'sandbox-recipients', { email, activated }),
  /** Appends whole message events (Logs and Events read them); returns their ids. */
  appendEvents: async (domain: string, events: AppendedEvent[], region?: 'us' | 'eu', subaccount?: string) =>
    (await call<{ ids: string[] }>('POST', 'events', { domain, events, region, subaccount })).ids,
  /** The webhook signing key of the demo account, or of one of its subaccounts, as the API answers it. */
  signingKey: async (subaccount?: string) => {
    const res = await fetch(new URL('v5/accounts/http_signing_key', base()), {
      headers: { authorization: `Basic ${Buffer.from(`api:${DEMO_API_KEY}`).toString('base64')}`, ...(subaccount ? { 'x-mailgun-on-behalf-of': subaccount } : {}) },
    });
    if (!res.ok) throw new Error(`signing key: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { http_signing_key: string }).http_signing_key;
  },
};

/** The API requests made while `during` runs (the fake's log: method, path, query; bodies are not logged). */
export async function requestsDuring(during: () => PromiseLike<unknown>): Promise<LoggedRequest[]> {
  await fake.clearRequests();
  await during();
  return fake.requests();
}

export async function requestCount(during: () => PromiseLike<unknown>): Promise<number> {
  return (await requestsDuring(during)).length;
}
