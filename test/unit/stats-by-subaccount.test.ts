// A parent region's stats by subaccount against the fake: one row per subaccount, every series, and the CSV.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { bySubaccountCsv, fetchBySubaccount } from '../../src/webview/by-subaccount';
import { resolveWindow } from '../../src/webview/series';
import { DEMO_SUBACCOUNTS } from '../fake-mailgun';
import { useFakeMailgun } from './client-fixture';

const fx = useFakeMailgun('demo');
const { bakery, cafe } = DEMO_SUBACCOUNTS;
const window = () => resolveWindow({ range: '7d', resolution: 'day' }, Date.now());

test('one row per subaccount with its counts and rates, asked with dimensions ["subaccount"]', async () => {
  const rows = await fetchBySubaccount(fx.us(), window(), new AbortController().signal);
  assert.deepEqual(rows.map((r) => [r.name, r.id]), [[bakery.name, bakery.id], [cafe.name, cafe.id]]);
  for (const r of rows) {
    assert.ok(r.values.accepted > 0 && r.values.delivered > 0, r.name);
    assert.ok(r.values.deliveredRate > 0 && r.values.deliveredRate <= 100, r.name);
  }
  const sent = fx.fake.control.requests({ path: '/v1/analytics/metrics' });
  assert.equal(sent.length, 2, 'counts and rates');
  // EU: only Bluebird Bakery sends there.
  assert.deepEqual((await fetchBySubaccount(fx.eu(), window(), new AbortController().signal)).map((r) => r.name), [bakery.name]);
});

test('the CSV has a row per subaccount and neutralises formulas in names', () => {
  const csv = bySubaccountCsv([
    { id: 'a1', name: '=HYPERLINK("x")', values: { accepted: 3, deliveredRate: 50 } },
    { id: 'b2', name: 'Plain', values: {} },
  ]);
  const rows: string[][] = parse(csv);
  const [header, first, second] = rows;
  assert.deepEqual(header.slice(0, 3), ['subaccount', 'subaccount id', 'accepted_count']);
  assert.ok(!first[0].startsWith('='), first[0]);
  assert.equal(first[2], '3');
  assert.equal(first[header.indexOf('delivered_rate (%)')], '50');
  assert.equal(second[2], '');
});
