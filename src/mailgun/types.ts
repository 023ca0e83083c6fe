/** Accepted by every client method. */
export interface CallOptions {
  /** Aborting it rejects the call with a MailgunError of kind `cancelled`. */
  signal?: AbortSignal;
}
