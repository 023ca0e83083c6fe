// Runs inside the extension host as the "tests" entry of a benchmark run: times loading one extension's main
// module (nothing loaded it before), then activate() (which finds it loaded), and writes the milliseconds to a file.
// For our extension it then times the first expand of an account after activation, against the fake server.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { DEMO_API_KEY } from '../fake-mailgun/seeds/names';

export async function run(): Promise<void> {
  const id = process.env.MAILGUN_BENCH_EXTENSION_ID ?? '';
  const ext = vscode.extensions.getExtension(id);
  if (!ext) throw new Error(`extension ${id} is not loaded`);
  if (ext.isActive) throw new Error(`extension ${id} was already active`);
  const started = performance.now();
  // The extension host's own require, so that activate() finds the module in its cache.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(join(ext.extensionPath, (ext.packageJSON as { main: string }).main));
  const loaded = performance.now();
  const api = (await ext.activate()) as TestApi | undefined;
  const done = performance.now();
  const result: Record<string, unknown> = { id, ms: done - started, loadMs: loaded - started, activateMs: done - loaded };

  const fakeUs = process.env.MAILGUN_BENCH_FAKE_US;
  if (api && fakeUs) {
    // The account is stored directly (no key check, which would use the client first), then the first expand:
    // the account's regions, then the first region's domains, the first request through the client.
    const config = vscode.workspace.getConfiguration('mailgun');
    await config.update('apiBaseUrl.us', fakeUs, vscode.ConfigurationTarget.Global);
    await config.update('apiBaseUrl.eu', process.env.MAILGUN_BENCH_FAKE_EU, vscode.ConfigurationTarget.Global);
    await config.update('regions', ['us'], vscode.ConfigurationTarget.Global);
    await api.accounts.add('Bench', DEMO_API_KEY);
    const t0 = performance.now();
    const account = (await api.tree.getChildren())[0];
    const regions = await api.tree.getChildren(account);
    const domains = await api.tree.getChildren(regions[0]);
    result.firstExpandMs = performance.now() - t0;
    result.firstExpandRows = domains.length;
  }
  writeFileSync(process.env.MAILGUN_BENCH_RESULT ?? '', JSON.stringify(result));
}
