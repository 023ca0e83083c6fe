// Apart from logs.ts so that the webview bundle can list them without the client.
/** Event names the Logs API filters on (SPEC `...logs-api-pkg-api-model-Event`). */
export const LOG_EVENT_NAMES = [
  'accepted', 'delivered', 'failed', 'opened', 'unique_opened', 'clicked', 'unique_clicked', 'unsubscribed', 'complained', 'rejected', 'stored',
  'email_validation', 'list_uploaded', 'list_member_uploaded', 'list_member_upload_error', 'trapped',
] as const;
export type LogEventName = (typeof LOG_EVENT_NAMES)[number];
