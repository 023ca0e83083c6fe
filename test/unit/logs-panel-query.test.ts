import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { setImmediate as nextPage } from 'node:timers/promises';
import { parse } from 'csv-parse/sync';
import { queryMessageLogs, toMessageLogRow, type LogItem, type MessageLogRow } from '../../src/mailgun';
import { logsCsv, logsNdjson, writeLogsExport } from '../../src/webview/logs/logs-export';
import { filtersToQuery, LoadedRows, tailQuery, toWireRow, type LogsPageQuery } from '../../src/webview/logs/logs-query';
import { DEFAULT_FILTERS, wireRowSchema, type LogsFilters } from '../../src/webview/logs/protocol';
import { DEMO_DOMAINS } from '../fake-mailgun';
import { useFakeMailgun } from './client-fixture';

const NOW = Date.parse('2026-12-02T12:00:00Z');
const HOUR = 3_600_000;
const f = (over: Partial<LogsFilters>): LogsFilters => ({ ...DEFAULT_FILTERS, ...over });
const query = (over: Partial<LogsFilters>): LogsPageQuery => {
  const q = filtersToQuery(f(over), NOW);
  assert.equal(typeof q, 'object', `a query, not "${typeof q === 'string' ? q : ''}"`);
  return q as LogsPageQuery;
};
const refused = (over: Partial<LogsFilters>): string => {
  const q = filtersToQuery(f(over), NOW);
  assert.equal(typeof q, 'string', 'refused before sending');
  return q as string;
};

function row(id: string, time: number, over: Partial<LogItem> = {}): MessageLogRow {
  return toMessageLogRow({ id, event: 'delivered', '@timestamp': new Date(time).toISOString(), ...over });
}

describe('Logs panel: filters → Logs query', () => {
  test('time presets count back from now, newest first, 100 a page; no filter when none is set', () => {
    for (const [range, ms] of [['1h', HOUR], ['24h', 24 * HOUR], ['7d', 7 * 24 * HOUR], ['30d', 30 * 24 * HOUR]] as const) {
      const q = query({ range });
      assert.equal((q.end as Date).getTime(), NOW);
      assert.equal((q.start as Date).getTime(), NOW - ms);
      assert.equal(q.sort, 'desc');
      assert.equal(q.limit, 100);
      assert.deepEqual(q.filter, []);
      assert.equal(q.events, undefined);
      assert.equal(q.includeSubaccounts, undefined);
    }
  });

  test("the subaccounts' tick asks Mailgun for include_subaccounts, and only when ticked", () => {
    assert.equal(query({ subaccounts: true }).includeSubaccounts, true);
    assert.equal(query({ subaccounts: false }).includeSubaccounts, undefined);
  });

  test('each field becomes its condition: an address exactly, a part of one by contains; <…> taken off a message-id', () => {
    const q = query({ events: ['failed', 'delivered'], recipient: ' bob@example.com ', from: 'shop', subject: 'Your order', messageId: '<20240708.1.AB@mg.example.com>', tag: 'welcome', severity: 'permanent' });
    assert.deepEqual(q.events, ['failed', 'delivered']);
    assert.deepEqual(q.filter, [
      { attribute: 'recipient', comparator: '=', values: ['bob@example.com'] },
      { attribute: 'from', comparator: 'contains', values: ['shop'] },
      { attribute: 'subject', comparator: 'contains', values: ['Your order'] },
      { attribute: 'message_id', comparator: '=', values: ['20240708.1.AB@mg.example.com'] },
      { attribute: 'tag', comparator: '=', values: ['welcome'] },
      { attribute: 'severity', comparator: '=', values: ['permanent'] },
    ]);
    assert.deepEqual(query({ recipient: 'bob' }).filter, [{ attribute: 'recipient', comparator: 'contains', values: ['bob'] }]);
  });

  test('a valid but unusual address is accepted (as strict as Mailgun, no stricter)', () => {
    assert.deepEqual(query({ recipient: 'o\'brien+tag@sub.example.co.uk' }).filter?.[0].values, ["o'brien+tag@sub.example.co.uk"]);
  });

  test('bad input is refused with a sentence: malformed address, message-id, custom range backwards or in the future', () => {
    assert.match(refused({ recipient: 'bob@' }), /bob@/);
    assert.match(refused({ messageId: 'not a message id' }), /message-id/);
    assert.match(refused({ range: 'custom', start: '2026-12-02T10:00:00Z', end: '2026-12-01T10:00:00Z' }), /before the start/);
    assert.match(refused({ range: 'custom' }), /starts/);
    assert.match(refused({ range: 'custom', start: 'yesterday' }), /not a date/);
    assert.match(refused({ range: 'custom', start: '2027-01-01T00:00:00Z' }), /future/);
    const custom = query({ range: 'custom', start: '2026-11-30T00:00:00Z' });
    assert.equal((custom.end as Date).getTime(), NOW, 'an empty end means now');
  });

  test('the tail asks from the newest row loaded until now, with the same filters', () => {
    const base = query({ recipient: 'bob@example.com' });
    const t = tailQuery(base, NOW - 5000, NOW);
    assert.equal((t.start as Date).getTime(), NOW - 5000);
    assert.equal((t.end as Date).getTime(), NOW);
    assert.deepEqual(t.filter, base.filter);
  });
});

describe('Logs panel: loaded rows', () => {
  test('de-duplicates by id: older pages go below, tail rows on top, newest first', () => {
    const rows = new LoadedRows();
    assert.deepEqual(rows.addOlder([row('c', 3000), row('b', 2000)]).map((r) => r.id), ['c', 'b']);
    assert.deepEqual(rows.addOlder([row('b', 2000), row('a', 1000)]).map((r) => r.id), ['a']);
    assert.deepEqual(rows.addNewer([row('c', 3000), row('e', 5000), row('d', 4000)]).map((r) => r.id), ['e', 'd']);
    assert.deepEqual(rows.rows.map((r) => r.id), ['e', 'd', 'c', 'b', 'a']);
    assert.equal(rows.newest, 5000);
    assert.deepEqual(rows.addNewer([row('e', 5000)]), []);
    rows.clear();
    assert.equal(rows.size, 0);
    assert.equal(rows.newest, undefined);
  });

  test('a table row carries the columns and passes the protocol check; an HTML subject stays text', () => {
    const r = row('x', NOW, { recipient: 'a@example.com', message: { headers: { subject: '<img src=x onerror=alert(1)>', from: 'Shop <shop@example.com>', 'message-id': 'm@x' } }, tags: ['t1'], 'delivery-status': { code: 250, message: 'OK' } });
    const wire = toWireRow(r);
    assert.ok(wireRowSchema.safeParse(wire).success);
    assert.equal(wire.subject, '<img src=x onerror=alert(1)>');
    assert.equal(wire.deliveryCode, '250');
    assert.equal('item' in wire, false, 'the whole event goes only with a detail request');
  });
});

describe('Logs panel: export', () => {
  const rows = [
    row('1', NOW, { recipient: 'a@example.com', 'x-unknown': { deep: [1] }, message: { headers: { subject: '=HYPERLINK("http://evil")' } }, tags: ['a', 'b'] }),
    row('2', NOW - 1000, { event: 'failed', severity: 'permanent', reason: 'bounce' }),
  ];

  test('NDJSON holds each event whole, every field; CSV the columns, formulas guarded', () => {
    const lines = logsNdjson(rows).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(lines[0], rows[0].item);
    assert.deepEqual(lines[0]['x-unknown'], { deep: [1] });
    const csv = parse<Record<string, string>>(logsCsv(rows), { columns: true });
    assert.equal(csv.length, 2);
    assert.equal(csv[0].time, new Date(NOW).toISOString());
    assert.equal(csv[0].tags, 'a b');
    assert.ok(!csv[0].subject.startsWith('='), 'a formula is not live in a spreadsheet');
    assert.equal(csv[1].severity, 'permanent');
  });

  test('writes through a .part file; a failed write leaves nothing behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'logs-export-'));
    try {
      const target = join(dir, 'out.ndjson');
      await writeLogsExport(rows, 'ndjson', target);
      assert.equal((await readFile(target, 'utf8')).split('\n').length, 3);
      await assert.rejects(writeLogsExport(rows, 'csv', join(dir, 'missing', 'out.csv')));
      assert.deepEqual((await readdir(dir)).sort(), ['out.ndjson']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('Logs panel: export of a whole range, streamed', () => {
  const many = (n: number): MessageLogRow[] => Array.from({ length: n }, (_, i) => row(`r${i}`, NOW - i * 1000, { recipient: `r${i}@example.com` }));
  async function* paged(rows: MessageLogRow[], failAfter?: number, onYield?: (n: number) => void): AsyncGenerator<MessageLogRow> {
    let n = 0;
    for (const r of rows) {
      if (n % 100 === 0) await nextPage(); // a page of 100 comes in later
      if (n === failAfter) throw new Error('Mailgun answered 500 on the third page.');
      yield r;
      n++;
      onYield?.(n);
    }
  }

  test('rows from an async source are written a chunk at a time, with progress; CSV has one header', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'logs-range-'));
    try {
      const seen: number[] = [];
      const result = await writeLogsExport(paged(many(2500)), 'csv', join(dir, 'out.csv'), { onRows: (n) => seen.push(n) });
      assert.equal(result.rows, 2500);
      assert.deepEqual(seen, [1000, 2000, 2500]);
      const csv = parse<Record<string, string>>(await readFile(join(dir, 'out.csv'), 'utf8'), { columns: true });
      assert.equal(csv.length, 2500);
      assert.equal(csv[2499].id, 'r2499');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a source failing after some chunks, or a cancel, leaves no file behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'logs-range-'));
    try {
      await assert.rejects(writeLogsExport(paged(many(2500), 2100), 'ndjson', join(dir, 'failed.ndjson')), /third page/);
      const controller = new AbortController();
      await assert.rejects(
        writeLogsExport(paged(many(2500), undefined, (n) => n === 1500 && controller.abort()), 'ndjson', join(dir, 'cancelled.ndjson'), { signal: controller.signal }),
        (e: unknown) => e instanceof Error && e.name === 'AbortError',
      );
      assert.deepEqual(await readdir(dir), []);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('Logs panel: the tail against the fake server', () => {
  const fx = useFakeMailgun('demo');
  const M = DEMO_DOMAINS.us.main;

  test('a tail query from the newest row finds only the events appended since, once', async () => {
    const api = fx.us();
    const scope = { domains: [M], domain: M };
    const base = filtersToQuery(f({ range: '1h' }));
    assert.ok(typeof base !== 'string');
    const loaded = new LoadedRows();
    loaded.addOlder((await queryMessageLogs(api, scope, base)).rows);
    const before = loaded.size;
    const now = Date.now();
    const ids = fx.fake.control.appendEvents({ domain: M, events: [{ event: 'accepted', recipient: 'tail@example.com', timestamp: now }, { event: 'delivered', recipient: 'tail@example.com', timestamp: now + 1 }] });
    const newest = loaded.newest ?? now - HOUR;
    const first = loaded.addNewer((await queryMessageLogs(api, scope, tailQuery(base, newest, now + 1000))).rows);
    assert.deepEqual(first.map((r) => r.id).sort(), [...ids].sort());
    const again = loaded.addNewer((await queryMessageLogs(api, scope, tailQuery(base, loaded.newest!, now + 2000))).rows);
    assert.deepEqual(again, [], 'the newest row comes back in the next poll and is dropped by id');
    assert.equal(loaded.size, before + 2);
    assert.equal(loaded.rows[0].id, ids[1]);
  });
});
