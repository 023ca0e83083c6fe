// Entry of dist/mailgun-more.js: the parts of the API client the explorer never calls (stats, logs, events, sending,
// the signing key), built the first time a command or panel reaches them (src/mailgun/client.ts).
export { eventsApi } from '../mailgun/events';
export { logsApi } from '../mailgun/logs';
export { messagesApi } from '../mailgun/messages';
export { metricsApi } from '../mailgun/metrics';
export { sandboxRecipientsApi } from '../mailgun/sandbox-recipients';
export { signingKeyApi } from '../mailgun/signing-key';
export { statsApi } from '../mailgun/stats';
