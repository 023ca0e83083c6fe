import * as z from 'zod/mini';
import { lazySchemas, looseObject } from './schema-helpers';
import type { Transport } from './transport';
import type { CallOptions } from './types';

const keyResponse = /* @__PURE__ */ lazySchemas(() => z.pipe(looseObject({ http_signing_key: z.string() }), z.transform((r) => r.http_signing_key)));

/** The account's webhook signing key (not the API key). */
export function signingKeyApi(t: Transport) {
  return {
    get: (opts: CallOptions = {}): Promise<string> =>
      t.request({ method: 'GET', path: 'v5/accounts/http_signing_key', schema: keyResponse(), signal: opts.signal }),
    /** Replaces the key; webhooks signed with the old one stop verifying. */
    rotate: (opts: CallOptions = {}): Promise<string> =>
      t.request({ method: 'POST', path: 'v5/accounts/http_signing_key', schema: keyResponse(), signal: opts.signal }),
  };
}
