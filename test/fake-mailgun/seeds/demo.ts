// The demo account for `npm start` and most tests (see README.md for what it holds).
import { DAY_MS, HOUR_MS, rfc1123, rfc3339 } from '../dates';
import { newDomain } from '../routes/domains';
import { DEFAULT_HTML_FOOTER, type Domain, type EventType, newObjectId, type Region, type SendAlert, seriesOf, type World } from '../state';
import { DEMO_DOMAINS } from './names';
import { subaccountsSeed } from './subaccounts';
import { generateTraffic, seedList } from './util';

function add(world: World, region: Region, name: string, o: Partial<Domain>): Domain {
  const d = newDomain(world, name, o);
  world[region].domains.set(name, d);
  return d;
}

function hooks(d: Domain, map: Partial<Record<EventType, string[]>>): void {
  for (const [t, urls] of Object.entries(map)) d.webhooks.set(t as EventType, urls);
}

function accountHook(world: World, region: Region, description: string, url: string, types: EventType[], ageDays: number): void {
  const id = newObjectId(world);
  world[region].accountWebhooks.set(id, { webhook_id: id, description, url, event_types: types, created_at: rfc3339(world.now() - ageDays * DAY_MS) });
}

/** Suppressions a UI must render safely: HTML, markdown, a script tag, unicode, plus signs. */
function trickySuppressions(world: World, d: Domain): void {
  const at = rfc1123(world.now() - 2 * HOUR_MS, 'UTC');
  d.lists.bounces.put({ address: '"<b>x</b>"@tricky.example.com', code: '550', error: '550 5.1.1 <b>x</b> mailbox unavailable <script>alert(1)</script>', created_at: at });
  d.lists.bounces.put({ address: '**y**@tricky.example.com', code: '554', error: '**y** _rejected_ by [policy](http://evil.example.com) `code`', created_at: at });
  d.lists.bounces.put({ address: 'josé.müller@exämple.de', code: '550', error: 'Mailbox does not exist: josé.müller', created_at: at });
  d.lists.bounces.put({ address: 'first.last+promo@gmail.com', code: '552', error: '5.2.2 The recipient\'s inbox is out of storage space & "quota" exceeded', created_at: at });
  d.lists.unsubscribes.put({ address: 'script-tag@tricky.example.com', tags: ['<script>alert("tag")</script>', 'newsletter'], created_at: at });
  d.lists.unsubscribes.put({ address: 'markdown@tricky.example.com', tags: ['**bold-tag**'], created_at: at });
  d.lists.complaints.put({ address: '<img src=x onerror=alert(1)>@tricky.example.com', created_at: at });
  d.lists.whitelists.put({ value: 'partner.example.org', reason: '<i>trusted</i> partner', type: 'domain', createdAt: at });
}

function sendAlert(world: World, region: Region, a: Pick<SendAlert, 'name' | 'metric' | 'comparator' | 'limit' | 'dimension' | 'period' | 'alert_channels'>, ageDays: number): void {
  world.idCounter++;
  const at = rfc3339(world.now() - ageDays * DAY_MS);
  const id = `${world.idCounter.toString(16).padStart(8, '0')}-0a9a-4087-86d5-6727ea7d9b49`;
  world[region].alerts.set(a.name, { id, ...a, filters: [], created_at: at, updated_at: at, last_checked: at });
}

export function demoSeed(world: World): void {
  const now = world.now();
  const ago = (days: number): number => now - days * DAY_MS;
  const us = DEMO_DOMAINS.us;
  const eu = DEMO_DOMAINS.eu;

  const main = add(world, 'us', us.main, {
    createdAt: ago(730), state: 'active', spamAction: 'tag', webScheme: 'https', requireTls: true,
    tracking: {
      open: { active: true, place_at_the_top: true },
      click: { active: 'htmlonly' },
      unsubscribe: { active: true, html_footer: `${DEFAULT_HTML_FOOTER}<p>Acme Inc., 1 Demo Street</p>\n`, text_footer: '\n\nUnsubscribe: %unsubscribe_url%\n' },
    },
  });
  hooks(main, {
    delivered: ['https://hooks.acme-demo.com/mailgun/delivered'],
    permanent_fail: ['https://hooks.acme-demo.com/mailgun/failed', 'https://backup.acme-demo.com/mailgun'],
    opened: ['https://hooks.acme-demo.com/mailgun/engagement'],
    clicked: ['https://hooks.acme-demo.com/mailgun/engagement'],
  });
  world.us.certs.set(`email.${us.main}`, { status: 'active', readsLeft: 0, expiresAt: now + 61 * DAY_MS });

  const news = add(world, 'us', us.newsletter, {
    createdAt: ago(400), state: 'active', recordValidity: { mx: 'invalid' },
    tracking: { open: { active: true, place_at_the_top: false }, click: { active: true }, unsubscribe: { active: false, html_footer: DEFAULT_HTML_FOOTER, text_footer: '\n\nTo unsubscribe click: <%unsubscribe_url%>\n\n' } },
  });
  hooks(news, {
    delivered: ['https://a.news-hooks.example.com/mg', 'https://b.news-hooks.example.com/mg', 'https://c.news-hooks.example.com/mg'],
    unsubscribed: ['https://crm.acme-demo.com/unsubscribe'],
    complained: ['https://crm.acme-demo.com/complaint'],
  });

  const sandbox = add(world, 'us', us.sandbox, { createdAt: ago(900), state: 'active', type: 'sandbox' });
  add(world, 'us', us.unverified, { createdAt: ago(3), state: 'unverified', webPrefix: 'track' });
  add(world, 'us', us.unconfigured, { createdAt: now - HOUR_MS, state: 'unverified', dnsConfigured: false, dkimKeySize: 2048, dkimSelector: 'mx' });
  const legacy = add(world, 'us', us.disabled, {
    createdAt: ago(1500), state: 'disabled', spamAction: 'block',
    disabled: { code: 'abuse', note: 'Sending paused after a complaint spike', permanently: false, reason: 'high complaint rate' },
  });
  // An old account's webhook names (legacy `bounce`, singular `url`; ../shared/docs/mailgun-api.md §4.3).
  hooks(legacy, { delivered: ['https://legacy.acme-demo.com/hook'], bounce: ['https://legacy.acme-demo.com/bounce'] } as Partial<Record<EventType, string[]>>);

  const euMain = add(world, 'eu', eu.main, { createdAt: ago(500), state: 'active', webScheme: 'https', tracking: { open: { active: false, place_at_the_top: false }, click: { active: true }, unsubscribe: { active: true, html_footer: DEFAULT_HTML_FOOTER, text_footer: '\n\nAbmelden: %unsubscribe_url%\n\n' } } });
  hooks(euMain, { delivered: ['https://eu-hooks.acme-demo.eu/delivered'], unsubscribed: ['https://eu-hooks.acme-demo.eu/unsubscribed'] });
  world.eu.certs.set(`email.${eu.main}`, { status: 'expired', readsLeft: 0, expiresAt: ago(5) });
  const shop = add(world, 'eu', eu.shop, { createdAt: ago(120), state: 'active', webPrefix: 'links', tracking: { open: { active: true, place_at_the_top: false }, click: { active: false }, unsubscribe: { active: false, html_footer: DEFAULT_HTML_FOOTER, text_footer: '' } } });
  world.eu.certs.set(`links.${eu.shop}`, { status: 'processing', readsLeft: world.asyncLag, expiresAt: 0 });
  add(world, 'eu', eu.unverified, { createdAt: ago(1), state: 'unverified' });

  accountHook(world, 'us', 'Ops alerts', 'https://ops.acme-demo.com/mailgun', ['permanent_fail', 'complained'], 200);
  accountHook(world, 'us', 'Analytics pipeline', 'https://analytics.acme-demo.com/events', ['delivered', 'opened', 'clicked'], 45);
  accountHook(world, 'eu', 'EU compliance', 'https://eu-hooks.acme-demo.eu/account', ['complained', 'unsubscribed'], 30);

  seedList(world, { domain: us.main, list: 'bounces', count: 150, prefix: 'customer' });
  seedList(world, { domain: us.main, list: 'unsubscribes', count: 60, prefix: 'reader' });
  seedList(world, { domain: us.main, list: 'complaints', count: 25, prefix: 'angry' });
  seedList(world, { domain: us.main, list: 'whitelists', count: 15, prefix: 'vip', addressDomain: 'partner.example.org' });
  trickySuppressions(world, main);
  seedList(world, { domain: us.newsletter, list: 'bounces', count: 40, prefix: 'sub' });
  seedList(world, { domain: us.newsletter, list: 'unsubscribes', count: 80, prefix: 'sub' });
  seedList(world, { domain: us.newsletter, list: 'complaints', count: 10, prefix: 'sub' });
  seedList(world, { region: 'eu', domain: eu.main, list: 'bounces', count: 40, prefix: 'kunde', addressDomain: 'example.de' });
  seedList(world, { region: 'eu', domain: eu.main, list: 'unsubscribes', count: 20, prefix: 'leser', addressDomain: 'example.de' });
  seedList(world, { region: 'eu', domain: eu.main, list: 'complaints', count: 5, prefix: 'kunde', addressDomain: 'example.fr' });
  seedList(world, { region: 'eu', domain: eu.main, list: 'whitelists', count: 5, prefix: 'vip', addressDomain: 'example.eu' });

  const traffic: [Region, Domain, number][] = [[ 'us', main, 120 ], [ 'us', news, 300 ], [ 'us', sandbox, 0.3 ], [ 'eu', euMain, 60 ], [ 'eu', shop, 40 ]];
  traffic.forEach(([region, d, perHour], i) => {
    generateTraffic(world, d, seriesOf(world[region], d.name), { perHour, seed: 1000 + i });
  });
  // The disabled domain sent until it was disabled 20 days ago.
  const legacySeries = seriesOf(world.us, legacy.name);
  generateTraffic(world, legacy, legacySeries, { perHour: 80, seed: 999 });
  for (const h of [...legacySeries.keys()]) if (h > ago(20)) legacySeries.delete(h);

  // Send alerts, limits of rates as fractions (src/mailgun/alerts.ts).
  sendAlert(world, 'us', { name: 'complaint rate', metric: 'complained_rate', comparator: '>', limit: '0.001', dimension: 'domain', period: '1d', alert_channels: ['email'] }, 90);
  sendAlert(world, 'us', { name: 'delivery rate', metric: 'delivered_rate', comparator: '<', limit: '0.95', dimension: 'subaccount', period: '1h', alert_channels: ['email', 'webhook'] }, 30);

  subaccountsSeed(world);
}
