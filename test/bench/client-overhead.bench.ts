// Issue 4 §8b: the client's cost per request next to a bare fetch of the same URL, on loopback.
import { cpus, loadavg } from 'node:os';
import FormData from 'form-data';
import Mailgun from 'mailgun.js';
import { DEMO_API_KEY, DEMO_DOMAINS } from '../fake-mailgun';
import { spawnFakeMailgun } from './client-fake-process';
import { shippedClient } from './shipped-client';
import type { Bench } from './types';

const ROUNDS = 150;
const PER_ROUND = 30;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const bench: Bench = async () => {
  const { ky, createMailgunClient, domainSchemas } = await shippedClient();
  const fake = await spawnFakeMailgun('demo');
  try {
    const domain = DEMO_DOMAINS.us.main;
    const url = `${fake.usUrl}v4/domains/${domain}`;
    const headers = { authorization: `Basic ${Buffer.from(`api:${DEMO_API_KEY}`).toString('base64')}`, accept: 'application/json', 'user-agent': 'mailgun-vscode/bench' };
    const client = createMailgunClient({ apiKey: DEMO_API_KEY, baseUrl: fake.usUrl, version: 'bench' });
    const bareKy = ky.create({ headers, retry: 0, timeout: false, throwHttpErrors: false });
    // ky as it comes (its 10 s timeout: a timer and an abort per request), retries off: what a request that can time out costs in ky itself.
    const timedKy = ky.create({ headers, retry: 0, throwHttpErrors: false });
    const sdk = new Mailgun(FormData).client({ username: 'api', key: DEMO_API_KEY, url: fake.usUrl.replace(/\/$/, '') });
    const variants: Record<string, () => Promise<unknown>> = {
      bare: async () => (await (await fetch(url, { headers })).json()) as unknown,
      ky: async () => JSON.parse(await (await bareKy(url)).text()) as unknown,
      kyTimeout: async () => JSON.parse(await (await timedKy(url)).text()) as unknown,
      kyZod: async () => domainSchemas().domainDetail.parse(JSON.parse(await (await bareKy(url)).text())),
      client: () => client.domains.get(domain),
      sdk: () => sdk.domains.get(domain),
    };
    const names = Object.keys(variants);
    const wall: Record<string, number[]> = { bare: [], ky: [], kyTimeout: [], kyZod: [], client: [], sdk: [] };
    const cpu: Record<string, number[]> = { bare: [], ky: [], kyTimeout: [], kyZod: [], client: [], sdk: [] };
    for (let i = 0; i < 200; i++) for (const run of Object.values(variants)) await run();
    // Interleaved rounds in a rotating order, so load from anything else on the machine hits all
    // variants alike; ratios are taken within a round, then the median across rounds.
    for (let round = 0; round < ROUNDS; round++) {
      for (let j = 0; j < names.length; j++) {
        const name = names[(round + j) % names.length];
        const run = variants[name];
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        for (let i = 0; i < PER_ROUND; i++) await run();
        wall[name].push(((performance.now() - t0) / PER_ROUND) * 1000);
        const c = process.cpuUsage(c0);
        cpu[name].push((c.user + c.system) / PER_ROUND);
      }
    }
    const ratio = (a: Record<string, number[]>, x: string, y: string) => median(a[x].map((v, i) => v / a[y][i]));
    const bare = median(wall.bare);
    const kyOnly = median(wall.ky);
    const ours = median(wall.client);
    const clientRatio = ratio(wall, 'client', 'bare');
    return {
      title: 'Client: per-request overhead on loopback',
      rows: [
        { name: 'client.domains.get: time per request (median of rounds)', value: Math.round(ours), unit: 'µs', baseline: { name: 'bare fetch + JSON.parse', value: Math.round(bare) } },
        { name: 'client / bare fetch (median of per-round ratios)', value: `${clientRatio.toFixed(2)}×` },
        { name: 'ky alone (same URL, no retry, no validation) / bare fetch', value: `${ratio(wall, 'ky', 'bare').toFixed(2)}×`, baseline: { name: 'ky alone', value: `${Math.round(kyOnly)} µs` } },
        { name: 'ky with its default timeout / ky alone', value: `${ratio(wall, 'kyTimeout', 'ky').toFixed(2)}×`, baseline: { name: 'ky with a timeout', value: `${Math.round(median(wall.kyTimeout))} µs` } },
        { name: 'ky + the client\'s zod schema for the answer / ky alone', value: `${ratio(wall, 'kyZod', 'ky').toFixed(2)}×`, baseline: { name: 'ky + zod', value: `${Math.round(median(wall.kyZod))} µs` } },
        { name: 'client / (ky + the same zod schema): the client\'s own bookkeeping', value: `${ratio(wall, 'client', 'kyZod').toFixed(2)}×` },
        { name: 'client / ky alone', value: `${ratio(wall, 'client', 'ky').toFixed(2)}×`, goal: '≤ 1.05×', met: ratio(wall, 'client', 'ky') <= 1.05 },
        {
          name: 'client / mailgun.js 14 (domains.get, same URL)',
          value: `${ratio(wall, 'client', 'sdk').toFixed(2)}×`,
          baseline: { name: 'mailgun.js 14', value: `${Math.round(median(wall.sdk))} µs` },
          goal: '≤ 1×',
          met: ratio(wall, 'client', 'sdk') <= 1,
        },
        { name: 'CPU time per request in this process: client', value: Math.round(median(cpu.client)), unit: 'µs', baseline: { name: 'bare fetch', value: Math.round(median(cpu.bare)) } },
        { name: 'CPU time per request in this process: ky alone', value: Math.round(median(cpu.ky)), unit: 'µs', baseline: { name: 'bare fetch', value: Math.round(median(cpu.bare)) } },
      ],
      notes: [
        `GET /v4/domains/${domain} (domain with its DNS records, ~2 KB of JSON) from the fake Mailgun in its own process; ${ROUNDS} interleaved rounds of ${PER_ROUND} sequential requests per variant after 200 warm-up requests each. The client and ky are bundled and minified by esbuild as the extension ships them (shipped-client.ts), not run through tsx. Load average at the end: ${loadavg()[0].toFixed(1)} on ${cpus().length} cores.`,
        `CPU per request over a bare fetch: ky alone +${Math.round(median(cpu.ky) - median(cpu.bare))} µs (it builds a Request with an AbortSignal and merges options and headers on every call), the client +${Math.round(median(cpu.client) - median(cpu.ky))} µs more. The client is built on ky as issue 4 asks, so ky's own cost sets the floor of this ratio.`,
        'Where the client\'s share goes: reading the answer with its zod schema (the "ky + zod" row; compiled object parser, 2.7 µs for this answer in a hot loop, a median 11 µs between requests, plus the collection of what it allocates), then its own bookkeeping (the row after it): a per-attempt AbortController that stops the socket on a timeout or a cancel, the deadline of the body read, error classification and one log line. "ky alone" runs with timeout: false; ky with its own default timeout is the row so named.',
      ],
    };
  } finally {
    await fake.stop();
  }
};

export default bench;
