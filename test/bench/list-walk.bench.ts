// Issue 17 item 2: exporting 100,000 bounces, the project's client against mailgun.js 14 on the same fake
// Mailgun (own process), on loopback and with 50 ms injected per suppression request.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { promisify } from 'node:util';
import { SCALE_BOUNCE_COUNT, SCALE_DOMAIN } from '../fake-mailgun';
import { spawnFakeMailgun } from './client-fake-process';
import { exportOnce, type ExportRun, type Impl } from './list-walk-run';
import type { Bench, BenchRow } from './types';

const RUNS = 3;
const LATENCY_MS = 50;
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rate = (r: ExportRun) => (r.rows / r.ms) * 1000;

async function control(baseUrl: string, method: string, path: string, body?: unknown): Promise<void> {
  const res = await fetch(`${baseUrl}_fake/${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });
  if (!res.ok) throw new Error(`fake control ${method} ${path}: ${res.status}`);
}

async function fresh(impl: Impl, baseUrl: string, file: string): Promise<ExportRun> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(__dirname, 'list-walk-run.ts'), impl, baseUrl, file]);
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ExportRun;
}

const bench: Bench = async () => {
  const fake = await spawnFakeMailgun('scale');
  const dir = mkdtempSync(join(tmpdir(), 'mg-walk-'));
  try {
    const runs: Record<string, ExportRun[]> = {};
    const requests: Record<string, number[]> = {};
    const hashes = new Set<string>();
    const measure = async (key: string, impl: Impl) => {
      const file = join(dir, `${impl}.csv`);
      await exportOnce(impl, fake.usUrl, file); // warm-up: JIT, connection pool
      for (let i = 0; i < RUNS; i++) {
        gc();
        await control(fake.usUrl, 'DELETE', 'requests');
        const run = await exportOnce(impl, fake.usUrl, file);
        const log = (await (await fetch(`${fake.usUrl}_fake/requests?path=/v3/${SCALE_DOMAIN}/bounces`)).json()) as { requests: { query: Record<string, string> }[] };
        (requests[key] ??= []).push(log.requests.length);
        (runs[key] ??= []).push(run);
        hashes.add(run.hash);
        if (run.rows !== SCALE_BOUNCE_COUNT) throw new Error(`${impl} exported ${run.rows} rows`);
      }
    };
    const first = { ours: await fresh('ours', fake.usUrl, join(dir, 'f-ours.csv')), sdk: await fresh('mailgun.js', fake.usUrl, join(dir, 'f-sdk.csv')) };
    hashes.add(first.ours.hash).add(first.sdk.hash);
    await measure('ours loopback', 'ours');
    await measure('sdk loopback', 'mailgun.js');
    await control(fake.usUrl, 'POST', 'faults', { method: 'GET', path: '/v3/*/bounces', delayMs: LATENCY_MS });
    await measure('ours 50', 'ours');
    await measure('sdk 50', 'mailgun.js');
    await control(fake.usUrl, 'DELETE', 'faults');
    const r = (key: string) => median(runs[key].map(rate));
    const ratio50 = r('ours 50') / r('sdk 50');
    const ratioLoop = r('ours loopback') / r('sdk loopback');
    const warm = (key: string) => Math.max(...runs[key].map((x) => x.rssGrowthMb));
    const rows: BenchRow[] = [
      { name: `export with ${LATENCY_MS} ms per request (median of ${RUNS})`, value: Math.round(r('ours 50')), unit: 'rows/s', baseline: { name: 'mailgun.js 14', value: Math.round(r('sdk 50')) }, goal: '≥ 3× mailgun.js', met: ratio50 >= 3 },
      { name: `… ratio to mailgun.js with ${LATENCY_MS} ms`, value: Number(ratio50.toFixed(2)), unit: '×' },
      { name: `export on loopback (median of ${RUNS})`, value: Math.round(r('ours loopback')), unit: 'rows/s', baseline: { name: 'mailgun.js 14', value: Math.round(r('sdk loopback')) }, goal: 'no slower than mailgun.js', met: ratioLoop >= 1 },
      { name: 'same rows (sha256 of the sorted CSV lines, every run of both)', value: hashes.size === 1 ? `✔ ${[...hashes][0].slice(0, 12)}` : `✘ ${hashes.size} different` },
      { name: 'RSS growth, first export in a fresh process', value: Number(first.ours.rssGrowthMb.toFixed(1)), unit: 'MB', baseline: { name: 'mailgun.js 14', value: Number(first.sdk.rssGrowthMb.toFixed(1)) } },
      { name: `RSS growth, warm export on loopback (worst of ${RUNS})`, value: Number(warm('ours loopback').toFixed(1)), unit: 'MB', baseline: { name: 'mailgun.js 14', value: Number(warm('sdk loopback').toFixed(1)) } },
      { name: `RSS growth, warm export with ${LATENCY_MS} ms (worst of ${RUNS})`, value: Number(warm('ours 50').toFixed(1)), unit: 'MB', baseline: { name: 'mailgun.js 14', value: Number(warm('sdk 50').toFixed(1)) } },
    ];
    const list = (key: string) => runs[key].map((x) => Math.round(rate(x))).join(', ');
    return {
      title: 'Client: full-list walk against mailgun.js',
      rows,
      notes: [
        `runs (rows/s): ours ${LATENCY_MS} ms ${list('ours 50')}; mailgun.js ${LATENCY_MS} ms ${list('sdk 50')}; ours loopback ${list('ours loopback')}; mailgun.js loopback ${list('sdk loopback')}.`,
        `requests per export (pages and probes): ours ${LATENCY_MS} ms ${requests['ours 50'].join(', ')}; ours loopback ${requests['ours loopback'].join(', ')}; mailgun.js ${requests['sdk 50'].join(', ')}.`,
        `first export in a fresh process (rows/s): ours ${Math.round(rate(first.ours))}, mailgun.js ${Math.round(rate(first.sdk))}.`,
        'Both write the same CSV with exportSuppressionsCsv to a file; mailgun.js follows its `pages.next.page` with limit 1000, ours is suppressions.bounces.iterate (next page fetched while one is written, the list split at probed pivot addresses and walked by 8 requests at once, once pages take longer to arrive than to write).',
        `Latency: a fake Mailgun fault with \`delayMs: ${LATENCY_MS}\` on GET /v3/*/bounces (every page and probe). The fake runs in its own process (scale seed).`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await fake.stop();
  }
};

export default bench;
