import { createReadStream } from 'node:fs';
import { PassThrough, Readable } from 'node:stream';
import * as vscode from 'vscode';
import type { ParsedSuppressionsCsv, SuppressionItemByList } from '../csv';
import { MAX_IMPORT_BYTES, type SuppressionListName } from '../mailgun';
import type { Services } from '../services';
import type { TreeNode } from '../tree/node';
import { isUserCancelled } from '../ui/input';
import { notify, reportOutcome, reportRefusal, showLogsLabel } from '../ui/notify';
import { withCancellableProgress } from '../ui/progress';
import { again, type CommandContext } from './register';
import { listName, listTarget, type ListTarget } from './suppression-target';
import { clientOf, reload } from './targets';

/** The CSV code and its libraries load with the first import or export, not at activation. */
const csvModule = () => import('../csv');

const csvFilters = (): Record<string, string[]> => ({ [vscode.l10n.t('CSV files')]: ['csv'], [vscode.l10n.t('All files')]: ['*'] });

function fileName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.path;
}

function rowsOf(n: number): string {
  return n === 1 ? vscode.l10n.t('1 row') : vscode.l10n.t('{0} rows', n.toLocaleString('en-US'));
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
  const title = t.filter ? vscode.l10n.t('Export {0} starting with "{1}"', listName(t), t.filter) : vscode.l10n.t('Export {0}', listName(t));
  const uri = await ctx.ui.saveFile({ title, defaultUri: defaultExportUri(t), filters: csvFilters(), saveLabel: vscode.l10n.t('Export') });
  return exportTo(ctx, t, uri);
}

async function exportTo(ctx: CommandContext, t: ListTarget, uri: vscode.Uri): Promise<ExportResult> {
  Object.assign(ctx.errorHandling, {
    action: `Export of ${listName(t)} to ${uri.toString(true)}`,
    hint: vscode.l10n.t('The export stopped; no file was written.'),
    retry: again(ctx, (c) => exportTo(c, t, uri)),
    cancelled: vscode.l10n.t('Export cancelled: no file was written.'),
  });
  const rows = await withCancellableProgress(vscode.l10n.t('Exporting {0}', listName(t)), async (signal, progress) => {
    const items = entries(ctx, t, signal, (n) => progress.report({ message: vscode.l10n.t('{0} rows…', n.toLocaleString('en-US')) }));
    return writeExport(t, items, uri, signal);
  });
  ctx.log.info(`Exported ${rowsOf(rows)} of ${listName(t)} to ${uri.toString(true)}.`);
  notify('info', vscode.l10n.t('Exported {0} of {1} to {2}.', rowsOf(rows), listName(t), fileName(uri)), { [vscode.l10n.t('Open File')]: () => vscode.window.showTextDocument(uri) }, ctx.log);
  return { rows, uri };
}

/** From a suppression list (its filter is kept), or the palette. */
export async function exportSuppressions(ctx: CommandContext, target?: TreeNode): Promise<ExportResult> {
  return exportList(ctx, await listTarget(ctx, target, vscode.l10n.t('Export Suppressions to CSV')));
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
  return problems.length > SHOWN_PROBLEMS ? `${shown}\n${vscode.l10n.t('… and {0} more', problems.length - SHOWN_PROBLEMS)}` : shown;
}

async function showProblems(uri: vscode.Uri, problems: readonly string[]): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ content: `${vscode.l10n.t('Problems in {0}:', uri.toString(true))}\n\n${problems.join('\n')}\n`, language: 'plaintext' });
  await vscode.window.showTextDocument(doc, { preview: true });
}

/** Reads and checks the file as it streams in (local files from disk, others through VS Code), with progress and Cancel. */
async function readImportFile(t: ListTarget, uri: vscode.Uri, size: number): Promise<ParsedSuppressionsCsv<SuppressionListName>> {
  const { readSuppressionsCsvStream } = await csvModule();
  return withCancellableProgress(vscode.l10n.t('Checking {0}', fileName(uri)), async (signal, progress) => {
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
  const message = vscode.l10n.t('{0} of {1} cannot be imported. Nothing has been sent.', rowsOf(problems.length), fileName(uri));
  try {
    await ctx.ui.confirm(message, problemList(problems), good === 1 ? vscode.l10n.t('Import the 1 Valid Row') : vscode.l10n.t('Import the {0} Valid Rows', good.toLocaleString('en-US')));
    return true;
  } catch (err) {
    // Declining is an answer, not a failure: it ends with the problems said.
    if (!isUserCancelled(err)) throw err;
  }
  const refusal = vscode.l10n.t('{0} of {1} cannot be imported; nothing was sent. {2}', rowsOf(problems.length), fileName(uri), problemList(problems).replace(/\n/g, ' '));
  ctx.log.warn(refusal);
  notify('error', refusal, { [vscode.l10n.t('Show All Problems')]: () => showProblems(uri, problems), [showLogsLabel()]: () => ctx.log.show() }, ctx.log);
  return false;
}

/**
 * Checks every row of a CSV file before anything is sent, then uploads the rows as read and checked (the export's
 * formula guard and any BOM removed, only the columns Mailgun takes) for Mailgun to import in the background (202),
 * never the file's own bytes. With bad rows it sends nothing, unless the user chooses to import only the good ones.
 */
export async function importSuppressions(ctx: CommandContext, target?: TreeNode): Promise<ImportResult> {
  const t = await listTarget(ctx, target, vscode.l10n.t('Import Suppressions from CSV'));
  const uri = await ctx.ui.openFile({ title: vscode.l10n.t('Import into {0}', listName(t)), filters: csvFilters(), openLabel: vscode.l10n.t('Import') });
  return importFile(ctx, t, uri);
}

async function importFile(ctx: CommandContext, t: ListTarget, uri: vscode.Uri): Promise<ImportResult> {
  const name = fileName(uri);
  // Retry imports the same file into the same list; the file is read and checked again.
  Object.assign(ctx.errorHandling, { action: `Import of ${name} into ${listName(t)}`, hint: undefined, affected: undefined, retry: again(ctx, (c) => importFile(c, t, uri)) });
  const nothing = (problems: string[]): ImportResult => ({ sent: false, rows: 0, problems });

  const { size } = await vscode.workspace.fs.stat(uri);
  if (size > MAX_IMPORT_BYTES) {
    reportRefusal(ctx.log, vscode.l10n.t('{0} is {1}; Mailgun imports at most {2} at a time. Split the file; nothing was sent.', name, megabytes(size), megabytes(MAX_IMPORT_BYTES)));
    return nothing([]);
  }
  ctx.errorHandling.cancelled = vscode.l10n.t('Import cancelled while checking {0}: nothing was sent.', name);
  const parsed = await readImportFile(t, uri, size);
  if (parsed.problems.length > 0) {
    if (parsed.inputs.length === 0) {
      reportRefusal(ctx.log, vscode.l10n.t('{0} cannot be imported into {1}; nothing was sent. {2}', name, listName(t), problemList(parsed.problems).replace(/\n/g, ' ')));
      return nothing(parsed.problems);
    }
    if (!(await importGoodRows(ctx, uri, parsed.inputs.length, parsed.problems))) return nothing(parsed.problems);
  } else if (parsed.rows === 0) {
    reportRefusal(ctx.log, vscode.l10n.t('{0} has no rows below its header; nothing was sent.', name));
    return nothing([]);
  }
  const rows = parsed.inputs.length;
  const { suppressionsImportCsv } = await csvModule();
  const body = suppressionsImportCsv(t.kind, parsed.inputs);
  if (parsed.ignoredColumns.length > 0) ctx.log.info(`Import of ${name}: the columns ${parsed.ignoredColumns.join(', ')} are not Mailgun's for ${listName(t)} and were left out.`);

  const client = await clientOf(ctx, t);
  // The upload may reach Mailgun before it fails: then the list is reloaded to show what it holds.
  ctx.errorHandling.affected = t.scope;
  ctx.errorHandling.cancelled = vscode.l10n.t('The upload of {0} was cancelled; Mailgun may have received it already, so {1} is shown again.', name, listName(t));
  await withCancellableProgress(vscode.l10n.t('Uploading {0} to {1}', name, listName(t)), (signal) => client.suppressions[t.kind].importCsv(t.domainName, body, { filename: name, signal }));
  reload(ctx, t.scope);
  const bad = parsed.problems.length;
  const skipped = bad === 0 ? '' : ` ${bad === 1 ? vscode.l10n.t('(1 bad row left out)') : vscode.l10n.t('({0} bad rows left out)', bad.toLocaleString('en-US'))}`;
  reportOutcome(ctx.log, 'info', vscode.l10n.t('Mailgun accepted {0} of {1}{2} for {3} and imports them in the background: refresh the list in a few minutes to see them.', rowsOf(rows), name, skipped, listName(t)));
  return { sent: true, rows, problems: parsed.problems };
}
