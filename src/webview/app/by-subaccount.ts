// The "By subaccount" section of a parent region's stats panel: the chosen series, one row per subaccount, in a
// table sorted by any column (click its header), exported as CSV by the host. All text goes in through textContent.
import type { VscodeButton } from '@vscode-elements/elements/dist/vscode-button/vscode-button.js';
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import { COUNT_SERIES, RATE_SERIES, type StatsData } from '../protocol';
import { formatCount, formatRate } from './format';

type Rows = NonNullable<StatsData['bySubaccount']>;
const SERIES = [...COUNT_SERIES.map((s) => ({ ...s, rate: false })), ...RATE_SERIES.map((s) => ({ ...s, rate: true }))];

const byId = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

export class BySubaccountView {
  private readonly section = byId('by-subaccount-section');
  private readonly metric = byId<VscodeSingleSelect>('by-subaccount-metric');
  private readonly table = byId<HTMLTableElement>('by-subaccount-table');
  private rows: Rows = [];
  private sort: { by: 'name' | 'value'; descending: boolean } = { by: 'value', descending: true };

  constructor(exportCsv: () => void) {
    this.metric.innerHTML = '';
    for (const s of SERIES) {
      const option = document.createElement('vscode-option');
      option.setAttribute('value', s.key);
      option.textContent = s.label;
      this.metric.append(option);
    }
    this.metric.value = SERIES[0].key;
    this.metric.addEventListener('change', () => this.render());
    byId<VscodeButton>('by-subaccount-export').addEventListener('click', exportCsv);
  }

  /** Shows the rows of a parent region's data; hides the section when there are none. */
  show(rows: Rows | undefined): void {
    this.rows = rows ?? [];
    this.section.hidden = this.rows.length === 0;
    if (this.rows.length > 0) this.render();
  }

  private sortBy(by: 'name' | 'value'): void {
    this.sort = this.sort.by === by ? { by, descending: !this.sort.descending } : { by, descending: by === 'value' };
    this.render();
  }

  private render(): void {
    const series = SERIES.find((s) => s.key === this.metric.value) ?? SERIES[0];
    const value = (r: Rows[number]): number | null => r.values[series.key] ?? null;
    const sign = this.sort.descending ? -1 : 1;
    const sorted = [...this.rows].sort((a, b) =>
      this.sort.by === 'name' ? sign * a.name.localeCompare(b.name) : sign * ((value(a) ?? -1) - (value(b) ?? -1)) || a.name.localeCompare(b.name),
    );
    this.table.caption!.textContent = `${series.label} by subaccount over the whole range`;
    const head = document.createElement('tr');
    for (const [by, text] of [['name', 'Subaccount'], ['value', series.rate ? `${series.label} (%)` : series.label]] as const) {
      const th = document.createElement('th');
      th.scope = 'col';
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort';
      button.textContent = text;
      button.addEventListener('click', () => this.sortBy(by));
      th.setAttribute('aria-sort', this.sort.by === by ? (this.sort.descending ? 'descending' : 'ascending') : 'none');
      th.append(button);
      head.append(th);
    }
    this.table.tHead!.replaceChildren(head);
    this.table.tBodies[0].replaceChildren(
      ...sorted.map((r) => {
        const tr = document.createElement('tr');
        const name = document.createElement('th');
        name.scope = 'row';
        name.textContent = r.name;
        name.title = `Subaccount ID ${r.id}`;
        const cell = document.createElement('td');
        const v = value(r);
        cell.textContent = series.rate ? formatRate(v) : v === null ? '–' : formatCount(v);
        tr.append(name, cell);
        return tr;
      }),
    );
  }
}
