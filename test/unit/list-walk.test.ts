import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { walkList, type ListWalkSource, type ListWalkStats, type RawPage } from '../../src/mailgun/list-walk';
import type { Bounce } from '../../src/mailgun';
import { DEMO_DOMAINS } from '../fake-mailgun';
import { captureLogger, collect, useFakeMailgun } from './client-fixture';

const fx = useFakeMailgun('demo');
const domain = DEMO_DOMAINS.us.newsletter;
const bouncesPath = `/v3/${domain}/bounces`;
const newStats = (): ListWalkStats => ({ pages: 0, probes: 0, parts: 1 });

async function seed(addresses: string[]): Promise<void> {
  const bounces = fx.us().suppressions.bounces;
  await bounces.clear(domain);
  for (let i = 0; i < addresses.length; i += 1000) await bounces.addMany(domain, addresses.slice(i, i + 1000).map((address) => ({ address })));
  fx.fake.control.clearRequests();
}

const sequential = async () => (await collect(fx.us().suppressions.bounces.iterate(domain, { concurrency: 1 }))).map((b) => b.address);

/** The client's own page fetch, with a hook to misbehave on some URLs. */
function source(misbehave?: (url: string | undefined, page: RawPage<Bounce>) => RawPage<Bounce>): ListWalkSource<Bounce> {
  const bounces = fx.us().suppressions.bounces;
  return {
    keyOf: (b) => b.address,
    fetch: async (url, signal) => {
      const page = await bounces.page(domain, { limit: 1000, pageUrl: url }, { signal });
      const raw: RawPage<Bounce> = { items: page.items, next: page.nextPageUrl ?? (url ?? `${fx.fake.usUrl}v3/${domain}/bounces?limit=1000&term=`), last: `${fx.fake.usUrl}v3/${domain}/bounces?page=last&limit=1000&term=` };
      return misbehave ? misbehave(url, raw) : raw;
    },
  };
}

const pad = (i: number) => String(i).padStart(6, '0');
const distributions: Record<string, (n: number) => string[]> = {
  numbered: (n) => Array.from({ length: n }, (_, i) => `user${pad(i)}@example.com`),
  'one long shared prefix': (n) => Array.from({ length: n }, (_, i) => `averyveryverylongsharedprefix.${pad(i * 7)}@example.com`),
  'unicode, +, = and uppercase, clustered': (n) =>
    Array.from({ length: n }, (_, i) => (i % 5 === 0 ? `Zoë.${pad(i)}+tag=x@exämple.de` : i % 3 === 0 ? `ÉLISE${pad(i)}@example.fr` : `b${pad(i * 13)}=q+1@EXAMPLE.com`)),
};

describe('whole-list walk: the same rows as the sequential walk', () => {
  for (const [name, make] of Object.entries(distributions)) {
    for (const n of [0, 1, 999, 1000, 1001, 2500, 20_000]) {
      test(`${name}: ${n} entries`, async () => {
        await seed(make(n));
        const expected = await sequential();
        // Splitting pays when pages take much longer to arrive than to consume: 50 ms, as on a real network.
        if (n >= 20_000) fx.fake.control.fault({ method: 'GET', path: bouncesPath, delayMs: 50 });
        assert.equal(expected.length, n);
        fx.fake.control.clearRequests();
        const stats = newStats();
        const got = (await collect(fx.us().suppressions.bounces.iterate(domain, { concurrency: 6 }, { stats }))).map((b) => b.address);
        assert.deepEqual(got, expected);
        assert.equal(stats.fallback, undefined, `no fallback expected: ${stats.fallback}`);
        const requests = fx.fake.control.requests({ path: bouncesPath }).length;
        assert.ok(requests <= Math.ceil(n / 1000) * 3 + 2, `${requests} requests for ${n} entries (${JSON.stringify(stats)})`);
        if (n >= 20_000) assert.ok(stats.parts > 1, `a long list is split: ${JSON.stringify(stats)}`);
      });
    }
  }
});

describe('whole-list walk: guards and fallback', () => {
  test('a probe refused with 400 falls back to one sequential walk: every row once, the reason logged', async () => {
    await seed(distributions.numbered(8000));
    const expected = await sequential();
    fx.fake.control.fault({ method: 'GET', path: bouncesPath, delayMs: 50 });
    const stats = newStats();
    const refuse = source((url, page) => {
      if (url?.includes('limit=1&')) throw Object.assign(new Error('refused'), { status: 400, kind: 'validation' });
      return page;
    });
    const pages = await collect(walkList(refuse, { limit: 1000, concurrency: 6, logger: captureLogger(fx.lines), what: 'bounces' }, stats));
    assert.deepEqual(pages.flat().map((b) => b.address), expected);
    assert.match(stats.fallback ?? '', /refused a probe cursor/);
    assert.ok(fx.lines.some((l) => /^warn: bounces: walking the list in parallel stopped \(Mailgun refused a probe cursor/.test(l)), fx.lines.join('\n'));
  });

  test('a part whose page is out of its range falls back without losing or repeating a row', async () => {
    await seed(distributions.numbered(20_000));
    const expected = await sequential();
    const stats = newStats();
    fx.fake.control.fault({ method: 'GET', path: bouncesPath, delayMs: 50 });
    const pivots = new Set<string>();
    let served = 0;
    // The first part to start at a pivot gets a page that begins before its pivot: the order disagrees with the split.
    const wrong = source((url, page) => {
      const address = url === undefined ? undefined : new URL(url).searchParams.get('address');
      if (url?.includes('page=next') && url.includes('limit=1&') && page.items[0]) pivots.add(page.items[0].address);
      else if (address && pivots.has(address) && ++served === 1) return { ...page, items: [{ address: 'user000000@example.com' }, ...page.items] };
      return page;
    });
    const pages = await collect(walkList(wrong, { limit: 1000, concurrency: 6, logger: captureLogger(fx.lines), what: 'bounces' }, stats));
    assert.deepEqual(pages.flat().map((b) => b.address), expected);
    assert.match(stats.fallback ?? '', /not alphabetical order/);
  });

  test('rate limiting (429) pauses every part together and the walk still returns every row once', async () => {
    await seed(distributions.numbered(20_000));
    const expected = await sequential();
    fx.fake.control.fault({ method: 'GET', path: bouncesPath, delayMs: 50 });
    fx.fake.control.setRateLimit({ limit: 5, windowMs: 400 });
    const stats = newStats();
    const got = (await collect(fx.us().suppressions.bounces.iterate(domain, { concurrency: 6 }, { stats }))).map((b) => b.address);
    fx.fake.control.setRateLimit(null);
    assert.deepEqual(got, expected);
    assert.ok(fx.fake.control.requests({ path: bouncesPath }).some((r) => r.status === 429), `Mailgun did say 429: ${JSON.stringify(stats)} ${fx.fake.control.requests({ path: bouncesPath }).map((r) => r.status).join(',')}`);
    assert.ok(fx.lines.some((l) => /every part of the walk waits/.test(l)), fx.lines.filter((l) => !l.startsWith('debug')).join('\n'));
  });

  test('ending the loop early aborts the requests in flight: none is pending once the loop has ended', async () => {
    await seed(distributions.numbered(20_000));
    fx.fake.control.fault({ method: 'GET', path: bouncesPath, delayMs: 20 });
    const inner = source();
    let pending = 0;
    let started = 0;
    const counting: ListWalkSource<Bounce> = {
      keyOf: inner.keyOf,
      fetch: (url, signal) => {
        pending++;
        started++;
        return inner.fetch(url, signal).finally(() => pending--);
      },
    };
    let n = 0;
    for await (const page of walkList(counting, { limit: 1000, concurrency: 6, logger: captureLogger(fx.lines), what: 'bounces' })) if ((n += page.length) >= 3500) break;
    assert.equal(pending, 0);
    assert.ok(started > 4, `requests were running in parallel (${started})`);
    const total = started;
    await fx.us().suppressions.bounces.page(domain, { limit: 1 });
    assert.equal(started, total, 'no request starts after the loop ended');
  });

  test('an aborted signal ends the walk with a cancelled error', async () => {
    await seed(distributions.numbered(5000));
    const controller = new AbortController();
    let n = 0;
    await assert.rejects(async () => {
      for await (const _ of fx.us().suppressions.bounces.iterate(domain, { concurrency: 6 }, { signal: controller.signal })) if (++n === 1500) controller.abort();
    }, { kind: 'cancelled' });
  });
});
