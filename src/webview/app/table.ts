// The data table beside each chart: the chart's accessible alternative, with the same buckets and series.
// Long ranges are paged, and a page only builds the rows in view of its scroll box and a few either side: Chromium
// spends about 20 µs laying out a table cell, so the 100 rows of a page cost more than the chart drawn next to them.
// Spacer rows keep the scroll height of the whole page; aria-rowcount and aria-rowindex tell screen readers where the
// rows are in the whole table.
import type { VscodeButton } from '@vscode-elements/elements/dist/vscode-button/vscode-button.js';
import type { StatsResolution } from '../protocol';
import { formatBucket } from './format';

export interface TableColumn {
  label: string;
  values: ArrayLike<number | null>;
  format: (n: number | null) => string;
}

export const ROWS_PER_PAGE = 100;
/** Rows built beyond those in view, on each side. */
export const OVERSCAN_ROWS = 5;
/** Until a row has been laid out: the scroll box is at most 380 px high (stats.css), rows about 22 px. */
const FIRST_ROW_HEIGHT = 22;
const FIRST_VIEW_HEIGHT = 380;

function cell(tag: 'th' | 'td', text: string, scope?: 'col' | 'row'): HTMLTableCellElement {
  const c = document.createElement(tag);
  if (scope) c.scope = scope;
  c.textContent = text;
  return c;
}

/** An empty row standing in for `rows` rows that are not built; its height is set through the CSSOM (the CSP allows it). */
function spacer(columns: number): HTMLTableRowElement {
  const row = document.createElement('tr');
  row.className = 'spacer';
  row.setAttribute('aria-hidden', 'true');
  const c = document.createElement('td');
  c.colSpan = columns;
  row.append(c);
  return row;
}

export interface TableParts {
  table: HTMLTableElement;
  /** The table's scroll box. */
  wrap: HTMLElement;
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
  /** Rows [first, end) of the page are built. */
  private built = { first: 0, end: 0 };
  private rowHeight = FIRST_ROW_HEIGHT;
  private viewHeight = FIRST_VIEW_HEIGHT;
  /** Kept from scroll events, so that building rows never has to ask for a layout. */
  private scrollTop = 0;
  private top: HTMLTableRowElement = spacer(1);
  private bottom: HTMLTableRowElement = spacer(1);
  private measurePending = false;

  constructor(private readonly parts: TableParts) {
    parts.previous.addEventListener('click', () => this.showPage(this.page - 1));
    parts.next.addEventListener('click', () => this.showPage(this.page + 1));
    parts.wrap.addEventListener('scroll', () => this.onScroll(), { passive: true });
  }

  /** New data or columns; `keepPage` stays on the same rows (a series was shown or hidden). */
  show(caption: string, times: readonly number[], resolution: StatsResolution, columns: readonly TableColumn[], keepPage = false): void {
    this.parts.table.caption!.textContent = caption;
    this.times = times;
    this.resolution = resolution;
    this.columns = columns;
    const headRow = document.createElement('tr');
    headRow.setAttribute('aria-rowindex', '1');
    headRow.append(cell('th', `Time (UTC, start of ${resolution})`, 'col'), ...columns.map((c) => cell('th', c.label, 'col')));
    this.parts.table.tHead!.replaceChildren(headRow);
    this.parts.table.setAttribute('aria-rowcount', String(times.length + 1));
    this.top = spacer(columns.length + 1);
    this.bottom = spacer(columns.length + 1);
    this.showPage(keepPage ? this.page : 0);
  }

  /** Rows of the current page: [from, to) of the whole table. */
  private get range(): { from: number; to: number } {
    const from = this.page * ROWS_PER_PAGE;
    return { from, to: Math.min(this.times.length, from + ROWS_PER_PAGE) };
  }

  private get pages(): number {
    return Math.max(1, Math.ceil(this.times.length / ROWS_PER_PAGE));
  }

  private showPage(page: number): void {
    this.page = Math.min(Math.max(0, page), this.pages - 1);
    this.buildRows(this.wanted());
    this.measureSoon();

    const { from, to } = this.range;
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

  /** The page's rows in view (indices within the page). */
  private inView(): { first: number; end: number } {
    const { from, to } = this.range;
    const first = Math.min(to - from, Math.floor(this.scrollTop / this.rowHeight));
    return { first, end: Math.min(to - from, first + Math.ceil(this.viewHeight / this.rowHeight)) };
  }

  /** The rows in view and a few either side, so that a short scroll needs no rebuild. */
  private wanted(): { first: number; end: number } {
    const { from, to } = this.range;
    const { first, end } = this.inView();
    return { first: Math.max(0, first - OVERSCAN_ROWS), end: Math.min(to - from, end + OVERSCAN_ROWS) };
  }

  private buildRows({ first, end }: { first: number; end: number }): void {
    const started = performance.now();
    const { from, to } = this.range;
    const template = document.createElement('tr');
    template.append(cell('th', '', 'row'), ...this.columns.map(() => cell('td', '')));
    const rows = document.createDocumentFragment();
    if (first > 0) rows.append(this.top);
    for (let i = from + first; i < from + end; i++) {
      const row = template.cloneNode(true) as HTMLTableRowElement;
      row.setAttribute('aria-rowindex', String(i + 2));
      row.cells[0].textContent = formatBucket(this.times[i], this.resolution);
      for (let c = 0; c < this.columns.length; c++) row.cells[c + 1].textContent = this.columns[c].format(this.columns[c].values[i]);
      rows.append(row);
    }
    if (from + end < to) rows.append(this.bottom);
    this.top.style.height = `${first * this.rowHeight}px`;
    this.bottom.style.height = `${(to - from - end) * this.rowHeight}px`;
    this.parts.table.tBodies[0].replaceChildren(rows);
    this.built = { first, end };
    const measure = `mailgun-stats:rows:${this.parts.table.id}`; // read by the benchmark; one kept, not one per scroll
    performance.clearMeasures(measure);
    performance.measure(measure, { start: started });
  }

  private onScroll(): void {
    this.scrollTop = this.parts.wrap.scrollTop;
    this.measure();
    const shown = this.inView();
    // Rebuild only once the rows in view reach past those built.
    if (shown.first < this.built.first || shown.end > this.built.end) this.buildRows(this.wanted());
  }

  /** The real row and view heights, read after the next layout rather than forcing one now. */
  private measureSoon(): void {
    if (this.measurePending) return;
    this.measurePending = true;
    requestAnimationFrame(() => {
      this.measurePending = false;
      if (this.measure()) this.buildRows(this.wanted());
    });
  }

  /** Whether the row height changed. */
  private measure(): boolean {
    // The box's most, not its height now: a short table's box grows when longer data arrives.
    const most = parseFloat(getComputedStyle(this.parts.wrap).maxHeight);
    this.viewHeight = Number.isFinite(most) ? most : Math.max(this.parts.wrap.clientHeight, window.innerHeight);
    // Averaged over the rows built: collapsed borders make the first one half a pixel shorter.
    const rows = this.parts.table.tBodies[0].querySelectorAll<HTMLTableRowElement>('tr:not(.spacer)');
    if (rows.length < 2) return false;
    const height = (rows[rows.length - 1].getBoundingClientRect().bottom - rows[0].getBoundingClientRect().top) / rows.length;
    if (height <= 0 || Math.abs(height - this.rowHeight) < 0.01) return false;
    this.rowHeight = height;
    return true;
  }
}
