// Export of message-log rows: NDJSON (each event whole, every field) or CSV (the table's columns, formulas guarded).
// Streamed a chunk of rows at a time into a `.part` file that is renamed at the end (csv/atomic-file.ts): a failed or
// cancelled export leaves nothing behind. Never imports vscode.
import { csvLib } from '../../chunks/load';
import { writeChunk, writeFileAtomically } from '../../csv/atomic-file';
import { guardCell } from '../../csv/formula-guard';
import type { MessageLogRow } from '../../mailgun/message-logs';

export type LogsExportFormat = 'ndjson' | 'csv';

export const LOGS_CSV_COLUMNS = ['time', 'event', 'severity', 'reason', 'recipient', 'from', 'subject', 'message-id', 'domain', 'delivery-code', 'delivery-message', 'tags', 'id'] as const;

export function logsNdjson(rows: readonly MessageLogRow[]): string {
  return rows.map((r) => `${JSON.stringify(r.item)}\n`).join('');
}

export function logsCsv(rows: readonly MessageLogRow[], header = true): string {
  const cells = rows.map((r) =>
    [new Date(r.time).toISOString(), r.event, r.severity, r.reason, r.recipient, r.from, r.subject, r.messageId, r.domain, r.deliveryCode, r.deliveryMessage, r.tags.join(' '), r.id].map((v) =>
      guardCell(v ?? ''),
    ),
  );
  return csvLib().stringify(header ? [[...LOGS_CSV_COLUMNS], ...cells] : cells);
}

export function logsExportFileName(scope: string, format: LogsExportFormat, now = new Date()): string {
  const stamp = now.toISOString().slice(0, 16).replace(/[:T]/g, '-');
  return `mailgun-logs-${scope.replace(/[^\w.-]+/g, '_')}-${stamp}.${format}`;
}

export interface LogsExportOptions {
  signal?: AbortSignal;
  /** Called after each chunk written with the rows written so far. */
  onRows?: (rows: number) => void;
}

const CHUNK_ROWS = 1000;

/** Streams the rows to `destination` (a path); nothing is left there when it fails or is cancelled. */
export function writeLogsExport(
  rows: Iterable<MessageLogRow> | AsyncIterable<MessageLogRow>,
  format: LogsExportFormat,
  destination: string,
  options: LogsExportOptions = {},
): Promise<{ rows: number }> {
  const { signal, onRows } = options;
  return writeFileAtomically(destination, async (out) => {
    let written = 0;
    let chunk: MessageLogRow[] = [];
    const flush = async (): Promise<void> => {
      const header = format === 'csv' && written === 0;
      if (chunk.length === 0 && !header) return;
      await writeChunk(out, format === 'csv' ? logsCsv(chunk, header) : logsNdjson(chunk), signal);
      written += chunk.length;
      chunk = [];
      onRows?.(written);
    };
    for await (const row of rows) {
      chunk.push(row);
      if (chunk.length === CHUNK_ROWS) await flush();
    }
    await flush();
    return { rows: written };
  });
}
