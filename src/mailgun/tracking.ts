import * as z from 'zod';
import { domainDetailSchema, type Domain, type DomainDetail } from './domains';
import { boolish, form, messageResponse, openEnum } from './schema-helpers';
import { path, type Transport } from './transport';
import type { CallOptions } from './types';

/** Click tracking is on, off, or only for HTML parts. */
export type ClickActive = boolean | 'htmlonly';

const clickActive = z.union([z.boolean(), z.string()]).transform((v): ClickActive => (v === 'htmlonly' ? 'htmlonly' : typeof v === 'boolean' ? v : /^(true|yes)$/i.test(v)));

export const trackingSchema = z.looseObject({
  open: z.looseObject({ active: boolish, place_at_the_top: boolish.optional() }),
  click: z.looseObject({ active: clickActive }),
  unsubscribe: z.looseObject({ active: boolish, html_footer: z.string().optional(), text_footer: z.string().optional() }),
  web_scheme: openEnum(['http', 'https'] as const).optional(),
});
export type TrackingSettings = z.output<typeof trackingSchema>;

const trackingResponse = z.looseObject({ tracking: trackingSchema });

export const certificateStatusSchema = z.looseObject({
  /** `none` when no certificate was ever requested for the host. */
  status: openEnum(['none', 'processing', 'active', 'expired', 'error'] as const),
  error: z.string().nullish(),
  certificate: z.string().nullish(),
});
export type CertificateStatus = z.output<typeof certificateStatusSchema>;

const certificateStarted = z.looseObject({ message: z.string().optional(), location: z.string().optional() });
export type CertificateRequest = z.output<typeof certificateStarted>;

/** The host the HTTPS certificate is issued for: `web_prefix` + `.` + domain name. */
export function trackingHostOf(domain: Pick<Domain, 'name' | 'web_prefix' | 'tracking_host'>): string {
  return domain.tracking_host || `${domain.web_prefix || 'email'}.${domain.name}`;
}

export function trackingApi(t: Transport) {
  const put = <S extends z.ZodType>(domain: string, kind: string, fields: URLSearchParams, schema: S, opts: CallOptions) =>
    t.request({ method: 'PUT', path: path`v3/domains/${domain}/tracking/${kind}`, body: { form: fields }, schema, domain, signal: opts.signal });

  return {
    get: async (domain: string, opts: CallOptions = {}): Promise<TrackingSettings> =>
      (await t.request({ method: 'GET', path: path`v3/domains/${domain}/tracking`, schema: trackingResponse, domain, signal: opts.signal })).tracking,
    setClick: async (domain: string, active: ClickActive, opts: CallOptions = {}) =>
      (await put(domain, 'click', form({ active: active === 'htmlonly' ? 'htmlonly' : active }, 'yes/no'), messageResponse.extend({ click: z.looseObject({ active: clickActive }).optional() }), opts)),
    setOpen: async (domain: string, settings: { active: boolean; place_at_the_top?: boolean }, opts: CallOptions = {}) =>
      put(domain, 'open', form(settings, 'yes/no'), messageResponse.extend({ open: z.looseObject({ active: boolish, place_at_the_top: boolish.optional() }).optional() }), opts),
    setUnsubscribe: async (domain: string, settings: { active: boolean; html_footer?: string; text_footer?: string }, opts: CallOptions = {}) =>
      put(domain, 'unsubscribe', form(settings, 'yes/no'), messageResponse.extend({ unsubscribe: z.looseObject({ active: boolish }).optional() }), opts),
    /** HTTPS tracking links: the domain's `web_scheme`. Needs an active certificate to work. */
    setHttps: (domain: string, enabled: boolean, opts: CallOptions = {}): Promise<DomainDetail> =>
      t.request({ method: 'PUT', path: path`v4/domains/${domain}`, body: { form: form({ web_scheme: enabled ? 'https' : 'http' }) }, schema: domainDetailSchema, domain, signal: opts.signal }),
    certificateStatus: (trackingHost: string, opts: CallOptions = {}): Promise<CertificateStatus> =>
      t.request({
        method: 'GET',
        path: path`v2/x509/${trackingHost}/status`,
        schema: certificateStatusSchema,
        signal: opts.signal,
        // 404 "Please initiate x509 key pair generation …" means none was requested yet.
        recover: (e) => (e.kind === 'notFound' && /initiate/i.test(e.serverMessage ?? '') ? { status: 'none' } : undefined),
      }),
    /** Starts certificate generation (202); poll `certificateStatus`. */
    generateCertificate: (trackingHost: string, opts: CallOptions = {}): Promise<CertificateRequest> =>
      t.request({ method: 'POST', path: path`v2/x509/${trackingHost}`, schema: certificateStarted, signal: opts.signal }),
    /** Regenerates an expired certificate. Never retried: a repeat would start a second job. */
    regenerateCertificate: (trackingHost: string, opts: CallOptions = {}): Promise<CertificateRequest> =>
      t.request({ method: 'PUT', path: path`v2/x509/${trackingHost}`, schema: certificateStarted, retry: false, signal: opts.signal }),
  };
}

export type TrackingApi = ReturnType<typeof trackingApi>;
