import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { AllowlistEntry, AllowlistInput, Bounce, BounceInput, Complaint, ComplaintInput, SuppressionListName, Unsubscribe, UnsubscribeInput } from '../mailgun';
import { validateSuppressionRow } from '../mailgun/validate';

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
 * flat however long the list. Cells a spreadsheet would run as formulas are escaped. A file is
 * written as `<file>.part` and renamed at the end: a failed or cancelled export leaves nothing behind.
 */
export async function exportSuppressionsCsv<L extends SuppressionListName>(
  list: L,
  items: AsyncIterable<SuppressionItemByList[L]>,
  destination: string | Writable,
  options: ExportOptions = {},
): Promise<{ rows: number }> {
  if (typeof destination !== 'string') return writeCsv(list, items, destination, options.signal);
  const partial = `${destination}.part`;
  const file = createWriteStream(partial);
  // Kept for the stream's whole life: an 'error' without a listener would crash the extension host.
  file.on('error', () => undefined);
  try {
    const result = await writeCsv(list, items, file, options.signal);
    file.end();
    await finished(file);
    await rename(partial, destination);
    return result;
  } catch (error) {
    file.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}

const CHUNK_ROWS = 1000;

async function writeCsv<L extends SuppressionListName>(list: L, items: AsyncIterable<SuppressionItemByList[L]>, out: Writable, signal: AbortSignal | undefined): Promise<{ rows: number }> {
  const columns = [...SUPPRESSION_CSV_COLUMNS[list]];
  let rows = 0;
  let chunk: string[][] = [];
  const flush = async (header: boolean) => {
    signal?.throwIfAborted();
    if (out.errored) throw out.errored;
    const text = stringify(chunk, { header, columns, escape_formulas: true });
    chunk = [];
    if (!out.write(text)) await waitForDrain(out, signal);
  };
  for await (const item of items) {
    chunk.push(toRow(list, item));
    if (++rows % CHUNK_ROWS === 0) await flush(rows === CHUNK_ROWS);
  }
  if (chunk.length > 0 || rows === 0) await flush(rows <= CHUNK_ROWS);
  return { rows };
}

function waitForDrain(out: Writable, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      out.off('drain', onDrain);
      out.off('error', done);
      signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onAbort = () => done(signal?.reason as Error);
    out.once('drain', onDrain);
    out.once('error', done);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export interface ParsedSuppressionsCsv<L extends SuppressionListName> {
  /** Rows that passed validation, ready for `addMany`. */
  inputs: SuppressionInputByList[L][];
  /** One sentence per rejected row or header problem. */
  problems: string[];
  /** Data rows read (header excluded). */
  rows: number;
}

// Undo escape_formulas: a leading ' before = + - @ tab or CR was added on export.
const unescapeFormula = (v: string) => (/^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v);

/** Reads and checks a suppression CSV (with a header line) before it is imported. */
export function readSuppressionsCsv<L extends SuppressionListName>(list: L, input: string | Uint8Array): ParsedSuppressionsCsv<L> {
  const result: ParsedSuppressionsCsv<L> = { inputs: [], problems: [], rows: 0 };
  let lines: { record: string[]; info: { lines: number } }[];
  try {
    const options = { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, info: true } as const;
    lines = parse(typeof input === 'string' ? input : Buffer.from(input), options) as unknown as typeof lines;
  } catch (error) {
    result.problems.push(`The file is not valid CSV: ${(error as Error).message}.`);
    return result;
  }
  const expected = SUPPRESSION_CSV_COLUMNS[list];
  const header = (lines[0]?.record ?? []).map((h) => h.toLowerCase());
  const needed = list === 'allowlist' ? ['address', 'domain'] : ['address'];
  if (!needed.some((n) => header.includes(n))) {
    result.problems.push(`The first line must be a header with the columns ${expected.join(',')} (found ${header.join(',') || 'nothing'}).`);
    return result;
  }
  for (let i = 1; i < lines.length; i++) {
    const row: Record<string, string> = {};
    header.forEach((name, col) => (row[name] = unescapeFormula(lines[i].record[col] ?? '')));
    result.rows++;
    const problem = validateSuppressionRow(list, row, lines[i].info.lines);
    if (problem) result.problems.push(problem);
    else result.inputs.push(toInput(list, row));
  }
  return result;
}

function toInput<L extends SuppressionListName>(list: L, row: Record<string, string>): SuppressionInputByList[L] {
  const opt = (k: string) => (row[k] ? row[k] : undefined);
  switch (list) {
    case 'bounces':
      return { address: row.address, code: opt('code'), error: opt('error'), created_at: opt('created_at') };
    case 'unsubscribes': {
      const tags = opt('tags') ?? opt('tag');
      return { address: row.address, tags: tags?.split(',').map((t) => t.trim()).filter(Boolean), created_at: opt('created_at') };
    }
    case 'complaints':
      return { address: row.address, created_at: opt('created_at') };
    default:
      return (row.address ? { address: row.address } : { domain: row.domain }) as SuppressionInputByList[L];
  }
}
