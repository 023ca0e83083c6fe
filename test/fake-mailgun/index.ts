// A faithful local Mailgun for tests, benchmarks and `npm start` (see README.md).
import { Control, type FakeControl } from './control';
import { closeServer, startListeners } from './server';
import type { SeedName } from './seeds';
import type { SeedListOptions } from './seeds/util';

export type { FakeControl, LoggedRequest, RequestFilter, AddEventsOptions, AppendEventsOptions, AppendedEvent } from './control';
export type { Fault, FaultSpec, RateLimitOptions } from './faults';
export type { SeedName } from './seeds';
export type { SeedListOptions } from './seeds/util';
export type { KeyKind, Region, ListName, EventType } from './state';
export type { Counter } from './events';
export { COUNTERS } from './events';
export { EVENT_TYPES, LIST_NAMES } from './state';
export {
  DEMO_API_KEY,
  DEMO_SENDING_KEY,
  DEMO_DOMAINS,
  DEMO_SUBACCOUNTS,
  SCALE_DOMAIN,
  SCALE_DOMAIN_COUNT,
  SCALE_BOUNCE_COUNT,
  SCALE_ALLOWLIST_COUNT,
  scaleAddress,
} from './seeds/names';

export interface StartOptions {
  seed?: SeedName;
  /** 0 (default) picks a free port. */
  usPort?: number;
  euPort?: number;
  /** Freezes the clock (epoch ms): seeds and dates become deterministic. */
  now?: number;
  /** Reads that still show the old state after verify, delete and certificate generation (default 1). */
  asyncLag?: number;
}

export interface FakeMailgun {
  /** `http://127.0.0.1:<port>/`: base URL without a version, trailing slash. */
  usUrl: string;
  euUrl: string;
  control: FakeControl;
  close(): Promise<void>;
}

export async function startFakeMailgun(opts: StartOptions = {}): Promise<FakeMailgun> {
  const control = new Control(opts.seed ?? 'demo', { now: opts.now, asyncLag: opts.asyncLag });
  const { us, eu, info } = await startListeners(control, opts.usPort, opts.euPort);
  return {
    usUrl: info.usUrl,
    euUrl: info.euUrl,
    control,
    close: async () => {
      await Promise.all([closeServer(us), closeServer(eu)]);
    },
  };
}

/** Seeds `count` generated records on a list of an existing domain (e.g. a 2,500-item bounce list). */
export function seedList(fake: FakeMailgun, opts: SeedListOptions): number {
  return fake.control.seedList(opts);
}
