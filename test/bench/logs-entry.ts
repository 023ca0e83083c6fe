// Runs inside the extension host against the fake server's demo seed: the time from "Open Message Logs" on a domain
// to its first 100 rows on screen (the page reports them rendered), beside a bare fetch of the same Logs page.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import type { LogsPanel } from '../../src/webview/logs/logs-panel';
import { DEMO_API_KEY, DEMO_DOMAINS } from '../fake-mailgun/seeds/names';

const RUNS = 7;
const us = process.env.MAILGUN_BENCH_FAKE_US ?? '';
const domain = DEMO_DOMAINS.us.main;

/** Resolves when the page has reported the rows of the panel's first request rendered; how many there were. */
function firstRowsShown(panel: LogsPanel): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const poll = (): void => {
      const rows = panel.posted.find((m) => m.type === 'rows');
      const rendered = rows && panel.received.find((m) => m.type === 'rendered' && m.requestId === rows.requestId);
      if (rendered && rendered.type === 'rendered') resolve(rendered.rows);
      else if (panel.posted.some((m) => m.type === 'error')) reject(new Error('the panel showed an error'));
      else if (performance.now() - started > 60_000) reject(new Error('no rows within 60 s'));
      else setTimeout(poll, 1);
    };
    poll();
  });
}

function bareFetch(): Promise<unknown> {
  const body = { duration: '24h', filter: { AND: [{ attribute: 'domain', comparator: '=', values: [{ label: domain, value: domain }] }] }, pagination: { sort: 'timestamp:desc', limit: 100 } };
  return fetch(new URL('v1/analytics/logs', us), {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`api:${DEMO_API_KEY}`).toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then((r) => r.json());
}

export async function run(): Promise<void> {
  const api = (await vscode.extensions.getExtension<TestApi>('mailgun-vscode.mailgun-vscode')!.activate());
  const config = vscode.workspace.getConfiguration('mailgun');
  await config.update('apiBaseUrl.us', us, vscode.ConfigurationTarget.Global);
  await config.update('apiBaseUrl.eu', process.env.MAILGUN_BENCH_FAKE_EU, vscode.ConfigurationTarget.Global);
  const accountId = (await api.accounts.add('Bench', DEMO_API_KEY)).id;
  const open: number[] = [];
  const bare: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const t0 = performance.now();
    const panel = await vscode.commands.executeCommand<LogsPanel>('mailgun.openLogs', { accountId, region: 'us', domain });
    rows = await firstRowsShown(panel);
    open.push(performance.now() - t0);
    const t1 = performance.now();
    await bareFetch();
    bare.push(performance.now() - t1);
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  writeFileSync(process.env.MAILGUN_BENCH_RESULT ?? '', JSON.stringify({ open, bare, rows }));
}
