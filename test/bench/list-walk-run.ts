// One export of the scale seed's 100,000 bounces to a CSV file, by the project's client or by mailgun.js 14
// (the official SDK, a devDependency used only here). Run in the bench process (warm) or as its own process
// (`node --import tsx list-walk-run.ts <impl> <baseUrl> <file>`, first export in a fresh process).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import FormData from 'form-data';
import Mailgun from 'mailgun.js';
import { exportSuppressionsCsv } from '../../src/csv';
import { createMailgunClient, type Bounce } from '../../src/mailgun';
import { DEMO_API_KEY, SCALE_DOMAIN } from '../fake-mailgun';

export type Impl = 'ours' | 'mailgun.js';

export interface ExportRun {
  rows: number;
  ms: number;
  rssGrowthMb: number;
  /** sha256 of the CSV's data lines, sorted. */
  hash: string;
}

async function* sdkBounces(baseUrl: string): AsyncGenerator<Bounce> {
  const mg = new Mailgun(FormData).client({ username: 'api', key: DEMO_API_KEY, url: baseUrl.replace(/\/$/, '') });
  let page: string | undefined;
  for (;;) {
    const res = await mg.suppressions.list(SCALE_DOMAIN, 'bounces', { limit: 1000, ...(page ? { page } : {}) });
    if (res.items.length === 0) return;
    for (const b of res.items as unknown as { address: string; code: string; error: string; created_at: Date }[]) {
      // mailgun.js turns created_at into a Date; written back in Mailgun's own format for the same CSV.
      yield { address: b.address, code: String(b.code), error: b.error, created_at: b.created_at.toUTCString().replace('GMT', 'UTC') };
    }
    page = res.pages.next?.page;
    if (!page) return;
  }
}

export function sortedHash(file: string): string {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).slice(1).filter(Boolean).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

export async function exportOnce(impl: Impl, baseUrl: string, file: string, concurrency?: number): Promise<ExportRun> {
  const start = process.memoryUsage.rss();
  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  const t0 = performance.now();
  const items =
    impl === 'ours'
      ? createMailgunClient({ apiKey: DEMO_API_KEY, baseUrl, version: 'bench' }).suppressions.bounces.iterate(SCALE_DOMAIN, { concurrency })
      : sdkBounces(baseUrl);
  const { rows } = await exportSuppressionsCsv('bounces', items, file);
  const ms = performance.now() - t0;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  return { rows, ms, rssGrowthMb: (peak - start) / 2 ** 20, hash: sortedHash(file) };
}

if (require.main === module) {
  const [impl, baseUrl, file] = process.argv.slice(2);
  void exportOnce(impl as Impl, baseUrl, file).then((run) => console.log(JSON.stringify(run)));
}
