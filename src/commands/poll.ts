// Polling for Mailgun's asynchronous operations. No vscode import, so the unit tests run it in plain Node.

/** Waits `ms`, or rejects with an AbortError as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function abortError(): Error {
  const err = new Error('The wait was cancelled.');
  err.name = 'AbortError';
  return err;
}

export interface PollOptions {
  /** Waits before each read, e.g. [1000, 2000, 3000]: one read per entry, at most. */
  delaysMs: readonly number[];
  signal?: AbortSignal;
  /** Called before each wait with the read about to happen (1-based) and the most there will be. */
  onAttempt?(attempt: number, of: number): void;
}

export interface PollResult<T> {
  value: T;
  /** Whether `done` said yes; false when the reads ran out first. */
  settled: boolean;
  reads: number;
  waitedMs: number;
}

/** Reads again after each delay until `done(value)` holds or the delays run out; starts from `first`. */
export async function pollUntil<T>(first: T, read: (signal?: AbortSignal) => Promise<T>, done: (value: T) => boolean, options: PollOptions): Promise<PollResult<T>> {
  let value = first;
  let reads = 0;
  let waitedMs = 0;
  for (const delay of options.delaysMs) {
    if (done(value)) return { value, settled: true, reads, waitedMs };
    options.onAttempt?.(reads + 1, options.delaysMs.length);
    await sleep(delay, options.signal);
    waitedMs += delay;
    value = await read(options.signal);
    reads++;
  }
  return { value, settled: done(value), reads, waitedMs };
}
