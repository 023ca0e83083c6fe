// Issue 10 item 7: tracing one recipient across 50 domains of a region with 50 ms injected per request, against the
// same lookups made one after another (the baseline). The fake Mailgun runs in its own process (empty seed, 50
// domains created through the API, the address bounced on one of them).
import { createMailgunClient, traceRecipient, traceVerdict, type MailgunClient } from '../../src/mailgun';
import { DEMO_API_KEY } from '../fake-mailgun';
import { spawnFakeMailgun } from './client-fake-process';
import type { Bench } from './types';

const DOMAINS = 50;
const LATENCY_MS = 50;
const RUNS = 3;
const ADDRESS = 'bounce=x@example.com';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function control(baseUrl: string, method: string, path: string, body?: unknown): Promise<Response> {
  const res = await fetch(`${baseUrl}_fake/${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });
  if (!res.ok) throw new Error(`fake control ${method} ${path}: ${res.status}`);
  return res;
}

async function requestCount(baseUrl: string): Promise<number> {
  return ((await (await control(baseUrl, 'GET', 'requests')).json()) as { requests: unknown[] }).requests.length;
}

/** The baseline: the same five lookups per domain and the one Logs query, each waiting for the one before. */
async function sequential(client: MailgunClient, domains: string[]): Promise<number> {
  const s = client.suppressions;
  let found = 0;
  for (const domain of domains) {
    for (const hit of [
      await s.bounces.find(domain, ADDRESS),
      await s.unsubscribes.find(domain, ADDRESS),
      await s.complaints.find(domain, ADDRESS),
      await s.allowlist.find(domain, ADDRESS),
      await s.allowlist.find(domain, 'example.com'),
    ]) if (hit) found++;
  }
  await client.logs.query({ duration: '3d', filter: [{ attribute: 'recipient', comparator: '=', values: [ADDRESS] }], includeSubaccounts: true, limit: 100 });
  return found;
}

const bench: Bench = async () => {
  const fake = await spawnFakeMailgun('empty');
  try {
    const client = createMailgunClient({ apiKey: DEMO_API_KEY, baseUrl: fake.usUrl, version: 'bench' });
    const domains = Array.from({ length: DOMAINS }, (_, i) => `mg${String(i).padStart(2, '0')}.trace-bench.example`);
    for (const name of domains) await client.domains.create({ name });
    await client.suppressions.bounces.add(domains[17], { address: ADDRESS, code: 550, error: 'mailbox does not exist' });
    await control(fake.usUrl, 'POST', 'faults', { path: '/v3/**', delayMs: LATENCY_MS });
    await control(fake.usUrl, 'POST', 'faults', { path: '/v1/analytics/logs', delayMs: LATENCY_MS });

    const traced: number[] = [];
    const baseline: number[] = [];
    const tracedRequests: number[] = [];
    const baselineRequests: number[] = [];
    let verdict = '';
    await traceRecipient([{ region: 'us', client, domains }], ADDRESS); // warm-up: JIT, connection pool
    for (let i = 0; i < RUNS; i++) {
      await control(fake.usUrl, 'DELETE', 'requests');
      let t0 = performance.now();
      const result = await traceRecipient([{ region: 'us', client, domains }], ADDRESS);
      traced.push(performance.now() - t0);
      tracedRequests.push(await requestCount(fake.usUrl));
      verdict = traceVerdict(result).sentence;
      if (!verdict.startsWith(`Suppressed: hard bounce on ${domains[17]}`)) throw new Error(`unexpected verdict: ${verdict}`);

      await control(fake.usUrl, 'DELETE', 'requests');
      t0 = performance.now();
      if ((await sequential(client, domains)) !== 1) throw new Error('the sequential lookups did not find the one bounce');
      baseline.push(performance.now() - t0);
      baselineRequests.push(await requestCount(fake.usUrl));
    }
    const speedup = median(baseline) / median(traced);
    return {
      title: 'Trace Recipient across 50 domains',
      rows: [
        { name: `trace of one address on ${DOMAINS} domains, ${LATENCY_MS} ms per request (median of ${RUNS})`, value: Math.round(median(traced)), unit: 'ms', baseline: { name: 'sequential lookups', value: Math.round(median(baseline)) }, goal: '≥ 3× faster than sequential', met: speedup >= 3 },
        { name: '… speed-up over sequential', value: Number(speedup.toFixed(1)), unit: '×' },
        { name: 'requests per trace', value: median(tracedRequests), baseline: { name: 'sequential lookups', value: median(baselineRequests) } },
      ],
      notes: [
        `runs (ms): trace ${traced.map(Math.round).join(', ')}; sequential ${baseline.map(Math.round).join(', ')}.`,
        `Each domain: GET /v3/{domain}/{bounces,unsubscribes,complaints,whitelists}/{address} and GET …/whitelists/{address's domain} (404 = not on the list; no list is paged), plus one POST /v1/analytics/logs for the region. The trace looks at 4 domains at once, each domain's five lookups together; the baseline makes the same requests one at a time.`,
        `Latency: fake Mailgun faults with \`delayMs: ${LATENCY_MS}\` on /v3/** and /v1/analytics/logs. Verdict: "${verdict}"`,
      ],
    };
  } finally {
    await fake.stop();
  }
};

export default bench;
