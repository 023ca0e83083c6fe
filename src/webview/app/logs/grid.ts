// The virtualised events table: rows of fixed height, only those in view (and a few either side) exist in the DOM,
// absolutely placed over a spacer as tall as all rows. Keyboard: arrows, Page Up/Down, Home/End move the selection,
// Enter opens the details. All text goes in through textContent.
import type { WireRow } from '../../logs/protocol';

export const ROW_HEIGHT = 24;
const OVERSCAN = 8;

const ICONS: Record<string, string> = {
  accepted: 'inbox',
  delivered: 'check',
  failed: 'error',
  rejected: 'circle-slash',
  opened: 'eye',
  unique_opened: 'eye',
  clicked: 'link',
  unique_clicked: 'link',
  unsubscribed: 'bell-slash',
  complained: 'report',
  stored: 'database',
};

const pad = (n: number): string => String(n).padStart(2, '0');
export function formatTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** The status column: the delivery code and message, else the reason. */
export function statusText(r: WireRow): string {
  const code = r.deliveryCode && r.deliveryCode !== '0' ? r.deliveryCode : '';
  const parts = [code, r.deliveryMessage, !r.deliveryMessage && r.reason ? r.reason : undefined].filter(Boolean);
  return [r.severity, parts.join(' ')].filter(Boolean).join(': ');
}

/** Colour class of the event cell, by severity. */
function tone(r: WireRow): string {
  if (r.event === 'failed' || r.event === 'rejected') return r.severity === 'temporary' ? 'warn' : 'bad';
  if (r.event === 'complained' || r.event === 'unsubscribed') return 'warn';
  if (r.event === 'delivered') return 'good';
  return 'plain';
}

export class LogGrid {
  private rows: WireRow[] = [];
  private readonly built = new Map<number, HTMLElement>();
  private selected = -1;
  private scrollTop = 0;
  private viewHeight = 400;
  private framePending = false;

  constructor(
    private readonly box: HTMLElement,
    private readonly space: HTMLElement,
    private readonly onOpen: (row: WireRow) => void,
  ) {
    box.addEventListener('scroll', () => {
      this.scrollTop = box.scrollTop;
      this.renderSoon();
    }, { passive: true });
    box.addEventListener('keydown', (e) => this.onKey(e));
    box.addEventListener('click', (e) => {
      const el = (e.target as HTMLElement).closest<HTMLElement>('.row');
      if (!el) return;
      this.select(Number(el.dataset.index), false);
      this.open();
    });
    new ResizeObserver(() => {
      // Never more than the window: a box that grew with its content must not make every row be built.
      this.viewHeight = Math.min(box.clientHeight || this.viewHeight, window.innerHeight);
      this.render();
    }).observe(box);
  }

  get size(): number {
    return this.rows.length;
  }

  find(id: string): WireRow | undefined {
    return this.rows.find((r) => r.id === id);
  }

  focus(): void {
    this.box.focus();
  }

  setRows(rows: WireRow[]): void {
    this.rows = rows.slice();
    this.selected = -1;
    this.box.scrollTop = this.scrollTop = 0;
    this.rebuild();
  }

  append(rows: readonly WireRow[]): void {
    this.rows.push(...rows);
    this.rebuild();
  }

  /** Newer rows on top; what the user looks at stays where it is unless they were at the top. */
  prepend(rows: readonly WireRow[]): void {
    if (rows.length === 0) return;
    this.rows = [...rows, ...this.rows];
    if (this.selected >= 0) this.selected += rows.length;
    if (this.scrollTop > 0) this.box.scrollTop = this.scrollTop = this.scrollTop + rows.length * ROW_HEIGHT;
    this.rebuild();
  }

  /** Moves the selection to row `index` and scrolls it into view. */
  select(index: number, scroll = true): void {
    if (this.rows.length === 0) return;
    this.selected = Math.max(0, Math.min(this.rows.length - 1, index));
    if (scroll) {
      const top = this.selected * ROW_HEIGHT;
      if (top < this.scrollTop) this.box.scrollTop = this.scrollTop = top;
      else if (top + ROW_HEIGHT > this.scrollTop + this.viewHeight) this.box.scrollTop = this.scrollTop = top + ROW_HEIGHT - this.viewHeight;
    }
    this.render();
    this.box.setAttribute('aria-activedescendant', `row-${this.selected}`);
  }

  private open(): void {
    const row = this.rows[this.selected];
    if (row) this.onOpen(row);
  }

  private onKey(e: KeyboardEvent): void {
    const page = Math.max(1, Math.floor(this.viewHeight / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, Home: -Infinity, End: Infinity };
    if (e.key in moves) {
      e.preventDefault();
      const step = moves[e.key];
      this.select(step === -Infinity ? 0 : step === Infinity ? this.rows.length - 1 : Math.max(0, this.selected) + step);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      if (this.selected < 0) this.select(0);
      this.open();
    }
  }

  private rebuild(): void {
    for (const el of this.built.values()) el.remove();
    this.built.clear();
    this.space.style.height = `${this.rows.length * ROW_HEIGHT}px`;
    this.box.setAttribute('aria-rowcount', String(this.rows.length));
    this.render();
  }

  private renderSoon(): void {
    if (this.framePending) return;
    this.framePending = true;
    requestAnimationFrame(() => {
      this.framePending = false;
      this.render();
    });
  }

  /** Builds the rows in view and removes those scrolled far away. */
  private render(): void {
    const first = Math.max(0, Math.floor(this.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const end = Math.min(this.rows.length, Math.ceil((this.scrollTop + this.viewHeight) / ROW_HEIGHT) + OVERSCAN);
    for (const [i, el] of this.built) {
      if (i < first || i >= end) {
        el.remove();
        this.built.delete(i);
      }
    }
    for (let i = first; i < end; i++) {
      let el = this.built.get(i);
      if (!el) {
        el = this.buildRow(i);
        this.built.set(i, el);
        this.space.append(el);
      }
      el.classList.toggle('selected', i === this.selected);
      el.setAttribute('aria-selected', String(i === this.selected));
    }
  }

  private buildRow(i: number): HTMLElement {
    const r = this.rows[i];
    const el = document.createElement('div');
    el.className = 'row';
    el.id = `row-${i}`;
    el.role = 'row';
    el.dataset.index = String(i);
    el.setAttribute('aria-rowindex', String(i + 1));
    el.style.transform = `translateY(${i * ROW_HEIGHT}px)`;
    const cell = (text: string, cls = ''): HTMLElement => {
      const c = document.createElement('span');
      c.role = 'gridcell';
      c.className = `cell ${cls}`;
      c.textContent = text;
      c.title = text;
      return c;
    };
    const event = cell('', `event tone-${tone(r)}`);
    const icon = document.createElement('span');
    icon.className = `codicon codicon-${ICONS[r.event] ?? 'mail'}`;
    icon.setAttribute('aria-hidden', 'true');
    const label = document.createElement('span');
    label.textContent = r.event;
    event.append(icon, label);
    event.title = r.event;
    el.append(
      cell(formatTime(r.time), 'time'),
      event,
      cell(r.recipient ?? ''),
      cell(r.from ?? ''),
      cell(r.subject ?? ''),
      cell(statusText(r)),
      cell(r.tags.join(', ')),
    );
    return el;
  }
}
