import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Options as ParseOptions } from 'csv-parse';
import type { AllowlistEntry, AllowlistInput, Bounce, BounceInput, Complaint, ComplaintInput, SuppressionListName, Unsubscribe, UnsubscribeInput } from '../mailgun';
import { splitTags, validateSuppressionRow } from '../mailgun/validate';
import { csvLib } from '../chunks/load';
import { writeChunk, writeFileAtomically } from './atomic-file';
import { guardCell, unguardCell } from './formula-guard';
import * as l10n from '../mailgun/l10n';

/** Columns Mailgun's import expects per list; exports use the same so a file can be imported back. */
export const SUPPRESSION_CSV_COLUMNS: Readonly<Record<SuppressionListName, readonly string[]>> = {
  bounces: ['address', 'code', 'error', 'created_at'],
  unsubscribes: ['address', 'tags', 'created_at'],
  complaints: ['address', 'created_at'],
  allowlist: ['address', 'domain'],
};

export interface SuppressionItemByList {
  bounces: Bounce;
  unsubscribes: Unsubscribe;
  complaints: Complaint;
  allowlist: AllowlistEntry;
}

export interface SuppressionInputByList {
  bounces: BounceInput;
  unsubscribes: UnsubscribeInput;
  complaints: ComplaintInput;
  allowlist: AllowlistInput;
}

function toRow<L extends SuppressionListName>(list: L, item: SuppressionItemByList[L]): string[] {
  switch (list) {
    case 'bounces': {
      const b = item as Bounce;
      return [b.address, b.code ?? '', b.error ?? '', b.created_at ?? ''];
    }
    case 'unsubscribes': {
      const u = item as Unsubscribe;
      return [u.address, u.tags.join(','), u.created_at ?? ''];
    }
    case 'complaints': {
      const c = item as Complaint;
      return [c.address, c.created_at ?? ''];
    }
    default: {
      const a = item as AllowlistEntry;
      return a.type === 'domain' ? ['', a.value] : [a.value, ''];
    }
  }
}

export interface ExportOptions {
  signal?: AbortSignal;
}

/**
 * Streams a suppression list to CSV, one chunk of rows at a time with backpressure, so memory stays
 * flat however long the list. Cells a spreadsheet would run as formulas are guarded (formula-guard.ts). A file is
 * written as `<file>.<random>.part`, created exclusively (a file or symlink planted there makes the export fail
 * rather than write through it), and renamed at the end: a failed or cancelled export leaves nothing behind.
 */
export async function exportSuppressionsCsv<L extends SuppressionListName>(
  list: L,
  items: AsyncIterable<SuppressionItemByList[L]>,
  destination: string | Writable,
  options: ExportOptions = {},
): Promise<{ rows: number }> {
  if (typeof destination !== 'string') return writeCsv(list, items, destination, options.signal);
  return writeFileAtomically(destination, (file) => writeCsv(list, items, file, options.signal));
}

const CHUNK_ROWS = 1000;

async function writeCsv<L extends SuppressionListName>(list: L, items: AsyncIterable<SuppressionItemByList[L]>, out: Writable, signal: AbortSignal | undefined): Promise<{ rows: number }> {
  const columns = [...SUPPRESSION_CSV_COLUMNS[list]];
  let rows = 0;
  let chunk: string[][] = [];
  const flush = async (header: boolean) => {
    signal?.throwIfAborted();
    const text = csvLib().stringify(
      chunk.map((row) => row.map(guardCell)),
      { header, columns },
    );
    chunk = [];
    await writeChunk(out, text, signal);
  };
  for await (const item of items) {
    chunk.push(toRow(list, item));
    if (++rows % CHUNK_ROWS === 0) await flush(rows === CHUNK_ROWS);
  }
  if (chunk.length > 0 || rows === 0) await flush(rows <= CHUNK_ROWS);
  return { rows };
}

export interface ParsedSuppressionsCsv<L extends SuppressionListName> {
  /** Rows that passed validation, ready for `addMany` or `suppressionsImportCsv`. */
  inputs: SuppressionInputByList[L][];
  /** One sentence per rejected row or header problem. */
  problems: string[];
  /** Data rows read (header excluded). */
  rows: number;
  /** Header columns Mailgun does not take for this list: their cells are left out of the upload. */
  ignoredColumns: string[];
}

const PARSE_OPTIONS = { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, info: true } as const satisfies ParseOptions;

interface ParsedLine {
  record: string[];
  info: { lines: number };
}

/** Takes parsed lines one at a time: the first is the header, each other a row checked and kept or refused. */
function rowReader<L extends SuppressionListName>(list: L) {
  const result: ParsedSuppressionsCsv<L> = { inputs: [], problems: [], rows: 0, ignoredColumns: [] };
  let header: string[] | undefined;
  let refused = false;
  const take = (line: ParsedLine): void => {
    if (refused) return;
    if (!header) {
      header = line.record.map((h) => h.toLowerCase());
      const expected = SUPPRESSION_CSV_COLUMNS[list];
      const accepted = [...expected, ...(list === 'unsubscribes' ? ['tag'] : [])];
      const needed = list === 'allowlist' ? ['address', 'domain'] : ['address'];
      if (!needed.some((n) => header!.includes(n))) {
        result.problems.push(
          header.join(',')
            ? l10n.t('The first line must be a header with the columns {0} (found {1}).', expected.join(','), header.join(','))
            : l10n.t('The first line must be a header with the columns {0} (found nothing).', expected.join(',')),
        );
        refused = true;
      }
      result.ignoredColumns = header.filter((h) => h !== '' && !accepted.includes(h));
      return;
    }
    const row: Record<string, string> = {};
    header.forEach((name, col) => (row[name] = unguardCell(line.record[col] ?? '')));
    result.rows++;
    const problem = validateSuppressionRow(list, row, line.info.lines);
    if (problem) result.problems.push(problem);
    else result.inputs.push(toInput(list, row));
  };
  return { result, take };
}

function notCsv<L extends SuppressionListName>(error: unknown): ParsedSuppressionsCsv<L> {
  return { inputs: [], problems: [l10n.t('The file is not valid CSV: {0}.', (error as Error).message)], rows: 0, ignoredColumns: [] };
}

/** Reads and checks a suppression CSV (with a header line) held in memory, before it is imported. */
export function readSuppressionsCsv<L extends SuppressionListName>(list: L, input: string | Uint8Array): ParsedSuppressionsCsv<L> {
  let lines: ParsedLine[];
  try {
    lines = csvLib().parse(typeof input === 'string' ? input : Buffer.from(input), PARSE_OPTIONS) as unknown as ParsedLine[];
  } catch (error) {
    return notCsv(error);
  }
  const reader = rowReader(list);
  lines.forEach(reader.take);
  return reader.result;
}

export interface ReadOptions {
  signal?: AbortSignal;
  /** Called as the bytes of the source are read, with the count so far. */
  onBytes?: (bytes: number) => void;
}

/** Rows between two turns of the event loop: a 25 MB file never holds the extension host for long. */
const ROWS_PER_TURN = 2000;

/**
 * Reads and checks a suppression CSV as it streams in (from a file read stream, or chunks), parsing one chunk at a
 * time and giving the event loop a turn every few thousand rows. Rejects with the signal's reason when cancelled.
 */
export async function readSuppressionsCsvStream<L extends SuppressionListName>(list: L, source: AsyncIterable<Uint8Array | string>, options: ReadOptions = {}): Promise<ParsedSuppressionsCsv<L>> {
  const reader = rowReader(list);
  let bytes = 0;
  async function* counted(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<Uint8Array | string> {
    for await (const chunk of chunks) {
      bytes += chunk.length;
      options.onBytes?.(bytes);
      yield chunk;
    }
  }
  async function sink(lines: AsyncIterable<ParsedLine>): Promise<void> {
    let n = 0;
    for await (const line of lines) {
      reader.take(line);
      if (++n % ROWS_PER_TURN === 0) {
        await nextTurn();
        options.signal?.throwIfAborted();
      }
    }
  }
  try {
    options.signal?.throwIfAborted();
    await pipeline(counted(source), csvLib().parseStream(PARSE_OPTIONS), sink, { signal: options.signal });
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    if ((error as { code?: string }).code?.startsWith('CSV_')) return notCsv(error);
    throw error;
  }
  return reader.result;
}

function toInput<L extends SuppressionListName>(list: L, row: Record<string, string>): SuppressionInputByList[L] {
  const opt = (k: string) => (row[k] ? row[k] : undefined);
  switch (list) {
    case 'bounces':
      return { address: row.address, code: opt('code'), error: opt('error'), created_at: opt('created_at') };
    case 'unsubscribes': {
      const tags = opt('tags') ?? opt('tag');
      return { address: row.address, tags: tags === undefined ? undefined : splitTags(tags), created_at: opt('created_at') };
    }
    case 'complaints':
      return { address: row.address, created_at: opt('created_at') };
    default:
      return (row.address ? { address: row.address } : { domain: row.domain }) as SuppressionInputByList[L];
  }
}
