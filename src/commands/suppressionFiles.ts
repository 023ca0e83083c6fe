import { createReadStream } from 'node:fs';
import { PassThrough, Readable } from 'node:stream';
import * as vscode from 'vscode';
import type { ParsedSuppressionsCsv, SuppressionItemByList } from '../csv';
import { MAX_IMPORT_BYTES, type SuppressionListName } from '../mailgun';
import type { Services } from '../services';
import { notify, reportFailure, reportOutcome, reportRefusal } from '../ui/notify';
import { withCancellableProgress } from '../ui/progress';
import { commandOptions } from './commandOptions';
import { listName, listTarget, type ListTarget } from './suppressionTarget';
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

/**
 * Exports a list to CSV (asking where unless `destination` is given), with progress and Cancel. A cancelled or
 * failed export leaves no file behind; the user is told either way. Undefined unless a file was written.
 */
export async function exportList(services: Services, t: ListTarget, destination?: vscode.Uri): Promise<ExportResult | undefined> {
  const uri =
    destination ??
    (await vscode.window.showSaveDialog({ title: `Export ${listName(t)}${t.filter ? ` starting with "${t.filter}"` : ''}`, defaultUri: defaultExportUri(t), filters: CSV_FILTERS, saveLabel: 'Export' }));
  if (!uri) return undefined;
  let cancelled = false;
  try {
    const rows = await withCancellableProgress(`Exporting ${listName(t)}`, async (signal, progress) => {
      signal.addEventListener('abort', () => (cancelled = true));
      const items = entries(services, t, signal, (n) => progress.report({ message: `${n.toLocaleString('en-US')} rows…` }));
      return writeExport(t, items, uri, signal);
    });
    services.log.info(`Exported ${plural(rows, 'row')} of ${listName(t)} to ${uri.toString(true)}.`);
    notify('info', `Exported ${plural(rows, 'row')} of ${listName(t)} to ${fileName(uri)}.`, { 'Open File': () => vscode.window.showTextDocument(uri) }, services.log);
    return { rows, uri };
  } catch (err) {
    if (cancelled) reportOutcome(services.log, 'info', `Export cancelled: no file was written.`);
    else reportFailure(services.log, `Export of ${listName(t)} to ${uri.toString(true)}`, err, { hint: 'The export stopped; no file was written.', retry: () => exportList(services, t, uri) });
    return undefined;
  }
}

interface FileArgs {
  uri: vscode.Uri;
  /** Import: when some rows are bad, true sends the good ones, false sends nothing (without asking). */
  onlyValid: boolean;
}

function fileArgs(arg: unknown): Partial<FileArgs> {
  return arg instanceof vscode.Uri ? { uri: arg } : commandOptions<FileArgs>(arg);
}

async function exportSuppressions(services: Services, node: unknown, arg: unknown): Promise<ExportResult | undefined> {
  try {
    const t = await listTarget(services, node, 'Export Suppressions to CSV');
    return t && (await exportList(services, t, fileArgs(arg).uri));
  } catch (err) {
    reportFailure(services.log, 'Could not export the list', err);
    return undefined;
  }
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

/** Asks what to do with a file that has bad rows; true imports the good ones. */
async function importGoodRows(uri: vscode.Uri, good: number, problems: readonly string[]): Promise<boolean> {
  const IMPORT = `Import the ${plural(good, 'Valid Row')}`;
  const SHOW = 'Show All Problems';
  const answer = await vscode.window.showWarningMessage(
    `${plural(problems.length, 'row')} of ${fileName(uri)} cannot be imported. Nothing has been sent.`,
    { modal: true, detail: problemList(problems) },
    IMPORT,
    SHOW,
  );
  if (answer === SHOW) await showProblems(uri, problems);
  return answer === IMPORT;
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

/**
 * Checks every row of a CSV file before anything is sent, then uploads the rows as read and checked (the export's
 * formula guard and any BOM removed, only the columns Mailgun takes) for Mailgun to import in the background (202),
 * never the file's own bytes. With bad rows it sends nothing, unless the user chooses to import only the good ones.
 */
async function importSuppressions(services: Services, node: unknown, arg: unknown): Promise<ImportResult | undefined> {
  const args = fileArgs(arg);
  let t: ListTarget | undefined;
  let chosen: vscode.Uri | undefined;
  let uploading = false;
  try {
    t = await listTarget(services, node, 'Import Suppressions from CSV');
    if (!t) return undefined;
    const target = t;
    const uri =
      args.uri ??
      (await vscode.window.showOpenDialog({ title: `Import into ${listName(t)}`, filters: CSV_FILTERS, canSelectMany: false, openLabel: 'Import' }))?.[0];
    if (!uri) return undefined;
    chosen = uri;
    const name = fileName(uri);
    const nothing = (problems: string[]): ImportResult => ({ sent: false, rows: 0, problems });

    const { size } = await vscode.workspace.fs.stat(uri);
    if (size > MAX_IMPORT_BYTES) {
      reportRefusal(services.log, `${name} is ${megabytes(size)}; Mailgun imports at most ${megabytes(MAX_IMPORT_BYTES)} at a time. Split the file; nothing was sent.`);
      return nothing([]);
    }
    let parsed: ParsedSuppressionsCsv<SuppressionListName>;
    try {
      parsed = await readImportFile(t, uri, size);
    } catch (err) {
      if (!(err instanceof Error && err.name === 'AbortError')) throw err;
      reportOutcome(services.log, 'info', `Import cancelled while checking ${name}: nothing was sent.`);
      return nothing([]);
    }
    if (parsed.problems.length > 0) {
      if (parsed.inputs.length === 0) {
        reportRefusal(services.log, `${name} cannot be imported into ${listName(t)}; nothing was sent. ${problemList(parsed.problems).replace(/\n/g, ' ')}`);
        return nothing(parsed.problems);
      }
      const onlyValid = args.onlyValid ?? (await importGoodRows(uri, parsed.inputs.length, parsed.problems));
      if (!onlyValid) {
        reportRefusal(services.log, `${plural(parsed.problems.length, 'row')} of ${name} cannot be imported; nothing was sent. ${problemList(parsed.problems).replace(/\n/g, ' ')}`);
        return nothing(parsed.problems);
      }
    } else if (parsed.rows === 0) {
      reportRefusal(services.log, `${name} has no rows below its header; nothing was sent.`);
      return nothing([]);
    }
    const rows = parsed.inputs.length;
    const { suppressionsImportCsv } = await csvModule();
    const body = suppressionsImportCsv(t.kind, parsed.inputs);
    if (parsed.ignoredColumns.length > 0) services.log.info(`Import of ${name}: the columns ${parsed.ignoredColumns.join(', ')} are not Mailgun's for ${listName(t)} and were left out.`);

    const client = await clientOf(services, t);
    uploading = true;
    await withCancellableProgress(`Uploading ${name} to ${listName(t)}`, (signal) => client.suppressions[target.kind].importCsv(target.domainName, body, { filename: name, signal }));
    reload(services, t.node);
    const skipped = parsed.problems.length > 0 ? ` (${plural(parsed.problems.length, 'bad row')} left out)` : '';
    reportOutcome(services.log, 'info', `Mailgun accepted ${plural(rows, 'row')} of ${name}${skipped} for ${listName(t)} and imports them in the background: refresh the list in a few minutes to see them.`);
    return { sent: true, rows, problems: parsed.problems };
  } catch (err) {
    // The upload may have reached Mailgun before it failed: the list is reloaded to show what it holds.
    if (uploading && t) reload(services, t.node);
    // Retry imports the same file into the same list; the file is read and checked again.
    const again = chosen ? { ...args, uri: chosen } : arg;
    reportFailure(services.log, 'Could not import the file', err, { retry: () => importSuppressions(services, t?.node ?? node, again) });
    return undefined;
  }
}

export function registerSuppressionFileCommands(services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('mailgun.importSuppressions', (node?: unknown, arg?: unknown) => importSuppressions(services, node, arg)),
    vscode.commands.registerCommand('mailgun.exportSuppressions', (node?: unknown, arg?: unknown) => exportSuppressions(services, node, arg)),
  ];
}
