// Issue 4 §8a: stream 100,000 bounces from the fake Mailgun (own process) to a CSV file.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { exportSuppressionsCsv } from '../../src/csv';
import { createMailgunClient } from '../../src/mailgun';
import { DEMO_API_KEY, SCALE_BOUNCE_COUNT, SCALE_DOMAIN } from '../fake-mailgun';
import { spawnFakeMailgun } from './client-fake-process';
import type { Bench } from './types';

const RUNS = 3;
const MB = 1024 * 1024;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

interface Run {
  rowsPerSecond: number;
  rssGrowthMb: number;
}

async function measure(work: () => Promise<number>): Promise<Run> {
  gc();
  const start = process.memoryUsage.rss();
  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  const t0 = performance.now();
  const rows = await work();
  const ms = performance.now() - t0;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  return { rowsPerSecond: (rows / ms) * 1000, rssGrowthMb: (peak - start) / MB };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const bench: Bench = async () => {
  const fake = await spawnFakeMailgun('scale');
  const dir = mkdtempSync(join(tmpdir(), 'mg-export-'));
  try {
    const client = createMailgunClient({ apiKey: DEMO_API_KEY, baseUrl: fake.usUrl, version: 'bench' });
    const file = join(dir, 'bounces.csv');
    const walk = async () => {
      let n = 0;
      for await (const _ of client.suppressions.bounces.iterate(SCALE_DOMAIN)) n++;
      return n;
    };
    const exportCsv = async () => (await exportSuppressionsCsv('bounces', client.suppressions.bounces.iterate(SCALE_DOMAIN), file)).rows;
    await walk(); // warm-up: JIT, connection pool
    const exports: Run[] = [];
    const walks: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      exports.push(await measure(exportCsv));
      walks.push(await measure(walk));
    }
    const rows = median(exports.map((r) => r.rowsPerSecond));
    const rss = Math.max(...exports.map((r) => r.rssGrowthMb));
    return {
      title: 'Client: export 100,000 bounces to CSV',
      rows: [
        {
          name: `export ${SCALE_BOUNCE_COUNT.toLocaleString('en-US')} bounces to CSV (median of ${RUNS})`,
          value: Math.round(rows),
          unit: 'rows/s',
          baseline: { name: 'the same walk without CSV', value: Math.round(median(walks.map((r) => r.rowsPerSecond))) },
          goal: '≥ 50,000 rows/s',
          met: rows >= 50_000,
        },
        { name: `peak RSS growth during the export (worst of ${RUNS})`, value: Number(rss.toFixed(1)), unit: 'MB', goal: '≤ 40 MB', met: rss <= 40 },
        { name: 'CSV file size', value: Number((statSync(file).size / MB).toFixed(1)), unit: 'MB' },
      ],
      notes: [
        `export runs (rows/s): ${exports.map((r) => Math.round(r.rowsPerSecond)).join(', ')}; RSS growth (MB): ${exports.map((r) => r.rssGrowthMb.toFixed(1)).join(', ')}`,
        'client.suppressions.bounces.iterate (pages of 1,000 by paging.next, zod-validated) piped through exportSuppressionsCsv (csv-stringify, formula guard) to a file; the fake Mailgun (scale seed) runs in its own process on loopback.',
        'RSS is sampled every 5 ms from just after a forced GC; growth is peak minus that start.',
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await fake.stop();
  }
};

export default bench;
