import { newSigningKey } from '../routes/signing-key';
import { type ApiKey, type KeyKind, keyId, newRegion, type World } from '../state';
import { demoSeed } from './demo';
import { DEMO_API_KEY, DEMO_SENDING_KEY } from './names';
import { scaleSeed } from './scale';

export type SeedName = 'empty' | 'demo' | 'scale';
export const SEED_NAMES: readonly SeedName[] = ['empty', 'demo', 'scale'];

export const apiKey = (key: string, kind: KeyKind): ApiKey => ({ key, id: keyId(key), kind });

export interface WorldOptions {
  /** Fixed clock (epoch ms) for deterministic seeds and dates; default: the real clock. */
  now?: number;
  asyncLag?: number;
}

export function buildWorld(seed: SeedName, opts: WorldOptions = {}): World {
  const fixed = opts.now;
  const world: World = {
    keys: new Map([DEMO_API_KEY, DEMO_SENDING_KEY].map((k) => [k, apiKey(k, k === DEMO_API_KEY ? 'admin' : 'sending')])),
    subaccounts: new Map(),
    signingKey: seed === 'empty' ? newSigningKey() : 'key-3ac7b8f1e2d94a5c6b7e8f9a0b1c2d3e',
    us: newRegion('us'),
    eu: newRegion('eu'),
    now: fixed === undefined ? () => Date.now() : () => fixed,
    asyncLag: opts.asyncLag ?? 1,
    idCounter: 0,
  };
  if (seed === 'demo') demoSeed(world);
  if (seed === 'scale') scaleSeed(world);
  return world;
}
