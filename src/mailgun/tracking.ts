import * as z from 'zod/mini';
import { domainSchemas, type Domain, type DomainDetail } from './domains';
import { boolish, form, lazySchemas, messageResponse, openEnum, looseObject } from './schema-helpers';
import { path, type Transport } from './transport';
import type { CallOptions } from './types';

/** Click tracking is on, off, or only for HTML parts. */
export type ClickActive = boolean | 'htmlonly';

function buildSchemas() {
  const clickActive = z.pipe(
    z.union([z.boolean(), z.string()]),
    z.transform((v): ClickActive => (v === 'htmlonly' ? 'htmlonly' : typeof v === 'boolean' ? v : /^(true|yes)$/i.test(v))),
  );
  const tracking = looseObject({
    open: looseObject({ active: boolish(), place_at_the_top: z.optional(boolish()) }),
    click: looseObject({ active: clickActive }),
    unsubscribe: looseObject({ active: boolish(), html_footer: z.optional(z.string()), text_footer: z.optional(z.string()) }),
    web_scheme: z.optional(openEnum(['http', 'https'] as const)),
  });
  return {
    tracking,
    trackingResponse: looseObject({ tracking }),
    clickSet: z.extend(messageResponse(), { click: z.optional(looseObject({ active: clickActive })) }),
    openSet: z.extend(messageResponse(), { open: z.optional(looseObject({ active: boolish(), place_at_the_top: z.optional(boolish()) })) }),
    unsubscribeSet: z.extend(messageResponse(), { unsubscribe: z.optional(looseObject({ active: boolish() })) }),
    certificateStatus: looseObject({
      /** `none` when no certificate was ever requested for the host. */
      status: openEnum(['none', 'processing', 'active', 'expired', 'error'] as const),
      error: z.nullish(z.string()),
      certificate: z.nullish(z.string()),
    }),
    certificateStarted: looseObject({ message: z.optional(z.string()), location: z.optional(z.string()) }),
  };
}
type Schemas = ReturnType<typeof buildSchemas>;
export const trackingSchemas = /* @__PURE__ */ lazySchemas(buildSchemas);
export type TrackingSettings = z.output<Schemas['tracking']>;
export type CertificateStatus = z.output<Schemas['certificateStatus']>;
export type CertificateRequest = z.output<Schemas['certificateStarted']>;

/** The host the HTTPS certificate is issued for: `web_prefix` + `.` + domain name. */
export function trackingHostOf(domain: Pick<Domain, 'name' | 'web_prefix' | 'tracking_host'>): string {
  return domain.tracking_host || `${domain.web_prefix || 'email'}.${domain.name}`;
}

export function trackingApi(t: Transport) {
  const put = <S extends z.ZodMiniType>(domain: string, kind: string, fields: URLSearchParams, schema: S, opts: CallOptions) =>
    t.request({ method: 'PUT', path: path`v3/domains/${domain}/tracking/${kind}`, body: { form: fields }, schema, domain, signal: opts.signal });

  return {
    get: async (domain: string, opts: CallOptions = {}): Promise<TrackingSettings> =>
      (await t.request({ method: 'GET', path: path`v3/domains/${domain}/tracking`, schema: trackingSchemas().trackingResponse, domain, signal: opts.signal })).tracking,
    setClick: async (domain: string, active: ClickActive, opts: CallOptions = {}) =>
      (await put(domain, 'click', form({ active: active === 'htmlonly' ? 'htmlonly' : active }, 'yes/no'), trackingSchemas().clickSet, opts)),
    setOpen: async (domain: string, settings: { active: boolean; place_at_the_top?: boolean }, opts: CallOptions = {}) =>
      put(domain, 'open', form(settings, 'yes/no'), trackingSchemas().openSet, opts),
    setUnsubscribe: async (domain: string, settings: { active: boolean; html_footer?: string; text_footer?: string }, opts: CallOptions = {}) =>
      put(domain, 'unsubscribe', form(settings, 'yes/no'), trackingSchemas().unsubscribeSet, opts),
    /** HTTPS tracking links: the domain's `web_scheme`. Needs an active certificate to work. */
    setHttps: (domain: string, enabled: boolean, opts: CallOptions = {}): Promise<DomainDetail> =>
      t.request({ method: 'PUT', path: path`v4/domains/${domain}`, body: { form: form({ web_scheme: enabled ? 'https' : 'http' }) }, schema: domainSchemas().domainDetail, domain, signal: opts.signal }),
    certificateStatus: (trackingHost: string, opts: CallOptions = {}): Promise<CertificateStatus> =>
      t.request({
        method: 'GET',
        path: path`v2/x509/${trackingHost}/status`,
        schema: trackingSchemas().certificateStatus,
        signal: opts.signal,
        // 404 "Please initiate x509 key pair generation …" means none was requested yet.
        recover: (e) => (e.kind === 'notFound' && /initiate/i.test(e.serverMessage ?? '') ? { status: 'none' } : undefined),
      }),
    /** Starts certificate generation (202); poll `certificateStatus`. */
    generateCertificate: (trackingHost: string, opts: CallOptions = {}): Promise<CertificateRequest> =>
      t.request({ method: 'POST', path: path`v2/x509/${trackingHost}`, schema: trackingSchemas().certificateStarted, signal: opts.signal }),
    /** Regenerates an expired certificate. Never retried: a repeat would start a second job. */
    regenerateCertificate: (trackingHost: string, opts: CallOptions = {}): Promise<CertificateRequest> =>
      t.request({ method: 'PUT', path: path`v2/x509/${trackingHost}`, schema: trackingSchemas().certificateStarted, retry: false, signal: opts.signal }),
  };
}

export type TrackingApi = ReturnType<typeof trackingApi>;
