// Export of the loaded log rows: NDJSON (each event whole, every field) or CSV (the table's columns). Written to a
// `.part` file created exclusively, then renamed: a failed export leaves nothing behind. Never imports vscode.
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { csvLib } from '../../chunks/load';
import { guardCell } from '../../csv/formula-guard';
import type { MessageLogRow } from '../../mailgun/message-logs';

export type LogsExportFormat = 'ndjson' | 'csv';

export const LOGS_CSV_COLUMNS = ['time', 'event', 'severity', 'reason', 'recipient', 'from', 'subject', 'message-id', 'domain', 'delivery-code', 'delivery-message', 'tags', 'id'] as const;

export function logsNdjson(rows: readonly MessageLogRow[]): string {
  return rows.map((r) => `${JSON.stringify(r.item)}\n`).join('');
}

export function logsCsv(rows: readonly MessageLogRow[]): string {
  const cells = rows.map((r) =>
    [new Date(r.time).toISOString(), r.event, r.severity, r.reason, r.recipient, r.from, r.subject, r.messageId, r.domain, r.deliveryCode, r.deliveryMessage, r.tags.join(' '), r.id].map((v) =>
      guardCell(v ?? ''),
    ),
  );
  return csvLib().stringify([[...LOGS_CSV_COLUMNS], ...cells]);
}

export function logsExportFileName(scope: string, format: LogsExportFormat, now = new Date()): string {
  const stamp = now.toISOString().slice(0, 16).replace(/[:T]/g, '-');
  return `mailgun-logs-${scope.replace(/[^\w.-]+/g, '_')}-${stamp}.${format}`;
}

/** Writes the rows to `destination` (a path) in one go; nothing is left there when it fails. */
export async function writeLogsExport(rows: readonly MessageLogRow[], format: LogsExportFormat, destination: string): Promise<void> {
  const partial = `${destination}.${randomBytes(8).toString('hex')}.part`;
  const file = await open(partial, 'wx', 0o600);
  try {
    await file.writeFile(format === 'csv' ? logsCsv(rows) : logsNdjson(rows), 'utf8');
    await file.close();
    await rename(partial, destination);
  } catch (error) {
    await file.close().catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  }
}
