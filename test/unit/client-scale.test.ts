import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SCALE_BOUNCE_COUNT, SCALE_DOMAIN, SCALE_DOMAIN_COUNT, scaleAddress } from '../fake-mailgun';
import { useFakeMailgun } from './client-fixture';

const fx = useFakeMailgun('scale', { reset: false });

test('iterate walks 100,000 bounces sequentially by paging.next: each exactly once, in order, then stops', async () => {
  let i = 0;
  for await (const bounce of fx.us().suppressions.bounces.iterate(SCALE_DOMAIN, { concurrency: 1 })) {
    if (bounce.address !== scaleAddress(i)) assert.fail(`item ${i} is ${bounce.address}, expected ${scaleAddress(i)}`);
    i++;
  }
  assert.equal(i, SCALE_BOUNCE_COUNT);
  const pages = fx.fake.control.requests({ path: `/v3/${SCALE_DOMAIN}/bounces` });
  assert.equal(pages.length, SCALE_BOUNCE_COUNT / 1000 + 1, '100 full pages and the empty one that ends the walk');
  assert.deepEqual(pages.at(-1)?.query, { page: 'next', address: scaleAddress(SCALE_BOUNCE_COUNT - 1), limit: '1000', term: '' });
});

test('iterate over 1,000 domains stops when skip reaches total_count', async () => {
  let n = 0;
  for await (const _ of fx.us().domains.iterate({ limit: 100 })) n++;
  assert.equal(n, SCALE_DOMAIN_COUNT);
  assert.equal(fx.fake.control.requests({ path: '/v4/domains' }).length, SCALE_DOMAIN_COUNT / 100);
});

test('iterate walks 100,000 bounces in parallel with 50 ms per request: each exactly once, in order, in few extra requests', async () => {
  const bounces = `/v3/${SCALE_DOMAIN}/bounces`;
  fx.fake.control.clearRequests();
  const fault = fx.fake.control.fault({ method: 'GET', path: bounces, delayMs: 50 });
  const stats = { pages: 0, probes: 0, parts: 1 };
  let i = 0;
  try {
    for await (const bounce of fx.us().suppressions.bounces.iterate(SCALE_DOMAIN, {}, { stats })) {
      if (bounce.address !== scaleAddress(i)) assert.fail(`item ${i} is ${bounce.address}, expected ${scaleAddress(i)}`);
      i++;
    }
  } finally {
    fx.fake.control.removeFault(fault);
  }
  assert.equal(i, SCALE_BOUNCE_COUNT);
  assert.ok(stats.parts > 4, `split into parts: ${JSON.stringify(stats)}`);
  const requests = fx.fake.control.requests({ path: bounces }).length;
  assert.ok(requests <= 2 * (SCALE_BOUNCE_COUNT / 1000), `${requests} requests (${JSON.stringify(stats)})`);
});
