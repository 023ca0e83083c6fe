// The data table beside each chart: the chart's accessible alternative, with the same buckets and series.
import type { StatsResolution } from '../protocol';
import { formatBucket } from './format';

export interface TableColumn {
  label: string;
  values: ArrayLike<number | null>;
  format: (n: number | null) => string;
}

function cell(tag: 'th' | 'td', text: string, scope?: 'col' | 'row'): HTMLTableCellElement {
  const c = document.createElement(tag);
  if (scope) c.scope = scope;
  c.textContent = text;
  return c;
}

/** Rebuilds the table's caption, header and body; all text goes in through textContent. */
export function renderTable(table: HTMLTableElement, caption: string, times: readonly number[], resolution: StatsResolution, columns: readonly TableColumn[]): void {
  table.caption!.textContent = caption;
  const headRow = document.createElement('tr');
  headRow.append(cell('th', `Time (UTC, start of ${resolution})`, 'col'), ...columns.map((c) => cell('th', c.label, 'col')));
  table.tHead!.replaceChildren(headRow);

  const body = document.createDocumentFragment();
  for (let i = 0; i < times.length; i++) {
    const row = document.createElement('tr');
    row.append(cell('th', formatBucket(times[i], resolution), 'row'));
    for (const c of columns) row.append(cell('td', c.format(c.values[i])));
    body.append(row);
  }
  table.tBodies[0].replaceChildren(body);
}
