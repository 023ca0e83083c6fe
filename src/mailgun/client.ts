import { accountWebhooksApi } from './account-webhooks';
import { alertsApi } from './alerts';
import { domainWebhooksApi } from './domain-webhooks';
import { domainsApi } from './domains';
import { mailgunMore } from '../chunks/load';
import type { MailgunLogger } from './logger';
import { normalizeBaseUrl, REGION_BASE_URLS, type Region } from './regions';
import { createRedactor } from './redact';
import { DEFAULT_RETRY, type RetryOptions } from './retry';
import { subaccountsApi } from './subaccounts';
import { suppressionsApi } from './suppression-list-kinds';
import { trackingApi } from './tracking';
import { createTransport } from './transport';
import * as l10n from './l10n';

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
    throw new Error(l10n.t('A Mailgun API key is required and cannot contain spaces.'));
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
  // The groups the explorer never calls are built from dist/mailgun-more.js on first use.
  const more = <K extends keyof ReturnType<typeof mailgunMore>>(name: K) => {
    let api: ReturnType<ReturnType<typeof mailgunMore>[K]> | undefined;
    return () => (api ??= mailgunMore()[name](transport) as ReturnType<ReturnType<typeof mailgunMore>[K]>);
  };
  const signingKey = more('signingKeyApi');
  const metrics = more('metricsApi');
  const stats = more('statsApi');
  const logs = more('logsApi');
  const messages = more('messagesApi');
  const sandboxRecipients = more('sandboxRecipientsApi');
  const events = more('eventsApi');
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
    get signingKey() {
      return signingKey();
    },
    suppressions: suppressionsApi(transport, options.logger),
    get metrics() {
      return metrics();
    },
    get stats() {
      return stats();
    },
    get logs() {
      return logs();
    },
    get messages() {
      return messages();
    },
    get sandboxRecipients() {
      return sandboxRecipients();
    },
    get events() {
      return events();
    },
    subaccounts: subaccountsApi(transport),
  };
}

export type MailgunClient = ReturnType<typeof createMailgunClient>;
