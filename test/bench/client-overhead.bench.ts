// Issue 4 §8b: the client's cost per request next to a bare fetch of the same URL, on loopback.
import ky from 'ky';
import { createMailgunClient } from '../../src/mailgun';
import { DEMO_API_KEY, DEMO_DOMAINS } from '../fake-mailgun';
import { spawnFakeMailgun } from './client-fake-process';
import type { Bench } from './types';

const ROUNDS = 40;
const PER_ROUND = 50;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const bench: Bench = async () => {
  const fake = await spawnFakeMailgun('demo');
  try {
    const domain = DEMO_DOMAINS.us.main;
    const url = `${fake.usUrl}v4/domains/${domain}`;
    const headers = { authorization: `Basic ${Buffer.from(`api:${DEMO_API_KEY}`).toString('base64')}`, accept: 'application/json', 'user-agent': 'mailgun-vscode/bench' };
    const client = createMailgunClient({ apiKey: DEMO_API_KEY, baseUrl: fake.usUrl, version: 'bench' });
    const bareKy = ky.create({ headers, retry: 0, timeout: false, throwHttpErrors: false });
    const variants: Record<string, () => Promise<unknown>> = {
      bare: async () => (await (await fetch(url, { headers })).json()) as unknown,
      ky: async () => JSON.parse(await (await bareKy(url)).text()) as unknown,
      client: () => client.domains.get(domain),
    };
    const perRequest: Record<string, number[]> = { bare: [], ky: [], client: [] };
    for (let i = 0; i < 200; i++) for (const run of Object.values(variants)) await run();
    // Interleaved rounds, so load from anything else on the machine hits all three alike.
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, run] of Object.entries(variants)) {
        const t0 = performance.now();
        for (let i = 0; i < PER_ROUND; i++) await run();
        perRequest[name].push(((performance.now() - t0) / PER_ROUND) * 1000);
      }
    }
    const bare = median(perRequest.bare);
    const kyOnly = median(perRequest.ky);
    const ours = median(perRequest.client);
    const ratio = ours / bare;
    return {
      title: 'Client: per-request overhead on loopback',
      rows: [
        { name: 'client.domains.get: time per request (median of rounds)', value: Math.round(ours), unit: 'µs', baseline: { name: 'bare fetch + JSON.parse', value: Math.round(bare) } },
        { name: 'client / bare fetch', value: `${ratio.toFixed(2)}×`, goal: '≤ 1.15×', met: ratio <= 1.15 },
        { name: 'ky alone (same URL, no retry, no validation) / bare fetch', value: `${(kyOnly / bare).toFixed(2)}×`, baseline: { name: 'ky alone', value: `${Math.round(kyOnly)} µs` } },
        { name: 'client / ky alone', value: `${(ours / kyOnly).toFixed(2)}×` },
      ],
      notes: [
        `GET /v4/domains/${domain} (domain with its DNS records, ~2 KB of JSON) from the fake Mailgun in its own process; ${ROUNDS} interleaved rounds of ${PER_ROUND} sequential requests per variant after 200 warm-up requests each.`,
        'The client adds to ky: the retry/timeout policy (an AbortController and a timer per attempt), error classification, zod validation of the response and one log line per request.',
      ],
    };
  } finally {
    await fake.stop();
  }
};

export default bench;
