// The scale seed: 1,000 US domains, 100,000 bounces and 10,000 allowlist entries on SCALE_DOMAIN.
import { DAY_MS } from '../dates';
import { newDomain } from '../routes/domains';
import { seriesOf, type World } from '../state';
import { SCALE_ALLOWLIST_COUNT, SCALE_BOUNCE_COUNT, SCALE_DOMAIN, SCALE_DOMAIN_COUNT } from './names';
import { generateTraffic, seedList } from './util';

export function scaleSeed(world: World): void {
  const now = world.now();
  for (let i = 0; i < SCALE_DOMAIN_COUNT - 1; i++) {
    const name = `d${String(i).padStart(4, '0')}.scale-test.example`;
    world.us.domains.set(name, newDomain(world, name, { createdAt: now - (i + 2) * 3_600_000, state: i % 50 === 7 ? 'unverified' : 'active' }));
  }
  const bulk = newDomain(world, SCALE_DOMAIN, { createdAt: now - 365 * DAY_MS, state: 'active' });
  world.us.domains.set(SCALE_DOMAIN, bulk);
  seedList(world, { domain: SCALE_DOMAIN, list: 'bounces', count: SCALE_BOUNCE_COUNT });
  seedList(world, { domain: SCALE_DOMAIN, list: 'whitelists', count: SCALE_ALLOWLIST_COUNT });
  generateTraffic(world, bulk, seriesOf(world.us, SCALE_DOMAIN), { perHour: 2000, seed: 7 });
}
