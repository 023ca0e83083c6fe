import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify';
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
 * Streams a suppression list to CSV with backpressure, so memory stays flat however long the list.
 * Cells that a spreadsheet would run as formulas are escaped. Writes to `<file>.part` and renames at
 * the end: a failed or cancelled export leaves no half-written file behind.
 */
export async function exportSuppressionsCsv<L extends SuppressionListName>(
  list: L,
  items: AsyncIterable<SuppressionItemByList[L]>,
  destination: string | Writable,
  options: ExportOptions = {},
): Promise<{ rows: number }> {
  let rows = 0;
  async function* records() {
    for await (const item of items) {
      rows++;
      yield toRow(list, item);
    }
  }
  const csv = stringify({ header: true, columns: [...SUPPRESSION_CSV_COLUMNS[list]], escape_formulas: true });
  if (typeof destination !== 'string') {
    await pipeline(Readable.from(records()), csv, destination, { signal: options.signal });
    return { rows };
  }
  const partial = `${destination}.part`;
  try {
    await pipeline(Readable.from(records()), csv, createWriteStream(partial), { signal: options.signal });
    await rename(partial, destination);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return { rows };
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
