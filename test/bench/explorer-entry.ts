// Runs inside the extension host against the fake server's scale seed: time to first rows when expanding a region
// of 1,000 domains and a list of 100,000 bounces, beside a bare fetch of the same page, and requests per action.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/node';
import type { RegionNode } from '../../src/tree/region-node';
import type { SuppressionListNode } from '../../src/tree/suppression-list-node';
import { DEMO_API_KEY, SCALE_DOMAIN } from '../fake-mailgun/seeds/names';
import { answering } from '../integration/userInput';

const RUNS = 7;
const us = process.env.MAILGUN_BENCH_FAKE_US ?? '';
const eu = process.env.MAILGUN_BENCH_FAKE_EU ?? '';
const label = (n: TreeNode): string => {
  const l = n.getTreeItem().label;
  return typeof l === 'string' ? l : (l?.label ?? '');
};

async function requests(): Promise<number> {
  const res = await fetch(new URL('_fake/requests', us));
  return ((await res.json()) as { requests: unknown[] }).requests.length;
}
const clearRequests = (): Promise<Response> => fetch(new URL('_fake/requests', us), { method: 'DELETE' });

async function counted(action: () => PromiseLike<unknown>): Promise<number> {
  await clearRequests();
  await action();
  return requests();
}

async function timed(action: () => PromiseLike<unknown>): Promise<number> {
  const t0 = performance.now();
  await action();
  return performance.now() - t0;
}

function bareFetch(path: string): Promise<unknown> {
  return fetch(new URL(path, us), { headers: { authorization: `Basic ${Buffer.from(`api:${DEMO_API_KEY}`).toString('base64')}` } }).then((r) => r.json());
}

export async function run(): Promise<void> {
  const api = (await vscode.extensions.getExtension<TestApi>('mailgun-vscode.mailgun-vscode')!.activate());
  const config = vscode.workspace.getConfiguration('mailgun');
  await config.update('apiBaseUrl.us', us, vscode.ConfigurationTarget.Global);
  await config.update('apiBaseUrl.eu', eu, vscode.ConfigurationTarget.Global);

  const perAction: Record<string, number> = {};
  perAction['Add API Key (checks both regions)'] = await counted(() => answering(api, ['Bench', DEMO_API_KEY], () => vscode.commands.executeCommand('mailgun.addApiKey')));
  const account = (await api.tree.getChildren())[0];
  const region = (await api.tree.getChildren(account))[0] as RegionNode;

  const out: Record<string, { tree: number[]; bare: number[]; rows: number }> = {};
  for (const pageSize of [100, 1000]) {
    await config.update('pageSize', pageSize, vscode.ConfigurationTarget.Global);
    const key = `region of 1,000 domains, page ${pageSize}`;
    out[key] = { tree: [], bare: [], rows: 0 };
    for (let i = 0; i < RUNS; i++) {
      region.reset();
      let rows = 0;
      out[key].tree.push(await timed(async () => (rows = (await api.tree.getChildren(region)).length)));
      out[key].bare.push(await timed(() => bareFetch(`v4/domains?limit=${pageSize}`)));
      out[key].rows = rows;
    }
  }

  region.setFilter(SCALE_DOMAIN);
  const domain = (await api.tree.getChildren(region)).find((n) => label(n) === SCALE_DOMAIN)!;
  perAction['Expand a domain'] = await counted(() => api.tree.getChildren(domain));
  const bounces = (await api.tree.getChildren(domain)).find((n) => label(n) === 'Bounces') as SuppressionListNode;
  for (const pageSize of [100, 1000]) {
    await config.update('pageSize', pageSize, vscode.ConfigurationTarget.Global);
    const key = `bounce list of 100,000, page ${pageSize}`;
    out[key] = { tree: [], bare: [], rows: 0 };
    for (let i = 0; i < RUNS; i++) {
      bounces.reset();
      let rows = 0;
      out[key].tree.push(await timed(async () => (rows = (await api.tree.getChildren(bounces)).length)));
      out[key].bare.push(await timed(() => bareFetch(`v3/${SCALE_DOMAIN}/bounces?limit=${pageSize}`)));
      out[key].rows = rows;
    }
  }
  bounces.reset();
  perAction['Expand a bounce list'] = await counted(() => api.tree.getChildren(bounces));
  perAction['Expand it again (cached)'] = await counted(() => api.tree.getChildren(bounces));
  perAction['Load more'] = await counted(() => bounces.loadMore());
  perAction['Refresh a list, then expand'] = await counted(async () => {
    await vscode.commands.executeCommand('mailgun.refresh', bounces);
    await api.tree.getChildren(bounces);
  });
  await config.update('pageSize', undefined, vscode.ConfigurationTarget.Global);
  writeFileSync(process.env.MAILGUN_BENCH_RESULT ?? '', JSON.stringify({ timings: out, perAction }));
}
