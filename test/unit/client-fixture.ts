// Shared set-up for the client tests: one fake Mailgun per test file, fast retries, a captured log.
import assert from 'node:assert/strict';
import { after, before, beforeEach } from 'node:test';
import { createMailgunClient, MailgunError, type MailgunClient, type MailgunClientOptions, type MailgunLogger } from '../../src/mailgun';
import { DEMO_API_KEY, startFakeMailgun, type FakeMailgun, type SeedName } from '../fake-mailgun';

export interface Fixture {
  fake: FakeMailgun;
  /** Log lines of clients made by `us()`/`eu()` since the last reset, as `level: message`. */
  lines: string[];
  us(options?: Partial<MailgunClientOptions>): MailgunClient;
  eu(options?: Partial<MailgunClientOptions>): MailgunClient;
}

export function captureLogger(lines: string[]): MailgunLogger {
  return {
    trace: (m) => lines.push(`trace: ${m}`),
    debug: (m) => lines.push(`debug: ${m}`),
    info: (m) => lines.push(`info: ${m}`),
    warn: (m) => lines.push(`warn: ${m}`),
    error: (m) => lines.push(`error: ${m}`),
  };
}

/** Starts the fake before the file's tests, resets it before each test (unless `reset` is false), closes it after. */
export function useFakeMailgun(seed: SeedName = 'demo', { reset = true }: { reset?: boolean } = {}): Fixture {
  const fixture = { lines: [] as string[] } as Fixture;
  const make = (region: 'us' | 'eu', options: Partial<MailgunClientOptions> = {}) =>
    createMailgunClient({
      apiKey: DEMO_API_KEY,
      region,
      baseUrl: region === 'us' ? fixture.fake.usUrl : fixture.fake.euUrl,
      version: '9.9.9-test',
      timeoutMs: 5_000,
      retry: { baseDelayMs: 1, maxDelayMs: 20 },
      logger: captureLogger(fixture.lines),
      ...options,
    });
  before(async () => {
    fixture.fake = await startFakeMailgun({ seed });
  });
  beforeEach(() => {
    if (reset) fixture.fake.control.reset(seed);
    fixture.fake.control.clearFaults();
    fixture.fake.control.clearRequests();
    fixture.lines.length = 0;
  });
  after(async () => {
    await fixture.fake.close();
  });
  fixture.us = (options) => make('us', options);
  fixture.eu = (options) => make('eu', options);
  return fixture;
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** The MailgunError that `call` fails with; fails the test when it succeeds or throws anything else. */
export async function failure(call: () => Promise<unknown>): Promise<MailgunError> {
  try {
    await call();
  } catch (error) {
    assert.ok(error instanceof MailgunError, `not a MailgunError: ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}
