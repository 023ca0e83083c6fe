import type { AllowlistInput, BounceInput, SuppressionListName, UnsubscribeInput } from '../mailgun';
import { csvLib } from '../chunks/load';
import { SUPPRESSION_CSV_COLUMNS, type SuppressionInputByList } from './suppressions-csv';

const text = (v: string | number | Date | undefined): string => (v === undefined ? '' : v instanceof Date ? v.toUTCString() : String(v));

/**
 * The file uploaded to Mailgun's import: exactly these rows (those of a user's file that passed `readSuppressionsCsv`,
 * the export's formula guard and any BOM already gone), in only the columns Mailgun takes for the list. Values go as
 * they are: this file is for Mailgun, not a spreadsheet. An unsubscribe with several tags becomes one row per tag
 * (Mailgun's import reads `tags` as the one tag to unsubscribe from, and adds a known address's new tags to it).
 */
export function suppressionsImportCsv<L extends SuppressionListName>(list: L, inputs: readonly SuppressionInputByList[L][]): string {
  const rows = inputs.flatMap((input): string[][] => {
    switch (list) {
      case 'bounces': {
        const b = input as BounceInput;
        return [[b.address, text(b.code), text(b.error), text(b.created_at)]];
      }
      case 'unsubscribes': {
        const u = input as UnsubscribeInput;
        const tags = u.tags?.length ? u.tags : [''];
        return tags.map((tag) => [u.address, tag, text(u.created_at)]);
      }
      case 'complaints': {
        const c = input as SuppressionInputByList['complaints'];
        return [[c.address, text(c.created_at)]];
      }
      default: {
        const a = input as AllowlistInput;
        return [[a.address ?? '', a.domain ?? '']];
      }
    }
  });
  return csvLib().stringify(rows, { header: true, columns: [...SUPPRESSION_CSV_COLUMNS[list]] });
}
