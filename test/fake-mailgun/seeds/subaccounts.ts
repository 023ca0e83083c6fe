// The demo account's two subaccounts, each with its own domains, webhooks, suppressions and traffic.
import { DAY_MS } from '../dates';
import { newDomain } from '../routes/domains';
import { addSubaccount } from '../routes/subaccounts';
import { seriesOf, type Subaccount, type World } from '../state';
import { DEMO_SUBACCOUNTS } from './names';
import { generateTraffic, seedList } from './util';

/** The world as seen on behalf of a subaccount: its regions instead of the parent's. */
export const subaccountView = (world: World, sub: Subaccount): World => ({ ...world, us: sub.us, eu: sub.eu });

export function subaccountsSeed(world: World): void {
  const { bakery, cafe } = DEMO_SUBACCOUNTS;
  const now = world.now();
  const b = addSubaccount(world, bakery.name, { id: bakery.id, createdAt: now - 200 * DAY_MS });
  const c = addSubaccount(world, cafe.name, { id: cafe.id, createdAt: now - 40 * DAY_MS });

  const bakeryUs = newDomain(world, bakery.us, { createdAt: now - 190 * DAY_MS, state: 'active' });
  bakeryUs.webhooks.set('delivered', ['https://hooks.bluebird-bakery.com/mailgun']);
  b.us.domains.set(bakeryUs.name, bakeryUs);
  const bakeryEu = newDomain(world, bakery.eu, { createdAt: now - 100 * DAY_MS, state: 'active' });
  b.eu.domains.set(bakeryEu.name, bakeryEu);
  const cafeUs = newDomain(world, cafe.us, { createdAt: now - 30 * DAY_MS, state: 'unverified' });
  c.us.domains.set(cafeUs.name, cafeUs);

  seedList(subaccountView(world, b), { domain: bakery.us, list: 'bounces', count: 12, prefix: 'baker' });
  seedList(subaccountView(world, b), { domain: bakery.us, list: 'unsubscribes', count: 4, prefix: 'loaf' });
  seedList(subaccountView(world, c), { domain: cafe.us, list: 'bounces', count: 3, prefix: 'latte' });

  generateTraffic(world, bakeryUs, seriesOf(b.us, bakeryUs.name), { perHour: 30, seed: 2001 });
  generateTraffic(world, bakeryEu, seriesOf(b.eu, bakeryEu.name), { perHour: 8, seed: 2002 });
  generateTraffic(world, cafeUs, seriesOf(c.us, cafeUs.name), { perHour: 12, seed: 2003 });
}
