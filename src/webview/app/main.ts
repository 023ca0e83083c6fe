// The stats webview's browser app. It never sees the API key: the extension host fetches and posts the data here.
// Every message is checked with zod; everything from the host is put on the page as text.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { VscodeButton } from '@vscode-elements/elements/dist/vscode-button/vscode-button.js';
import type { VscodeCheckbox } from '@vscode-elements/elements/dist/vscode-checkbox/vscode-checkbox.js';
import type { VscodeOption } from '@vscode-elements/elements/dist/vscode-option/vscode-option.js';
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import type { VscodeTextfield } from '@vscode-elements/elements/dist/vscode-textfield/vscode-textfield.js';
import './stats.css';
import { crossings } from '../crossings';
import { thresholdPlugin } from './threshold-plugin';
import {
  COUNT_SERIES,
  DEFAULT_QUERY,
  HOURLY_RETENTION_DAYS,
  RATE_SERIES,
  protocolSchemas,
  type HostMessage,
  type StatsData,
  type StatsQuery,
  type StatsRange,
  type StatsResolution,
  type StatsTarget,
  type WebviewMessage,
} from '../protocol';
import { BySubaccountView } from './by-subaccount';
import { StatsChart } from './chart';
import { connect } from './messaging';
import { formatBucket, formatCount, formatRate, resolutionNoun, spanText } from './format';
import { DataTable, type TableColumn } from './table';
import { readPalette, watchTheme, type Palette } from './theme';

const host = connect<HostMessage, WebviewMessage>({ name: 'stats panel', incoming: protocolSchemas().hostMessage, handle: (message) => handle(message), measure: 'mailgun-stats' });

const byId = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;
const ui = {
  title: byId('title'),
  subtitle: byId('subtitle'),
  range: byId<VscodeSingleSelect>('range'),
  resolution: byId<VscodeSingleSelect>('resolution'),
  hourOption: document.querySelector<VscodeOption>('#resolution vscode-option[value="hour"]')!,
  customRange: byId('custom-range'),
  customStart: byId<VscodeTextfield>('custom-start'),
  customEnd: byId<VscodeTextfield>('custom-end'),
  customApply: byId<VscodeButton>('custom-apply'),
  refresh: byId<VscodeButton>('refresh'),
  exportCsv: byId<VscodeButton>('export'),
  rangeProblem: byId('range-problem'),
  main: byId('main'),
  spinner: byId('spinner'),
  statusText: byId('status-text'),
  error: byId('error'),
  errorMessage: byId('error-message'),
  retry: byId<VscodeButton>('retry'),
  source: byId('source'),
  totals: byId('totals'),
};

interface Group {
  id: 'counts' | 'rates';
  heading: string;
  kind: 'count' | 'rate';
  series: readonly { key: string; label: string }[];
  values: (data: StatsData, key: string) => (number | null)[];
  format: (n: number | null) => string;
}

const GROUPS: readonly Group[] = [
  {
    id: 'counts',
    heading: 'Events',
    kind: 'count',
    series: COUNT_SERIES,
    values: (d, key) => d.counts[key as keyof StatsData['counts']],
    format: (n) => (n === null ? '–' : formatCount(n)),
  },
  { id: 'rates', heading: 'Rates', kind: 'rate', series: RATE_SERIES, values: (d, key) => d.rates[key as keyof StatsData['rates']], format: formatRate },
];

const state = {
  target: undefined as StatsTarget | undefined,
  query: DEFAULT_QUERY,
  hidden: new Set<string>(),
  latestRequest: -1,
  data: undefined as StatsData | undefined,
  palette: undefined as Palette | undefined,
  charts: new Map<Group['id'], StatsChart>(),
};

const post = (message: WebviewMessage): void => host.post(message);

function saveState(): void {
  if (state.target) host.setState({ target: state.target, query: state.query, hidden: [...state.hidden] });
}

// ---- controls -------------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const today = (): string => new Date().toISOString().slice(0, 10);
const daysAgo = (n: number): string => new Date(Date.now() - n * DAY_MS).toISOString().slice(0, 10);

function defaultResolution(range: StatsRange): StatsResolution {
  return range === '24h' ? 'hour' : 'day';
}

/** Whether hourly buckets can be asked for: Mailgun keeps them for 60 days. */
function hourlyAllowed(query: Pick<StatsQuery, 'range' | 'start'>): boolean {
  if (query.range !== 'custom') return true;
  return !!query.start && Date.parse(`${query.start}T00:00:00Z`) >= Date.now() - HOURLY_RETENTION_DAYS * DAY_MS;
}

function showRangeProblem(text: string | undefined): void {
  ui.rangeProblem.textContent = text ?? '';
  ui.rangeProblem.hidden = !text;
}

function setControls(query: StatsQuery): void {
  ui.range.value = query.range;
  ui.resolution.value = query.resolution;
  ui.customRange.hidden = query.range !== 'custom';
  if (query.range === 'custom') {
    ui.customStart.value = query.start ?? '';
    ui.customEnd.value = query.end ?? '';
  }
  ui.hourOption.disabled = !hourlyAllowed(query);
}

function request(query: StatsQuery): void {
  showRangeProblem(undefined);
  state.query = query;
  setControls(query);
  saveState();
  post({ type: 'load', query });
}

/** The custom range as typed, or a sentence saying what is wrong with it. */
function customQuery(resolution: StatsResolution): StatsQuery | string {
  const start = ui.customStart.value;
  const end = ui.customEnd.value;
  if (!start || !end) return 'Choose a start and an end date.';
  if (start > end) return 'The start date must be on or before the end date.';
  if (start > today()) return 'The start date is in the future.';
  if (resolution === 'hour' && !hourlyAllowed({ range: 'custom', start })) {
    return `Mailgun keeps hourly stats for ${HOURLY_RETENTION_DAYS} days only. Choose Day or Month, or a later start date.`;
  }
  return { range: 'custom', resolution, start, end };
}

ui.range.addEventListener('change', () => {
  const range = ui.range.value as StatsRange;
  if (range === 'custom') {
    ui.customRange.hidden = false;
    if (!ui.customStart.value) ui.customStart.value = state.query.start ?? daysAgo(6);
    if (!ui.customEnd.value) ui.customEnd.value = state.query.end ?? today();
    ui.customStart.focus();
    return;
  }
  request({ range, resolution: defaultResolution(range) });
});

ui.customApply.addEventListener('click', () => {
  const query = customQuery(ui.resolution.value as StatsResolution);
  if (typeof query === 'string') showRangeProblem(query);
  else request(query);
});

ui.resolution.addEventListener('change', () => {
  const resolution = ui.resolution.value as StatsResolution;
  if (state.query.range === 'custom' || ui.range.value === 'custom') {
    const query = customQuery(resolution);
    if (typeof query === 'string') showRangeProblem(query);
    else request(query);
    return;
  }
  request({ range: state.query.range, resolution });
});

ui.refresh.addEventListener('click', () => request(state.query));
ui.retry.addEventListener('click', () => request(state.query));
ui.exportCsv.addEventListener('click', () => post({ type: 'exportCsv' }));
const bySubaccount = new BySubaccountView(() => post({ type: 'exportBySubaccountCsv' }));

function buildToggles(): void {
  for (const group of GROUPS) {
    const container = byId(`${group.id}-toggles`);
    for (const s of group.series) {
      const wrapper = document.createElement('span');
      wrapper.className = 'toggle';
      const swatch = document.createElement('span');
      swatch.className = `swatch swatch-${s.key}`;
      swatch.setAttribute('aria-hidden', 'true');
      const box = document.createElement('vscode-checkbox');
      box.label = s.label;
      box.checked = !state.hidden.has(s.key);
      box.dataset.key = s.key;
      box.addEventListener('change', () => setShown(s.key, box.checked));
      wrapper.append(swatch, box);
      container.append(wrapper);
    }
  }
}

function syncToggles(): void {
  document.querySelectorAll<VscodeCheckbox>('.series-toggles vscode-checkbox').forEach((box) => {
    box.checked = !state.hidden.has(box.dataset.key ?? '');
  });
}

function setShown(key: string, shown: boolean): void {
  if (shown === !state.hidden.has(key)) return;
  if (shown) state.hidden.delete(key);
  else state.hidden.add(key);
  saveState();
  syncToggles();
  for (const group of GROUPS) {
    if (!group.series.some((s) => s.key === key)) continue;
    state.charts.get(group.id)?.showSeries(key, shown);
    if (state.data) renderGroupTable(group, state.data, true);
  }
}

// ---- rendering ------------------------------------------------------------------------------------------------

function setBusy(busy: boolean, text: string): void {
  ui.spinner.hidden = !busy;
  ui.statusText.textContent = text;
  if (busy) ui.main.setAttribute('aria-busy', 'true');
  else ui.main.removeAttribute('aria-busy');
  for (const g of GROUPS) byId(`${g.id}-section`).classList.toggle('stale', busy);
}

function hideData(): void {
  ui.source.hidden = true;
  ui.totals.hidden = true;
  for (const g of GROUPS) byId(`${g.id}-section`).hidden = true;
  bySubaccount.show(undefined);
  for (const chart of state.charts.values()) chart.destroy();
  state.charts.clear();
}

function rangeText(query: StatsQuery): string {
  const names: Record<Exclude<StatsRange, 'custom'>, string> = { '24h': 'the last 24 hours', '7d': 'the last 7 days', '30d': 'the last 30 days', '60d': 'the last 60 days' };
  return query.range === 'custom' ? `${query.start ?? '?'} to ${query.end ?? '?'}` : names[query.range];
}

function renderTotals(data: StatsData): void {
  const items: [string, string][] = [
    ...COUNT_SERIES.map((s): [string, string] => [s.label, formatCount(data.totals.counts[s.key])]),
    ...RATE_SERIES.map((s): [string, string] => [s.label, formatRate(data.totals.rates[s.key])]),
  ];
  // Each alert on a charted rate: whether this window crossed it, and where first.
  for (const t of data.thresholds ?? []) {
    const crossed = crossings(data, t);
    const unit = resolutionNoun(data.resolution);
    items.push([
      t.label,
      crossed.length === 0
        ? `not crossed in this window`
        : `crossed in ${crossed.length} of ${data.times.length} ${unit}s, first ${formatBucket(crossed[0], data.resolution)} UTC`,
    ]);
  }
  ui.totals.replaceChildren(
    ...items.map(([label, value]) => {
      const div = document.createElement('div');
      const dt = document.createElement('dt');
      dt.textContent = label;
      const dd = document.createElement('dd');
      dd.textContent = value;
      div.append(dt, dd);
      return div;
    }),
  );
  ui.totals.hidden = false;
}

function caption(group: Group, data: StatsData): string {
  return `${group.heading} per ${resolutionNoun(data.resolution)}, ${spanText(data.times, data.resolution)} (UTC)`;
}

const tables = new Map(
  GROUPS.map((g) => [
    g.id,
    new DataTable({
      table: byId<HTMLTableElement>(`${g.id}-table`),
      wrap: byId(`${g.id}-table`).parentElement!,
      pager: byId(`${g.id}-pager`),
      previous: byId<VscodeButton>(`${g.id}-previous`),
      next: byId<VscodeButton>(`${g.id}-next`),
      position: byId(`${g.id}-position`),
    }),
  ]),
);

function renderGroupTable(group: Group, data: StatsData, keepPage = false): void {
  const columns: TableColumn[] = group.series
    .filter((s) => !state.hidden.has(s.key))
    .map((s) => ({ label: s.label, values: group.values(data, s.key), format: group.format }));
  tables.get(group.id)!.show(caption(group, data), data.times, data.resolution, columns, keepPage);
}

/**
 * The chart boxes' widths, read together before any chart is built: the first read lays the page out once, and a read
 * after a chart went in would lay it out again (the boxes are grid columns, so their width never depends on the chart).
 */
function chartWidths(): Map<string, number> {
  return new Map(GROUPS.map((g) => [g.id, byId(`${g.id}-chart`).clientWidth]));
}

function renderGroupChart(group: Group, data: StatsData, palette: Palette, width: number): Promise<void> {
  const target = byId(`${group.id}-chart`);
  state.charts.get(group.id)?.destroy();
  target.replaceChildren();
  const lines = group.series.map((s) => ({ key: s.key, label: s.label, values: group.values(data, s.key) }));
  const chart = new StatsChart(target, {
    kind: group.kind,
    resolution: data.resolution,
    times: data.times,
    lines,
    hidden: state.hidden,
    palette,
    width,
    onToggle: (key, shown) => setShown(key, shown),
    plugins: group.kind === 'rate' && data.thresholds?.length ? [thresholdPlugin(data.thresholds, (key) => palette.series[key] ?? palette.foreground, palette.font)] : undefined,
  });
  state.charts.set(group.id, chart);
  target.dataset.theme = palette.kind;
  const totals = group.series
    .map((s) => `${s.label} ${group.kind === 'rate' ? formatRate(data.totals.rates[s.key as keyof StatsData['rates']]) : formatCount(data.totals.counts[s.key as keyof StatsData['counts']])}`)
    .join(', ');
  target.setAttribute('aria-label', `Line chart of ${group.heading.toLowerCase()} per ${resolutionNoun(data.resolution)}, ${spanText(data.times, data.resolution)} UTC. ${group.kind === 'rate' ? 'Rates over the whole range' : 'Totals'}: ${totals}. The table next to it lists every value.`);
  return chart.drawn;
}

/** The performance measures are what the benchmark reads. */
async function render(requestId: number, data: StatsData): Promise<void> {
  const started = performance.now();
  state.data = data;
  ui.error.hidden = true;
  ui.exportCsv.disabled = false;
  const api = data.source === 'metrics' ? 'the Metrics API' : 'the Stats API (deprecated)';
  ui.source.textContent = `Source: ${api} · ${data.times.length.toLocaleString('en-US')} ${resolutionNoun(data.resolution)}s · times in UTC.${data.note ? ` ${data.note}` : ''}`;
  ui.source.hidden = false;
  renderTotals(data);
  bySubaccount.show(data.bySubaccount);
  const empty = Object.values(data.totals.counts).every((n) => n === 0);
  if (empty) {
    for (const g of GROUPS) byId(`${g.id}-section`).hidden = true;
    for (const chart of state.charts.values()) chart.destroy();
    state.charts.clear();
    setBusy(false, `No mail was accepted or delivered in ${rangeText(state.query)}.`);
  } else {
    const palette = (state.palette ??= readPalette());
    for (const g of GROUPS) byId(`${g.id}-section`).hidden = false;
    setBusy(false, `Showing ${data.times.length.toLocaleString('en-US')} ${resolutionNoun(data.resolution)}s, ${spanText(data.times, data.resolution)} (UTC).`);
    const widths = chartWidths();
    for (const g of GROUPS) {
      const start = performance.now();
      await renderGroupChart(g, data, palette, widths.get(g.id)!);
      performance.measure(`mailgun-stats:chart:${g.id}`, { start });
    }
    performance.measure('mailgun-stats:charts', { start: started });
    if (state.data !== data) return; // newer data arrived meanwhile
    const tablesStart = performance.now();
    for (const g of GROUPS) renderGroupTable(g, data);
    performance.measure('mailgun-stats:tables', { start: tablesStart });
  }
  post({ type: 'rendered', requestId, buckets: data.times.length });
}

function showError(message: string, canRetry: boolean): void {
  hideData();
  ui.exportCsv.disabled = true; // the host would export the previous range's numbers
  setBusy(false, '');
  ui.errorMessage.textContent = message;
  ui.retry.hidden = !canRetry;
  ui.error.hidden = false;
}

function handle(message: HostMessage): void {
  switch (message.type) {
    case 'init': {
      const saved = protocolSchemas().webviewState.safeParse(host.getState());
      const sameTarget = saved.success && JSON.stringify(saved.data.target) === JSON.stringify(message.target);
      state.target = message.target;
      state.query = message.query;
      state.hidden = new Set(sameTarget ? saved.data.hidden : []);
      ui.title.textContent = message.title;
      ui.subtitle.textContent = message.subtitle;
      document.title = `Mailgun stats: ${message.title}`;
      setControls(message.query);
      syncToggles();
      saveState();
      return;
    }
    case 'loading':
      state.latestRequest = message.requestId;
      state.query = message.query;
      setControls(message.query);
      ui.error.hidden = true;
      setBusy(true, `Loading stats for ${rangeText(message.query)}…`);
      return;
    // An answer older than the latest "loading" is stale; a newer one can arrive after the page reloaded.
    case 'data':
      if (message.requestId < state.latestRequest) return;
      state.latestRequest = message.requestId;
      void render(message.requestId, message.data).catch((err: unknown) => host.problem(`The stats panel failed to draw: ${err instanceof Error ? err.message : String(err)}`));
      return;
    case 'error':
      if (message.requestId < state.latestRequest) return;
      state.latestRequest = message.requestId;
      showError(message.message, message.canRetry);
      return;
  }
}

watchTheme(() => {
  const palette = readPalette();
  if (JSON.stringify(palette) === JSON.stringify(state.palette)) return;
  state.palette = palette;
  const data = state.data;
  if (!data || state.charts.size === 0) return;
  const widths = chartWidths();
  for (const g of GROUPS) void renderGroupChart(g, data, palette, widths.get(g.id)!);
});

new ResizeObserver(() => {
  for (const g of GROUPS) state.charts.get(g.id)?.setWidth(byId(`${g.id}-chart`).clientWidth);
}).observe(ui.main);

buildToggles();
post({ type: 'ready' });
