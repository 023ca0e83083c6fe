// The Mailgun API client. Never imports vscode: it runs in the extension host and in plain Node tests.
export { createMailgunClient, type MailgunClient, type MailgunClientOptions } from './client';
export { MailgunError, isMailgunError, type MailgunErrorKind } from './errors';
export type { MailgunLogger } from './logger';
export { REGION_BASE_URLS, otherRegion, regionLabel, type Region } from './regions';
export type { RetryOptions } from './retry';
export type { CallOptions } from './types';
export { parseMailgunDate } from './schema-helpers';

export {
  DOMAIN_STATES,
  domainSchemas,
  type DnsRecord,
  type Domain,
  type DomainDetail,
  type DomainPage,
  type DomainPageQuery,
  type CreateDomainInput,
  type UpdateDomainInput,
} from './domains';
export { trackingSchemas, trackingHostOf, type TrackingSettings, type ClickActive, type CertificateStatus, type CertificateRequest } from './tracking';
export { WEBHOOK_EVENT_TYPES, MAX_URLS_PER_EVENT, type WebhookEventType, type DomainWebhooks, type DomainWebhookInput } from './domain-webhooks';
export {
  ALERT_CHANNELS,
  ALERT_COMPARATORS,
  alertComparatorLabels,
  ALERT_DIMENSIONS,
  alertDimensionLabels,
  ALERT_FILTER_COMPARATORS,
  ALERT_METRICS,
  alertMetricLabels,
  alertInputOf,
  describeAlert,
  describeLimit,
  isRateMetric,
  limitAsPercent,
  limitFromInput,
  limitUnit,
  parseAlertFilter,
  validateAlertName,
  validateLimitInput,
  validatePeriod,
  validateSendAlert,
  type AlertChannel,
  type AlertComparator,
  type AlertDimension,
  type AlertFilter,
  type AlertHit,
  type AlertMetric,
  type SendAlert,
  type SendAlertInput,
} from './alerts';
export { accountWebhookSchemas, type AccountWebhook, type AccountWebhookInput } from './account-webhooks';
export { MAX_SUBACCOUNT_PAGE, subaccountSchemas, type Subaccount, type SubaccountPage } from './subaccounts';
export {
  suppressionSchemas,
  type Bounce,
  type Unsubscribe,
  type Complaint,
  type AllowlistEntry,
  type BounceInput,
  type UnsubscribeInput,
  type ComplaintInput,
  type AllowlistInput,
  type SuppressionListName,
} from './suppression-list-kinds';
export { MAX_BATCH, MAX_IMPORT_BYTES, type SuppressionPage, type SuppressionPageQuery, type AddManyResult, type SuppressionListApi } from './suppression-list-api';
export { metricsSchemas, metricNumber, type MetricsQuery, type MetricsResponse, type MetricsDimension, type MetricsResolution, type MetricsFilterCondition } from './metrics';
export { STATS_EVENTS, statsSchemas, type StatsQuery, type StatsResponse, type StatsBucket, type StatsEvent } from './stats';
export {
  LOG_EVENT_NAMES,
  LOG_FILTER_ATTRIBUTES,
  MAX_LOGS_LIMIT,
  logsSchemas,
  validateLogsQuery,
  validateLogFilter,
  validateMessageId,
  validateTimeRange,
  type LogEventName,
  type LogFilterAttribute,
  type LogComparator,
  type LogFilterCondition,
  type LogsQuery,
  type LogsPage,
  type LogItem,
} from './logs';
export { EVENTS_API_EVENT_NAMES, MAX_EVENTS_LIMIT, eventsSchemas, validateEventsQuery, type EventsQuery, type EventsPage, type EventItem } from './events';
export {
  EVENTS_FALLBACK_NOTICE,
  queryMessageLogs,
  toMessageLogRow,
  eventToLogItem,
  toEventsQuery,
  type MessageLogRow,
  type MessageLogsPage,
  type MessageLogsCursor,
  type MessageLogsScope,
  type MessageLogSource,
} from './message-logs';
export * from './validate';
export {
  TRACE_CONCURRENCY,
  TRACE_WINDOW_DAYS,
  lookupSuppressions,
  traceRecipient,
  withDomainTrace,
  type DomainSuppressions,
  type DomainTrace,
  type RegionEvents,
  type TraceClient,
  type TraceOptions,
  type TraceRegionScope,
  type TraceResult,
} from './recipient-trace';
export { domainSentence, lastEventSentence, suppressionsOf, traceReport, traceVerdict, type Suppression, type Verdict, type VerdictKind } from './trace-verdict';
export { MAX_MESSAGE_BYTES, MAX_RECIPIENTS, MAX_TAGS_PER_MESSAGE, bareAddress, messageForm, validateMessage, type OutgoingMessage, type SentMessage } from './messages';
export { MAX_SANDBOX_RECIPIENTS, type SandboxRecipient } from './sandbox-recipients';
