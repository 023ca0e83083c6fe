// Stats webview: render time of 60 days of hourly data (8 count series × 1,440 points, plus the rates chart and the
// two data tables) in headless Chromium, against bare uPlot drawing the same 8 series in the same run; bundle size.
import { cpus, loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../host/browser';
import { COUNT_SERIES, RATE_SERIES, type HostMessage, type StatsData, type StatsQuery } from '../../src/webview/protocol';
import type { Bench } from './types';
import { OVERSCAN_ROWS, ROWS_PER_PAGE } from '../../src/webview/app/table';
import { startWebviewHarness } from './webview-harness';

const POINTS = 1440;
const WARMUP = 3;
const RUNS = 15;
const GOAL_MS = 50;
/** Issue 17: the counts chart in at most 10 ms (it was ~10 ms on a quiet machine). */
const CHART_GOAL_MS = 10;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round1 = (x: number): number => Math.round(x * 10) / 10;

/** 60 days of hourly buckets with a daily rhythm, some empty hours and rates that are null there. */
function sixtyDaysHourly(): StatsData {
  const start = Math.floor(Date.UTC(2025, 0, 1) / 1000);
  const times = Array.from({ length: POINTS }, (_, i) => start + i * 3600);
  const wave = (i: number, scale: number): number => Math.max(0, Math.round(scale * (0.2 + Math.sin((Math.PI * ((i % 24) - 6)) / 16)) * (1 + ((i * 7919) % 13) / 26)));
  const counts = Object.fromEntries(COUNT_SERIES.map((s, k) => [s.key, times.map((_, i) => wave(i, 400 / (k + 1)))])) as StatsData['counts'];
  const rates = Object.fromEntries(
    RATE_SERIES.map((s, k) => [s.key, times.map((_, i) => (counts.accepted[i] === 0 ? null : Math.round((90 / (k + 1) + (i % 7)) * 100) / 100))]),
  ) as StatsData['rates'];
  const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
  return {
    source: 'metrics',
    resolution: 'hour',
    start,
    end: start + POINTS * 3600,
    times,
    counts,
    rates,
    totals: {
      counts: Object.fromEntries(COUNT_SERIES.map((s) => [s.key, sum(counts[s.key])])) as StatsData['totals']['counts'],
      rates: Object.fromEntries(RATE_SERIES.map((s) => [s.key, 50])) as StatsData['totals']['rates'],
    },
  };
}

interface PanelRun {
  /** From the host messages to the `rendered` message and the layout after it. */
  total: number;
  /** The counts chart (8 series) until uPlot has drawn it. */
  counts: number;
  /** Both charts, with the totals before them. */
  charts: number;
  tables: number;
  /** The zod check of the data message. */
  check: number;
  /** The style and layout pass after the `rendered` message. */
  layout: number;
  /** Until the frame after it, so paint is included. */
  frame: number;
}

/** Posts loading + data the way VS Code delivers host messages, and times until the page has drawn and laid out. */
async function renderPanel(page: Page, data: StatsData, requestId: number): Promise<PanelRun> {
  const query: StatsQuery = { range: '60d', resolution: 'hour' };
  const messages: HostMessage[] = [
    { type: 'loading', requestId, query },
    { type: 'data', requestId, query, data },
  ];
  return page.evaluate(async (msgs) => {
    performance.clearMeasures();
    const posted = (window as unknown as { __posted: { type: string }[] }).__posted;
    const before = posted.length;
    const t0 = performance.now();
    for (const m of msgs) window.dispatchEvent(new MessageEvent('message', { data: m }));
    // The app only waits on microtasks (uPlot's deferred draw), so spin on those: yielding to a task would let a frame in.
    for (let i = 0; i < 100_000 && !posted.slice(before).some((m) => m.type === 'rendered'); i++) await Promise.resolve();
    const t1 = performance.now();
    document.body.getBoundingClientRect();
    const total = performance.now() - t0;
    const layout = performance.now() - t1;
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const frame = performance.now() - t0;
    // (no named helper functions in here: tsx would wrap them in a __name() the page doesn't have)
    const [counts, charts, tables, check] = ['chart:counts', 'charts', 'tables', 'check:data'].map((n) => performance.getEntriesByName(`mailgun-stats:${n}`, 'measure')[0]?.duration ?? Number.NaN);
    return { total, counts, charts, tables, check, layout, frame };
  }, messages);
}

interface ScrollRun {
  /** Rebuilding the events table's rows in the scroll event. */
  rows: number;
  /** The style and layout pass after it. */
  layout: number;
  /** The first row in view afterwards, as `aria-rowindex time`. */
  firstInView: string;
}

/** Scrolls the events table from its top down by `by` pixels, and times the rows rebuilt and the layout in that frame. */
async function scrollTable(page: Page, by: number): Promise<ScrollRun> {
  return page.evaluate(async (px) => {
    const wrap = document.getElementById('counts-table')!.parentElement!;
    wrap.scrollTop = 0;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    performance.clearMeasures('mailgun-stats:rows:counts-table');
    wrap.scrollTop = px;
    // Scroll events are dispatched in the frame's rendering steps, before its animation frame callbacks.
    const layout = await new Promise<number>((resolve) =>
      requestAnimationFrame(() => {
        const t = performance.now();
        document.body.getBoundingClientRect();
        resolve(performance.now() - t);
      }),
    );
    const rows = performance.getEntriesByName('mailgun-stats:rows:counts-table', 'measure')[0]?.duration ?? Number.NaN;
    const box = wrap.getBoundingClientRect();
    const headHeight = wrap.querySelector('thead')!.getBoundingClientRect().height;
    const row = document.elementFromPoint(box.left + 10, box.top + headHeight + 5)?.closest('tr');
    return { rows, layout, firstInView: `${row?.getAttribute('aria-rowindex')} ${row?.cells[0]?.textContent}` };
  }, by);
}

/** Bare uPlot (its own iife build, default options) drawing the same 8 series at the chart's size, until drawn. */
async function renderBaseline(page: Page, data: StatsData, width: number): Promise<number> {
  const columns = [data.times, ...COUNT_SERIES.map((s) => data.counts[s.key])];
  return page.evaluate(
    async ([cols, w]) => {
      type Plot = new (o: object, d: unknown, t: HTMLElement) => { destroy(): void };
      const target = document.getElementById('baseline-chart')!;
      target.replaceChildren();
      const t0 = performance.now();
      await new Promise<void>((resolve) => {
        const UPlot = (window as unknown as { uPlot: Plot }).uPlot;
        new UPlot({ width: w, height: 240, series: [{}, ...cols.slice(1).map(() => ({ stroke: '#3794ff' }))], hooks: { ready: [() => resolve()] } }, cols, target);
      });
      return performance.now() - t0;
    },
    [columns, width] as const,
  );
}

const bench: Bench = async () => {
  const harness = await startWebviewHarness();
  const browser = await launchBrowser();
  try {
    const data = sixtyDaysHourly();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(harness.panelUrl);
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
    const init: HostMessage = { type: 'init', target: { accountId: 'bench', region: 'us' }, title: 'All domains in the US region', subtitle: 'bench', query: { range: '60d', resolution: 'hour' } };
    await page.evaluate((m) => window.dispatchEvent(new MessageEvent('message', { data: m })), init);


    const panel: PanelRun[] = [];
    const baseline: number[] = [];
    let width = 0;
    // Alternate the two so both see the same machine load.
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const run = await renderPanel(page, data, i + 1);
      if (i === 0) width = await page.evaluate(() => document.getElementById('counts-chart')!.clientWidth);
      const base = await renderBaseline(page, data, width);
      if (i >= WARMUP) {
        panel.push(run);
        baseline.push(base);
      }
    }
    const builtRows = await page.evaluate(() => document.querySelectorAll('#counts-table tbody tr:not(.spacer)').length);
    // One view and a half down: past the rows built at first, so the scroll has to build rows.
    const SCROLL_PX = 600;
    const scrolls: ScrollRun[] = [];
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const run = await scrollTable(page, SCROLL_PX);
      if (Number.isNaN(run.rows)) throw new Error('scrolling the events table built no rows');
      if (i >= WARMUP) scrolls.push(run);
    }
    const rendered = await page.evaluate(() => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'rendered').length);
    const cells = await page.evaluate(() => document.querySelectorAll('td').length);
    const violations = await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations.length);
    if (rendered !== WARMUP + RUNS) throw new Error(`the panel reported ${rendered} renders, expected ${WARMUP + RUNS}`);

    const total = median(panel.map((r) => r.total));
    const counts = median(panel.map((r) => r.counts));
    const charts = median(panel.map((r) => r.charts));
    const tables = median(panel.map((r) => r.tables));
    const check = median(panel.map((r) => r.check));
    const layout = median(panel.map((r) => r.layout));
    const frame = median(panel.map((r) => r.frame));
    const base = median(baseline);
    const scrollRows = median(scrolls.map((r) => r.rows));
    const scrollLayout = median(scrolls.map((r) => r.layout));
    const scrollTotal = median(scrolls.map((r) => r.rows + r.layout));
    const kb = (b: number): number => round1(b / 1024);
    return {
      title: 'Stats webview: render time and bundle',
      rows: [
        {
          name: `counts chart, 8 series × ${POINTS.toLocaleString('en-US')} hourly points: themed uPlot with legend and UTC axis (median of ${RUNS})`,
          value: round1(counts),
          unit: 'ms',
          baseline: { name: 'bare uPlot, default options, same data and size', value: round1(base) },
          goal: `≤ ${CHART_GOAL_MS} ms`,
          met: counts <= CHART_GOAL_MS,
        },
        { name: 'zod check of the data message (13 series × 1,440 values)', value: round1(check), unit: 'ms' },
        { name: 'both charts drawn (totals, counts chart, rates chart with 5 series)', value: round1(charts), unit: 'ms' },
        {
          name: `the two data tables (1,440 rows in pages of ${ROWS_PER_PAGE}; built: the rows in view and ${OVERSCAN_ROWS} below, ${builtRows} for the events table)`,
          value: round1(tables),
          unit: 'ms',
        },
        { name: 'style and layout of the page afterwards', value: round1(layout), unit: 'ms' },
        { name: 'whole panel: host messages in → checked, drawn, tables built, laid out', value: round1(total), unit: 'ms', goal: `≤ ${GOAL_MS} ms`, met: total <= GOAL_MS },
        {
          name: `scrolling the events table ${SCROLL_PX} px down from its top: rows rebuilt in the scroll event, then style and layout (median of ${RUNS})`,
          value: round1(scrollTotal),
          unit: 'ms',
        },
        { name: 'whole panel until the next frame (paint included; headless Chromium paints in software)', value: round1(frame), unit: 'ms' },
        { name: 'dist/webview/stats.js (minified)', value: kb(harness.bundle.js), unit: 'KB', goal: '≤ 200 KB', met: harness.bundle.js <= 200 * 1024 },
        { name: 'dist/webview/stats.js (gzip -9)', value: kb(harness.bundle.jsGzip), unit: 'KB' },
        { name: 'dist/webview/stats.css', value: kb(harness.bundle.css), unit: 'KB' },
        { name: 'CSP violations while rendering', value: violations },
      ],
      notes: [
        `Headless Chromium (Debian), 1400×900 viewport, the production bundle served under the panel's own CSP (default-src 'none', nonce script). ${WARMUP} warm-up renders, then ${RUNS} measured, alternating with the baseline, which draws into an empty element of the same page.`,
        'Chart times run until uPlot has drawn (its draw is deferred to a microtask); the baseline runs from `new uPlot` to its `ready` hook, the same end point. Paint and compositing are not included on either side.',
        `Table layout is what the whole-panel time used to be made of: Chromium here spends about 20 µs per table cell (a page of 100 rows × 9 columns takes 15–20 ms to lay out whatever the table CSS), which is why the tables are paged and each page builds only the rows in view of its 380 px scroll box and ${OVERSCAN_ROWS} rows either side, with spacer rows for the rest (built as it scrolls; aria-rowcount and aria-rowindex keep each row's place for screen readers). The machine's 1-minute load average was ${loadavg()[0].toFixed(1)} on ${cpus().length} cores at the end of the run.`,
        `Scrolling: rows rebuilt ${round1(scrollRows)} ms, then style and layout ${round1(scrollLayout)} ms (medians); the first row in view afterwards: ${scrolls.at(-1)?.firstInView ?? '?'}.`,
        `Table cells rendered per run: ${cells.toLocaleString('en-US')}. Runs (ms), counts chart: ${panel.map((r) => r.counts.toFixed(1)).join(', ')}; whole panel: ${panel.map((r) => r.total.toFixed(1)).join(', ')}; until the next frame: ${panel.map((r) => r.frame.toFixed(0)).join(', ')}; bare uPlot: ${baseline.map((x) => x.toFixed(1)).join(', ')}.`,
      ],
    };
  } finally {
    await browser.close();
    await harness.close();
  }
};

export default bench;
