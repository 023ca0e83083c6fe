// Time to first rows in the explorer (inside a real extension host) against a bare fetch of the same page, and
// requests per action, on the fake server's scale seed.
import { execFileSync } from 'node:child_process';
import { repoRoot } from '../host/code-server';
import { startFakeMailgun } from '../fake-mailgun';
import { runInHost } from './in-host';
import type { Bench, BenchRow } from './types';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number): number => Math.round(x * 10) / 10;

interface Result {
  timings: Record<string, { tree: number[]; bare: number[]; rows: number }>;
  perAction: Record<string, number>;
}

const bench: Bench = async () => {
  execFileSync(process.execPath, ['esbuild.mjs', '--tests'], { cwd: repoRoot, stdio: 'inherit' });
  const fake = await startFakeMailgun({ seed: 'scale' });
  let result: Result;
  try {
    result = await runInHost<Result>('explorer-entry', { MAILGUN_BENCH_FAKE_US: fake.usUrl, MAILGUN_BENCH_FAKE_EU: fake.euUrl });
  } finally {
    await fake.close();
  }
  const rows: BenchRow[] = Object.entries(result.timings).map(([name, t]) => ({
    name: `first rows: ${name} (median of ${t.tree.length}; ${t.rows} nodes)`,
    value: ms(median(t.tree)),
    unit: 'ms',
    baseline: { name: 'bare fetch + JSON of the same page', value: ms(median(t.bare)) },
  }));
  for (const [action, n] of Object.entries(result.perAction)) rows.push({ name: `requests: ${action}`, value: n });
  return {
    title: 'Explorer: time to first rows and requests per action',
    rows,
    notes: [
      'Measured inside the extension host of code-server 4.100.3 against the fake server (scale seed) on loopback: getChildren() of the region or list node, from a reset node, so it includes the request, zod validation and building the nodes; the bare fetch runs in the same process right after.',
      'VS Code renders the rows after getChildren resolves; that rendering is not included.',
    ],
  };
};

export default bench;
