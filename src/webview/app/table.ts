// The data table beside each chart: the chart's accessible alternative, with the same buckets and series.
// Long ranges are paged: Chromium needs hundreds of milliseconds to lay out a 1,440-row table in one go.
import type { VscodeButton } from '@vscode-elements/elements/dist/vscode-button/vscode-button.js';
import type { StatsResolution } from '../protocol';
import { formatBucket } from './format';

export interface TableColumn {
  label: string;
  values: ArrayLike<number | null>;
  format: (n: number | null) => string;
}

export const ROWS_PER_PAGE = 100;

function cell(tag: 'th' | 'td', text: string, scope?: 'col' | 'row'): HTMLTableCellElement {
  const c = document.createElement(tag);
  if (scope) c.scope = scope;
  c.textContent = text;
  return c;
}

export interface TableParts {
  table: HTMLTableElement;
  pager: HTMLElement;
  previous: VscodeButton;
  next: VscodeButton;
  /** "Rows 1–200 of 1,440", announced politely. */
  position: HTMLElement;
}

/** One table and its pager. All text goes in through textContent. */
export class DataTable {
  private times: readonly number[] = [];
  private resolution: StatsResolution = 'day';
  private columns: readonly TableColumn[] = [];
  private page = 0;

  constructor(private readonly parts: TableParts) {
    parts.previous.addEventListener('click', () => this.showPage(this.page - 1));
    parts.next.addEventListener('click', () => this.showPage(this.page + 1));
  }

  /** New data or columns; `keepPage` stays on the same rows (a series was shown or hidden). */
  show(caption: string, times: readonly number[], resolution: StatsResolution, columns: readonly TableColumn[], keepPage = false): void {
    this.parts.table.caption!.textContent = caption;
    this.times = times;
    this.resolution = resolution;
    this.columns = columns;
    const headRow = document.createElement('tr');
    headRow.append(cell('th', `Time (UTC, start of ${resolution})`, 'col'), ...columns.map((c) => cell('th', c.label, 'col')));
    this.parts.table.tHead!.replaceChildren(headRow);
    this.showPage(keepPage ? this.page : 0);
  }

  private get pages(): number {
    return Math.max(1, Math.ceil(this.times.length / ROWS_PER_PAGE));
  }

  private showPage(page: number): void {
    this.page = Math.min(Math.max(0, page), this.pages - 1);
    const from = this.page * ROWS_PER_PAGE;
    const to = Math.min(this.times.length, from + ROWS_PER_PAGE);
    const template = document.createElement('tr');
    template.append(cell('th', '', 'row'), ...this.columns.map(() => cell('td', '')));
    const rows = document.createDocumentFragment();
    for (let i = from; i < to; i++) {
      const row = template.cloneNode(true) as HTMLTableRowElement;
      row.cells[0].textContent = formatBucket(this.times[i], this.resolution);
      for (let c = 0; c < this.columns.length; c++) row.cells[c + 1].textContent = this.columns[c].format(this.columns[c].values[i]);
      rows.append(row);
    }
    this.parts.table.tBodies[0].replaceChildren(rows);

    const { pager, previous, next, position } = this.parts;
    pager.hidden = this.pages === 1;
    previous.disabled = this.page === 0;
    next.disabled = this.page === this.pages - 1;
    // A button that just disabled itself would drop the keyboard focus.
    if (document.activeElement === next && next.disabled) previous.focus();
    if (document.activeElement === previous && previous.disabled) next.focus();
    const count = (n: number): string => n.toLocaleString('en-US');
    position.textContent = `Rows ${count(from + 1)}–${count(to)} of ${count(this.times.length)}`;
  }
}
