import { accountWebhooksApi } from './account-webhooks';
import { alertsApi } from './alerts';
import { domainWebhooksApi } from './domain-webhooks';
import { domainsApi } from './domains';
import { eventsApi } from './events';
import type { MailgunLogger } from './logger';
import { logsApi } from './logs';
import { messagesApi } from './messages';
import { sandboxRecipientsApi } from './sandbox-recipients';
import { metricsApi } from './metrics';
import { normalizeBaseUrl, REGION_BASE_URLS, type Region } from './regions';
import { createRedactor } from './redact';
import { DEFAULT_RETRY, type RetryOptions } from './retry';
import { signingKeyApi } from './signing-key';
import { statsApi } from './stats';
import { subaccountsApi } from './subaccounts';
import { suppressionsApi } from './suppression-lists';
import { trackingApi } from './tracking';
import { createTransport } from './transport';

export interface MailgunClientOptions {
  apiKey: string;
  /** Which Mailgun region this client talks to. Default `us`. */
  region?: Region;
  /** Overrides the region's host (proxies, the local fake server). No API version in it. */
  baseUrl?: string;
  /** Per attempt, including reading the body. Default 15 s. */
  timeoutMs?: number;
  /** For the whole call, retries and waits included. Default 60 s. */
  totalTimeoutMs?: number;
  retry?: RetryOptions;
  /** Subaccount id: sent as X-Mailgun-On-Behalf-Of. */
  onBehalfOf?: string;
  /** The extension's version, for the User-Agent `mailgun-vscode/<version>`. */
  version?: string;
  logger?: MailgunLogger;
}

export function createMailgunClient(options: MailgunClientOptions) {
  if (!options.apiKey || /\s/.test(options.apiKey)) {
    throw new Error('A Mailgun API key is required and cannot contain spaces.');
  }
  const region = options.region ?? 'us';
  let baseUrl: string;
  try {
    baseUrl = normalizeBaseUrl(options.baseUrl ?? REGION_BASE_URLS[region]);
  } catch (error) {
    // The message quotes the URL; a key pasted into the wrong field must not travel with it (nor as a cause).
    // eslint-disable-next-line preserve-caught-error
    throw new Error(createRedactor(options.apiKey)((error as Error).message));
  }
  const transport = createTransport({
    apiKey: options.apiKey,
    baseUrl,
    region,
    userAgent: `mailgun-vscode/${options.version ?? 'dev'}`,
    onBehalfOf: options.onBehalfOf,
    timeoutMs: options.timeoutMs ?? 15_000,
    totalTimeoutMs: options.totalTimeoutMs ?? 60_000,
    retry: { ...DEFAULT_RETRY, ...options.retry },
    logger: options.logger,
  });
  return {
    region,
    baseUrl,
    /** The subaccount every request acts for (X-Mailgun-On-Behalf-Of), if any. */
    onBehalfOf: options.onBehalfOf,
    domains: domainsApi(transport),
    tracking: trackingApi(transport),
    domainWebhooks: domainWebhooksApi(transport),
    accountWebhooks: accountWebhooksApi(transport),
    alerts: alertsApi(transport),
    signingKey: signingKeyApi(transport),
    suppressions: suppressionsApi(transport, options.logger),
    metrics: metricsApi(transport),
    stats: statsApi(transport),
    logs: logsApi(transport),
    messages: messagesApi(transport),
    sandboxRecipients: sandboxRecipientsApi(transport),
    events: eventsApi(transport),
    subaccounts: subaccountsApi(transport),
  };
}

export type MailgunClient = ReturnType<typeof createMailgunClient>;
