// Runs inside the extension host as the "tests" entry of a benchmark run: times loading one extension's main
// module (nothing loaded it before), then activate() (which finds it loaded), and writes the milliseconds to a file.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';

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
  await ext.activate();
  const done = performance.now();
  writeFileSync(process.env.MAILGUN_BENCH_RESULT ?? '', JSON.stringify({ id, ms: done - started, loadMs: loaded - started }));
}
