// Polling for Mailgun's asynchronous operations. No vscode import, so the unit tests run it in plain Node.
import { setTimeout } from 'node:timers/promises';

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
    await setTimeout(delay, undefined, { signal: options.signal });
    waitedMs += delay;
    value = await read(options.signal);
    reads++;
  }
  return { value, settled: done(value), reads, waitedMs };
}
