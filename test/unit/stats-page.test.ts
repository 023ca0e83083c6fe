// The panel's page, messages and export: the CSP, zod checks in both directions, CSV with escaped formulas.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { statsHtml } from '../../src/webview/html';
import { newNonce, panelCsp as statsCsp } from '../../src/webview/page';
import { COUNT_SERIES, protocolSchemas, RATE_SERIES, type StatsData } from '../../src/webview/protocol';
import { statsCsv, statsCsvFileName } from '../../src/webview/stats-csv';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';
const assets = {
  cspSource: CSP_SOURCE,
  script: `${CSP_SOURCE}/ext/dist/webview/stats.js`,
  styles: { codicons: `${CSP_SOURCE}/ext/dist/webview/codicon.css`, uplot: `${CSP_SOURCE}/ext/dist/webview/uPlot.min.css`, app: `${CSP_SOURCE}/ext/dist/webview/stats.css` },
};

function sampleData(n = 3): StatsData {
  const times = Array.from({ length: n }, (_, i) => 1_700_000_000 + i * 3600);
  return {
    source: 'metrics',
    resolution: 'hour',
    start: times[0],
    end: times[n - 1] + 3600,
    times,
    counts: Object.fromEntries(COUNT_SERIES.map((s, k) => [s.key, times.map((_, i) => i * 10 + k)])) as StatsData['counts'],
    rates: Object.fromEntries(RATE_SERIES.map((s) => [s.key, times.map((_, i) => (i === 0 ? null : 12.5))])) as StatsData['rates'],
    totals: {
      counts: Object.fromEntries(COUNT_SERIES.map((s) => [s.key, 0])) as StatsData['totals']['counts'],
      rates: Object.fromEntries(RATE_SERIES.map((s) => [s.key, null])) as StatsData['totals']['rates'],
    },
  };
}

describe('CSP and page', () => {
  test('default-src none; scripts only by nonce; styles, fonts, images only from cspSource; nothing unsafe', () => {
    const csp = statsCsp(CSP_SOURCE, 'abc123');
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    assert.deepEqual(directives.get('script-src'), ["'nonce-abc123'"]);
    assert.deepEqual(directives.get('style-src'), [CSP_SOURCE]);
    assert.deepEqual(directives.get('font-src'), [CSP_SOURCE]);
    assert.deepEqual(directives.get('img-src'), [CSP_SOURCE]);
    assert.ok(!directives.has('connect-src'), 'the page never talks to the network');
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
  });

  test('the page carries the CSP, loads only its own files, and its one script has the nonce', () => {
    const nonce = newNonce();
    const html = statsHtml(assets, nonce);
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
    assert.ok(meta, 'a CSP meta tag');
    assert.match(meta[1], new RegExp(`script-src 'nonce-${nonce.replace(/[+/]/g, '\\$&')}'`));
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.equal(scripts.length, 1);
    assert.ok(scripts[0].includes(`nonce="${nonce}"`) && scripts[0].includes(`src="${assets.script}"`));
    assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=|javascript:/i, 'no inline style or handlers');
    for (const href of [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1])) assert.ok(href.startsWith(CSP_SOURCE), href);
  });

  test('nonces are fresh and long enough', () => {
    const a = newNonce();
    assert.notEqual(a, newNonce());
    assert.ok(a.length >= 24);
    assert.match(a, /^[A-Za-z0-9+/]+$/);
  });

  test('accessible names: charts point at their tables, tables are focusable regions with captions', () => {
    const html = statsHtml(assets, newNonce());
    for (const id of ['counts', 'rates']) {
      assert.match(html, new RegExp(`id="${id}-chart" role="img" aria-describedby="${id}-caption"`));
      assert.match(html, new RegExp(`tabindex="0" role="region" aria-labelledby="${id}-caption"`));
      assert.match(html, new RegExp(`<caption id="${id}-caption">`));
    }
    for (const label of ['Date range', 'Resolution', 'Start date, UTC', 'End date, UTC']) assert.ok(html.includes(`label="${label}"`), label);
  });
});

describe('messages', () => {
  test('webview → host: known messages pass, anything else is rejected', () => {
    assert.ok(protocolSchemas().webviewMessage.safeParse({ type: 'ready' }).success);
    assert.ok(protocolSchemas().webviewMessage.safeParse({ type: 'load', query: { range: '7d', resolution: 'day' } }).success);
    assert.ok(protocolSchemas().webviewMessage.safeParse({ type: 'load', query: { range: 'custom', resolution: 'hour', start: '2025-01-01', end: '2025-01-02' } }).success);
    for (const bad of [
      null,
      'ready',
      { type: 'eval', code: 'x' },
      { type: 'load', query: { range: '1y', resolution: 'day' } },
      { type: 'load', query: { range: 'custom', resolution: 'day', start: '1 Jan 2025' } },
      { type: 'load' },
      { type: 'problem', message: 'x'.repeat(5000) },
    ]) {
      assert.equal(protocolSchemas().webviewMessage.safeParse(bad).success, false, JSON.stringify(bad).slice(0, 80));
    }
  });

  test('host → webview: data must have one value per bucket in every series and finite numbers', () => {
    const data = sampleData();
    assert.ok(protocolSchemas().hostMessage.safeParse({ type: 'data', requestId: 1, query: { range: '24h', resolution: 'hour' }, data }).success);
    const short = { ...data, counts: { ...data.counts, accepted: [1] } };
    assert.equal(protocolSchemas().statsData.safeParse(short).success, false);
    const nan = { ...data, counts: { ...data.counts, accepted: [1, Number.NaN, 2] } };
    assert.equal(protocolSchemas().statsData.safeParse(nan).success, false);
    const missing = { ...data, rates: { ...data.rates, bounceRate: undefined } };
    assert.equal(protocolSchemas().statsData.safeParse(missing).success, false);
  });

  test('saved webview state (what the serializer restores) is checked before use', () => {
    const ok = { target: { accountId: 'a1', region: 'eu', domain: 'mg.example.eu' }, query: { range: '30d', resolution: 'day' }, hidden: ['opened'] };
    assert.ok(protocolSchemas().webviewState.safeParse(ok).success);
    assert.equal(protocolSchemas().webviewState.safeParse({ ...ok, target: { ...ok.target, region: 'ap' } }).success, false);
    assert.equal(protocolSchemas().webviewState.safeParse({ ...ok, target: { accountId: '' , region: 'us' } }).success, false);
    assert.equal(protocolSchemas().webviewState.safeParse(undefined).success, false);
  });
});

describe('CSV export', () => {
  test('one row per bucket, ISO times, counts and rates, empty cells for missing rates', () => {
    const rows = parse<Record<string, string>>(statsCsv(sampleData()), { columns: true });
    assert.equal(rows.length, 3);
    assert.equal(rows[0]['time (UTC)'], new Date(1_700_000_000_000).toISOString());
    assert.equal(rows[1].accepted_count, '10');
    assert.equal(rows[2].complained_count, String(20 + 7));
    assert.equal(rows[0]['delivered_rate (%)'], '');
    assert.equal(rows[1]['delivered_rate (%)'], '12.5');
    assert.match(statsCsv(sampleData()), /^time \(UTC\),accepted_count,delivered_count,/);
  });

  test('file names are safe whatever the domain is called', () => {
    const name = statsCsvFileName('<b>x</b>/../evil', sampleData());
    assert.match(name, /^mailgun-stats-_b_x_b_\.\._evil-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}-hour\.csv$/);
  });
});
