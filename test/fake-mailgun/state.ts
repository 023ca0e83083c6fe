// In-memory state. Keys and the webhook signing key are account-wide; everything else is per region
// (mailgun-api.md §1.1).
import { createHash } from 'node:crypto';
import { SuppressionList } from './suppression-list';
import type { Counts, DomainSeries } from './events';
import type { DomainLog } from './event-log';

export type Region = 'us' | 'eu';
export const REGIONS: readonly Region[] = ['us', 'eu'];

/** `admin` may call everything; `sending` is a domain sending key (messages only, so 403 here). */
export type KeyKind = 'admin' | 'sending';
export interface ApiKey {
  key: string;
  id: string;
  kind: KeyKind;
}

export const EVENT_TYPES = ['accepted', 'delivered', 'opened', 'clicked', 'unsubscribed', 'complained', 'temporary_fail', 'permanent_fail'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export const isEventType = (v: string): v is EventType => (EVENT_TYPES as readonly string[]).includes(v);

export interface Bounce {
  address: string;
  code: string;
  error: string;
  created_at: string;
}
export interface Unsubscribe {
  address: string;
  tags: string[];
  created_at: string;
}
export interface Complaint {
  address: string;
  created_at: string;
}
export interface Allowlisted {
  value: string;
  reason: string;
  type: 'address' | 'domain';
  createdAt: string;
}

export interface SuppressionLists {
  bounces: SuppressionList<Bounce>;
  unsubscribes: SuppressionList<Unsubscribe>;
  complaints: SuppressionList<Complaint>;
  whitelists: SuppressionList<Allowlisted>;
}
export type ListName = keyof SuppressionLists;
export const LIST_NAMES: readonly ListName[] = ['bounces', 'unsubscribes', 'complaints', 'whitelists'];

export const newLists = (): SuppressionLists => ({
  bounces: new SuppressionList<Bounce>((r) => r.address),
  unsubscribes: new SuppressionList<Unsubscribe>((r) => r.address),
  complaints: new SuppressionList<Complaint>((r) => r.address),
  whitelists: new SuppressionList<Allowlisted>((r) => r.value),
});

export interface Tracking {
  open: { active: boolean; place_at_the_top: boolean };
  click: { active: boolean | 'htmlonly' };
  unsubscribe: { active: boolean; html_footer: string; text_footer: string };
}

export const DEFAULT_HTML_FOOTER = '\n<br>\n<p><a href="%unsubscribe_url%">unsubscribe</a></p>\n';
export const DEFAULT_TEXT_FOOTER = '\n\nTo unsubscribe click: <%unsubscribe_url%>\n\n';
export const defaultTracking = (): Tracking => ({
  open: { active: false, place_at_the_top: false },
  click: { active: false },
  unsubscribe: { active: false, html_footer: DEFAULT_HTML_FOOTER, text_footer: DEFAULT_TEXT_FOOTER },
});

export type DomainState = 'active' | 'unverified' | 'disabled';
export type RecordKind = 'mx' | 'spf' | 'dkim' | 'tracking';
export type RecordValidity = 'valid' | 'invalid' | 'unknown';

export interface Domain {
  id: string;
  name: string;
  createdAt: number;
  type: 'custom' | 'sandbox';
  state: DomainState;
  disabled?: { code: string; note: string; permanently: boolean; reason: string; until?: string };
  spamAction: 'disabled' | 'block' | 'tag';
  requireTls: boolean;
  skipVerification: boolean;
  useAutomaticSenderSecurity: boolean;
  webPrefix: string;
  webScheme: 'http' | 'https';
  wildcard: boolean;
  archiveTo?: string;
  messageTtl?: number;
  encryptIncomingMessage?: boolean;
  dkimSelector: string;
  dkimKeySize: 1024 | 2048;
  /** Whether the customer's DNS would pass verification. */
  dnsConfigured: boolean;
  /** Per-record results shown for an active domain (e.g. receiving MX not set up). */
  recordValidity?: Partial<Record<RecordKind, RecordValidity>>;
  /** After PUT verify: reads left that still show `unverified`. */
  verifyReadsLeft?: number;
  /** After DELETE: reads left that still show the domain. */
  deleteReadsLeft?: number;
  tracking: Tracking;
  webhooks: Map<EventType, string[]>;
  lists: SuppressionLists;
}

export type CertStatus = 'processing' | 'active' | 'expired' | 'error';
export interface Cert {
  status: CertStatus;
  /** While processing: status reads left before it turns active. */
  readsLeft: number;
  expiresAt: number;
}

export interface AccountWebhook {
  webhook_id: string;
  description: string;
  url: string;
  event_types: EventType[];
  created_at: string;
}

/** A send alert as stored (SPEC `...SendAlertItem`), by name. */
export interface SendAlert {
  id: string;
  name: string;
  metric: string;
  comparator: string;
  limit: string;
  dimension: string;
  period?: string;
  alert_channels: string[];
  filters: { dimension: string; comparator: string; values: string[] }[];
  description?: string;
  created_at: string;
  updated_at: string;
  last_checked: string;
}

export interface RegionState {
  region: Region;
  /** Set on a subaccount's region: the subaccount it belongs to. */
  subaccountId?: string;
  domains: Map<string, Domain>;
  accountWebhooks: Map<string, AccountWebhook>;
  /** Send alerts (/v1/thresholds/alerts/send) by name. */
  alerts: Map<string, SendAlert>;
  /** x509 certificates by tracking host. */
  certs: Map<string, Cert>;
  events: Map<string, DomainSeries>;
  /** Events appended whole through the control API (the rest of the Logs rows are generated from `events`). */
  logs: Map<string, DomainLog>;
}

/** A subaccount of the account (GET /v5/accounts/subaccounts): its own data in each region, reached with X-Mailgun-On-Behalf-Of. */
export interface Subaccount {
  id: string;
  name: string;
  status: 'open' | 'disabled';
  created_at: string;
  updated_at: string;
  /** Its own webhook signing key: what GET /v5/accounts/http_signing_key answers on its behalf. */
  signingKey: string;
  us: RegionState;
  eu: RegionState;
}

export interface World {
  keys: Map<string, ApiKey>;
  /** The account's subaccounts by id, in creation order. */
  subaccounts: Map<string, Subaccount>;
  signingKey: string;
  us: RegionState;
  eu: RegionState;
  now: () => number;
  /** Reads that still show the old state after async operations (verify, delete, x509 generation). */
  asyncLag: number;
  idCounter: number;
  /** Authorized recipients of the account's sandbox domains (/v5/sandbox/auth_recipients), by lower-cased address. */
  sandboxRecipients?: Map<string, { email: string; activated: boolean }>;
}

export const newRegion = (region: Region, subaccountId?: string): RegionState => ({ region, subaccountId, domains: new Map(), accountWebhooks: new Map(), alerts: new Map(), certs: new Map(), events: new Map(), logs: new Map() });

/** Key ids look like the recorded `7543e985-936138f6`; derived from the key so they are stable. */
export function keyId(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 16)}`;
}

/** A 24-hex id shaped like Mongo ObjectIds (`67bcf63306fcfd2fb4b7e056`). */
export function newObjectId(world: World): string {
  world.idCounter++;
  const time = Math.floor(world.now() / 1000).toString(16).padStart(8, '0');
  return time + createHash('md5').update(String(world.idCounter)).digest('hex').slice(0, 16);
}

/** Domain lookup that honours background deletion; counts as a read when `read` is set. */
export function findDomain(region: RegionState, name: string, read = false): Domain | undefined {
  const domain = region.domains.get(name.toLowerCase());
  if (domain?.deleteReadsLeft === undefined) return domain;
  if (domain.deleteReadsLeft <= 0) {
    region.domains.delete(domain.name);
    region.events.delete(domain.name);
    region.logs.delete(domain.name);
    return undefined;
  }
  if (read) domain.deleteReadsLeft--;
  return domain;
}

/** Any domain in either region (domain names are global). */
export function domainExistsAnywhere(world: World, name: string): boolean {
  return REGIONS.some((r) => findDomain(world[r], name) !== undefined);
}

/** The event series of a domain, created empty on first use. */
export function seriesOf(region: RegionState, name: string): DomainSeries {
  let series = region.events.get(name);
  if (!series) region.events.set(name, (series = new Map<number, Counts>()));
  return series;
}

export const trackingHost = (d: Domain): string => `${d.webPrefix}.${d.name}`;
