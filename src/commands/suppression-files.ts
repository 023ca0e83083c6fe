import { createReadStream } from 'node:fs';
import { PassThrough, Readable } from 'node:stream';
import * as vscode from 'vscode';
import type { ParsedSuppressionsCsv, SuppressionItemByList } from '../csv';
import { MAX_IMPORT_BYTES, type SuppressionListName } from '../mailgun';
import type { Services } from '../services';
import type { TreeNode } from '../tree/node';
import { isUserCancelled } from '../ui/input';
import { notify, reportOutcome, reportRefusal, SHOW_LOGS } from '../ui/notify';
import { withCancellableProgress } from '../ui/progress';
import { again, type CommandContext } from './register';
import { listName, listTarget, type ListTarget } from './suppression-target';
import { clientOf, reload } from './targets';

/** The CSV code and its libraries load with the first import or export, not at activation. */
const csvModule = () => import('../csv');

const CSV_FILTERS = { 'CSV files': ['csv'], 'All files': ['*'] };

function fileName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.path;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function defaultExportUri(t: ListTarget): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(process.env.HOME ?? process.cwd());
  const name = `${t.domainName}-${t.kind}${t.filter ? `-${t.filter.replace(/[^\w.@-]+/g, '_')}` : ''}.csv`;
  return vscode.Uri.joinPath(folder, name);
}

/** Every entry of the list (or of its filter), counted into the progress notification as it goes. */
async function* entries(services: Services, t: ListTarget, signal: AbortSignal, counted: (n: number) => void): AsyncGenerator<SuppressionItemByList[SuppressionListName]> {
  const client = await clientOf(services, t);
  const all = client.suppressions[t.kind].iterate(t.domainName, { term: t.filter, limit: 1000 }, { signal }) as AsyncIterable<SuppressionItemByList[SuppressionListName]>;
  let n = 0;
  for await (const item of all) {
    yield item;
    if (++n % 500 === 0) counted(n);
  }
}

/** Writes the CSV where the URI says: streamed into a local file, or gathered and written through VS Code for other schemes. */
async function writeExport(t: ListTarget, items: AsyncIterable<SuppressionItemByList[SuppressionListName]>, uri: vscode.Uri, signal: AbortSignal): Promise<number> {
  const { exportSuppressionsCsv } = await csvModule();
  if (uri.scheme === 'file') return (await exportSuppressionsCsv(t.kind, items, uri.fsPath, { signal })).rows;
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const { rows } = await exportSuppressionsCsv(t.kind, items, sink, { signal });
  sink.end();
  await vscode.workspace.fs.writeFile(uri, Buffer.concat(chunks));
  return rows;
}

export interface ExportResult {
  rows: number;
  uri: vscode.Uri;
}

export interface ExportResult {
  rows: number;
  uri: vscode.Uri;
}

/**
 * Exports a list to CSV where the user says, with progress and Cancel. A cancelled or failed export leaves no file
 * behind; the user is told either way (a cancelled one ends the command silently after saying so).
 */
export async function exportList(ctx: CommandContext, t: ListTarget): Promise<ExportResult> {
  const uri = await ctx.ui.saveFile({ title: `Export ${listName(t)}${t.filter ? ` starting with "${t.filter}"` : ''}`, defaultUri: defaultExportUri(t), filters: CSV_FILTERS, saveLabel: 'Export' });
  return exportTo(ctx, t, uri);
}

async function exportTo(ctx: CommandContext, t: ListTarget, uri: vscode.Uri): Promise<ExportResult> {
  Object.assign(ctx.errorHandling, {
    action: `Export of ${listName(t)} to ${uri.toString(true)}`,
    hint: 'The export stopped; no file was written.',
    retry: again(ctx, (c) => exportTo(c, t, uri)),
    cancelled: 'Export cancelled: no file was written.',
  });
  const rows = await withCancellableProgress(`Exporting ${listName(t)}`, async (signal, progress) => {
    const items = entries(ctx, t, signal, (n) => progress.report({ message: `${n.toLocaleString('en-US')} rows…` }));
    return writeExport(t, items, uri, signal);
  });
  ctx.log.info(`Exported ${plural(rows, 'row')} of ${listName(t)} to ${uri.toString(true)}.`);
  notify('info', `Exported ${plural(rows, 'row')} of ${listName(t)} to ${fileName(uri)}.`, { 'Open File': () => vscode.window.showTextDocument(uri) }, ctx.log);
  return { rows, uri };
}

/** From a suppression list (its filter is kept), or the palette. */
export async function exportSuppressions(ctx: CommandContext, target?: TreeNode): Promise<ExportResult> {
  return exportList(ctx, await listTarget(ctx, target, 'Export Suppressions to CSV'));
}

export interface ImportResult {
  /** Whether a file went to Mailgun. */
  sent: boolean;
  /** Rows sent (0 when nothing was sent). */
  rows: number;
  /** One sentence per bad row ("Line 3: …") or file problem. */
  problems: string[];
}

const SHOWN_PROBLEMS = 12;

function problemList(problems: readonly string[]): string {
  const shown = problems.slice(0, SHOWN_PROBLEMS).join('\n');
  return problems.length > SHOWN_PROBLEMS ? `${shown}\n… and ${problems.length - SHOWN_PROBLEMS} more` : shown;
}

async function showProblems(uri: vscode.Uri, problems: readonly string[]): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ content: `Problems in ${uri.toString(true)}:\n\n${problems.join('\n')}\n`, language: 'plaintext' });
  await vscode.window.showTextDocument(doc, { preview: true });
}

/** Reads and checks the file as it streams in (local files from disk, others through VS Code), with progress and Cancel. */
async function readImportFile(t: ListTarget, uri: vscode.Uri, size: number): Promise<ParsedSuppressionsCsv<SuppressionListName>> {
  const { readSuppressionsCsvStream } = await csvModule();
  return withCancellableProgress(`Checking ${fileName(uri)}`, async (signal, progress) => {
    const source: AsyncIterable<Uint8Array> = uri.scheme === 'file' ? createReadStream(uri.fsPath, { signal }) : Readable.from([await vscode.workspace.fs.readFile(uri)]);
    let shown = 0;
    const onBytes = (bytes: number) => {
      const percent = size > 0 ? Math.floor((bytes / size) * 100) : 100;
      if (percent > shown) progress.report({ increment: percent - shown, message: `${percent}%` });
      shown = Math.max(shown, percent);
    };
    return readSuppressionsCsvStream(t.kind, source, { signal, onBytes });
  });
}

/** Asks whether to send only the good rows of a file that has bad ones; when not, says why nothing was sent. */
async function importGoodRows(ctx: CommandContext, uri: vscode.Uri, good: number, problems: readonly string[]): Promise<boolean> {
  const message = `${plural(problems.length, 'row')} of ${fileName(uri)} cannot be imported. Nothing has been sent.`;
  try {
    await ctx.ui.confirm(message, problemList(problems), `Import the ${plural(good, 'Valid Row')}`);
    return true;
  } catch (err) {
    // Declining is an answer, not a failure: it ends with the problems said.
    if (!isUserCancelled(err)) throw err;
  }
  const refusal = `${plural(problems.length, 'row')} of ${fileName(uri)} cannot be imported; nothing was sent. ${problemList(problems).replace(/\n/g, ' ')}`;
  ctx.log.warn(refusal);
  notify('error', refusal, { 'Show All Problems': () => showProblems(uri, problems), [SHOW_LOGS]: () => ctx.log.show() }, ctx.log);
  return false;
}

/**
 * Checks every row of a CSV file before anything is sent, then uploads the rows as read and checked (the export's
 * formula guard and any BOM removed, only the columns Mailgun takes) for Mailgun to import in the background (202),
 * never the file's own bytes. With bad rows it sends nothing, unless the user chooses to import only the good ones.
 */
export async function importSuppressions(ctx: CommandContext, target?: TreeNode): Promise<ImportResult> {
  const t = await listTarget(ctx, target, 'Import Suppressions from CSV');
  const uri = await ctx.ui.openFile({ title: `Import into ${listName(t)}`, filters: CSV_FILTERS, openLabel: 'Import' });
  return importFile(ctx, t, uri);
}

async function importFile(ctx: CommandContext, t: ListTarget, uri: vscode.Uri): Promise<ImportResult> {
  const name = fileName(uri);
  // Retry imports the same file into the same list; the file is read and checked again.
  Object.assign(ctx.errorHandling, { action: `Import of ${name} into ${listName(t)}`, hint: undefined, affected: undefined, retry: again(ctx, (c) => importFile(c, t, uri)) });
  const nothing = (problems: string[]): ImportResult => ({ sent: false, rows: 0, problems });

  const { size } = await vscode.workspace.fs.stat(uri);
  if (size > MAX_IMPORT_BYTES) {
    reportRefusal(ctx.log, `${name} is ${megabytes(size)}; Mailgun imports at most ${megabytes(MAX_IMPORT_BYTES)} at a time. Split the file; nothing was sent.`);
    return nothing([]);
  }
  ctx.errorHandling.cancelled = `Import cancelled while checking ${name}: nothing was sent.`;
  const parsed = await readImportFile(t, uri, size);
  if (parsed.problems.length > 0) {
    if (parsed.inputs.length === 0) {
      reportRefusal(ctx.log, `${name} cannot be imported into ${listName(t)}; nothing was sent. ${problemList(parsed.problems).replace(/\n/g, ' ')}`);
      return nothing(parsed.problems);
    }
    if (!(await importGoodRows(ctx, uri, parsed.inputs.length, parsed.problems))) return nothing(parsed.problems);
  } else if (parsed.rows === 0) {
    reportRefusal(ctx.log, `${name} has no rows below its header; nothing was sent.`);
    return nothing([]);
  }
  const rows = parsed.inputs.length;
  const { suppressionsImportCsv } = await csvModule();
  const body = suppressionsImportCsv(t.kind, parsed.inputs);
  if (parsed.ignoredColumns.length > 0) ctx.log.info(`Import of ${name}: the columns ${parsed.ignoredColumns.join(', ')} are not Mailgun's for ${listName(t)} and were left out.`);

  const client = await clientOf(ctx, t);
  // The upload may reach Mailgun before it fails: then the list is reloaded to show what it holds.
  ctx.errorHandling.affected = t.scope;
  ctx.errorHandling.cancelled = `The upload of ${name} was cancelled; Mailgun may have received it already, so ${listName(t)} is shown again.`;
  await withCancellableProgress(`Uploading ${name} to ${listName(t)}`, (signal) => client.suppressions[t.kind].importCsv(t.domainName, body, { filename: name, signal }));
  reload(ctx, t.scope);
  const skipped = parsed.problems.length > 0 ? ` (${plural(parsed.problems.length, 'bad row')} left out)` : '';
  reportOutcome(ctx.log, 'info', `Mailgun accepted ${plural(rows, 'row')} of ${name}${skipped} for ${listName(t)} and imports them in the background: refresh the list in a few minutes to see them.`);
  return { sent: true, rows, problems: parsed.problems };
}
