// Runs inside the extension host as the "tests" entry of a benchmark run: times activate() of one extension
// (module load included, as nothing activated it before) and writes the milliseconds to a file.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';

export async function run(): Promise<void> {
  const id = process.env.MAILGUN_BENCH_EXTENSION_ID ?? '';
  const ext = vscode.extensions.getExtension(id);
  if (!ext) throw new Error(`extension ${id} is not loaded`);
  if (ext.isActive) throw new Error(`extension ${id} was already active`);
  const started = performance.now();
  await ext.activate();
  const ms = performance.now() - started;
  writeFileSync(process.env.MAILGUN_BENCH_RESULT ?? '', JSON.stringify({ id, ms }));
}
