// Messages between the extension host and the message-logs webview, validated with zod on both sides.
// The page gets table rows and, on request, one event's JSON; never the key, never a URL to fetch with it.
import * as z from 'zod/mini';
import { LOG_EVENT_NAMES } from '../../mailgun/log-event-names';

export const LOGS_VIEW_TYPE = 'mailgun.logs';

export const LOG_RANGES = ['1h', '24h', '7d', '30d', 'custom'] as const;
export type LogRange = (typeof LOG_RANGES)[number];

const region = z.enum(['us', 'eu']);
const name = z.string().check(z.minLength(1), z.maxLength(1000));
const field = z.optional(z.string().check(z.maxLength(1000)));

/** What a panel shows: one domain, or every domain of an account's region. */
export const logsTargetSchema = z.object({ accountId: name, region, domain: z.optional(name), subaccount: z.optional(z.object({ id: name, name })) });
export type LogsTarget = z.infer<typeof logsTargetSchema>;

export const logsFiltersSchema = z.object({
  range: z.enum(LOG_RANGES),
  /** Custom range only: ISO date-times (UTC). */
  start: field,
  end: field,
  /** None: every event type. */
  events: z.array(z.enum(LOG_EVENT_NAMES)).check(z.maxLength(LOG_EVENT_NAMES.length)),
  recipient: field,
  from: field,
  subject: field,
  messageId: field,
  tag: field,
  severity: z.optional(z.enum(['temporary', 'permanent'])),
  /** A region of a parent account only: its subaccounts' events too. */
  subaccounts: z.optional(z.boolean()),
});
export type LogsFilters = z.infer<typeof logsFiltersSchema>;

export const DEFAULT_FILTERS: LogsFilters = { range: '24h', events: [] };

const short = z.optional(z.string());
/** One table row: what the columns show (the whole event comes with `detail`). */
export const wireRowSchema = z.object({
  id: z.string(),
  /** Epoch ms. */
  time: z.number(),
  event: z.string(),
  severity: short,
  reason: short,
  recipient: short,
  from: short,
  subject: short,
  messageId: short,
  domain: short,
  deliveryCode: short,
  deliveryMessage: short,
  tags: z.array(z.string()),
  storageUrl: short,
  url: short,
});
export type WireRow = z.infer<typeof wireRowSchema>;

/** What an export holds: the rows loaded in the panel, or every event of the filtered range. */
export const EXPORT_SCOPES = ['loaded', 'range'] as const;
export type ExportScope = (typeof EXPORT_SCOPES)[number];

/** The detail pane's actions the host carries out: open the stored message, show the recipient's suppressions. */
export const EVENT_ACTIONS = ['stored', 'suppressions'] as const;
export type EventAction = (typeof EVENT_ACTIONS)[number];

export const LOAD_KINDS = ['replace', 'older', 'tail'] as const;
export type LoadKind = (typeof LOAD_KINDS)[number];

export const TAIL_STATES = ['off', 'running', 'paused'] as const;
export type TailState = (typeof TAIL_STATES)[number];

/** webview → host */
export const logsWebviewMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  /** Query again from the newest events with these filters (Apply, Refresh, Retry of a first page). */
  z.object({ type: z.literal('load'), filters: logsFiltersSchema }),
  /** The next (older) page of the current query; also the Retry of a failed one. */
  z.object({ type: z.literal('older') }),
  z.object({ type: z.literal('tail'), on: z.boolean() }),
  z.object({ type: z.literal('detail'), id: z.string().check(z.maxLength(1000)) }),
  /** One of the detail pane's actions on the event `id`; the host finds what it needs (URL, recipient) itself. */
  z.object({ type: z.literal('action'), action: z.enum(EVENT_ACTIONS), id: z.string().check(z.maxLength(1000)) }),
  z.object({ type: z.literal('copy'), what: z.string().check(z.maxLength(100)), text: z.string().check(z.maxLength(1_000_000)) }),
  z.object({ type: z.literal('export'), format: z.enum(['ndjson', 'csv']), scope: z.enum(EXPORT_SCOPES) }),
  z.object({ type: z.literal('rendered'), requestId: z.number(), rows: z.number() }),
  z.object({ type: z.literal('problem'), message: z.string().check(z.maxLength(2000)) }),
]);
export type LogsWebviewMessage = z.infer<typeof logsWebviewMessageSchema>;

/** host → webview */
export const logsHostMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('init'), target: logsTargetSchema, title: z.string(), subtitle: z.string(), filters: logsFiltersSchema }),
  z.object({ type: z.literal('loading'), requestId: z.number(), kind: z.enum(LOAD_KINDS), filters: logsFiltersSchema }),
  z.object({
    type: z.literal('rows'),
    requestId: z.number(),
    kind: z.enum(LOAD_KINDS),
    rows: z.array(wireRowSchema),
    /** Whether Load older has more to get. */
    hasOlder: z.boolean(),
    source: z.enum(['logs', 'events']),
    /** Said above the table, e.g. that the older Events API answered. */
    notice: z.optional(z.string()),
  }),
  z.object({ type: z.literal('error'), requestId: z.number(), kind: z.enum(LOAD_KINDS), message: z.string(), canRetry: z.boolean() }),
  z.object({ type: z.literal('tail'), state: z.enum(TAIL_STATES), why: z.optional(z.string()) }),
  /** One event, every field, as formatted JSON. */
  z.object({ type: z.literal('detail'), id: z.string(), json: z.string() }),
  /** An action started (busy) or ended; what it did or why it failed is said by VS Code. */
  z.object({ type: z.literal('action'), action: z.enum(EVENT_ACTIONS), id: z.string(), busy: z.boolean() }),
]);
export type LogsHostMessage = z.infer<typeof logsHostMessageSchema>;

export const logsWebviewStateSchema = z.object({ target: logsTargetSchema, filters: logsFiltersSchema });
