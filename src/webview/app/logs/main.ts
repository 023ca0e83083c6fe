// The message-logs webview's browser app. It never sees the API key: the extension host queries Mailgun and posts
// rows here. Every message is checked with zod; everything from the host goes on the page as text, never as HTML.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-multi-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { VscodeButton } from '@vscode-elements/elements/dist/vscode-button/vscode-button.js';
import type { VscodeCheckbox } from '@vscode-elements/elements/dist/vscode-checkbox/vscode-checkbox.js';
import type { VscodeMultiSelect } from '@vscode-elements/elements/dist/vscode-multi-select/vscode-multi-select.js';
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import type { VscodeTextfield } from '@vscode-elements/elements/dist/vscode-textfield/vscode-textfield.js';
import './logs.css';
import type { LogEventName } from '../../../mailgun/log-event-names';
import {
  DEFAULT_FILTERS,
  type EventAction,
  logsHostMessageSchema,
  type ExportScope,
  logsWebviewStateSchema,
  type LogRange,
  type LogsFilters,
  type LogsHostMessage,
  type LogsTarget,
  type LogsWebviewMessage,
  type TailState,
  type WireRow,
} from '../../logs/protocol';
import { connect } from '../messaging';
import { LogGrid } from './grid';

const host = connect<LogsHostMessage, LogsWebviewMessage>({ name: 'logs panel', incoming: logsHostMessageSchema, handle: (message) => handle(message) });

const byId = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;
const ui = {
  title: byId('title'),
  subtitle: byId('subtitle'),
  form: byId<HTMLFormElement>('filters'),
  range: byId<VscodeSingleSelect>('range'),
  customStartField: byId('custom-start-field'),
  customEndField: byId('custom-end-field'),
  customStart: byId<VscodeTextfield>('custom-start'),
  customEnd: byId<VscodeTextfield>('custom-end'),
  events: byId<VscodeMultiSelect>('events'),
  recipient: byId<VscodeTextfield>('recipient'),
  from: byId<VscodeTextfield>('from'),
  subject: byId<VscodeTextfield>('subject'),
  messageId: byId<VscodeTextfield>('message-id'),
  tag: byId<VscodeTextfield>('tag'),
  severity: byId<VscodeSingleSelect>('severity'),
  subaccountsField: byId('subaccounts-field'),
  subaccounts: byId<VscodeCheckbox>('subaccounts'),
  apply: byId<VscodeButton>('apply'),
  clear: byId<VscodeButton>('clear'),
  refresh: byId<VscodeButton>('refresh'),
  tail: byId<VscodeButton>('tail'),
  tailState: byId('tail-state'),
  exportScope: byId<VscodeSingleSelect>('export-scope'),
  exportNdjson: byId<VscodeButton>('export-ndjson'),
  exportCsv: byId<VscodeButton>('export-csv'),
  notice: byId('notice'),
  spinner: byId('spinner'),
  statusText: byId('status-text'),
  error: byId('error'),
  errorMessage: byId('error-message'),
  retry: byId<VscodeButton>('retry'),
  older: byId<VscodeButton>('older'),
  count: byId('count'),
  detail: byId('detail'),
  detailJson: byId('detail-json'),
  copyJson: byId<VscodeButton>('copy-json'),
  copyMessageId: byId<VscodeButton>('copy-message-id'),
  filterRecipient: byId<VscodeButton>('filter-recipient'),
  filterMessage: byId<VscodeButton>('filter-message'),
  openStored: byId<VscodeButton>('open-stored'),
  showSuppressions: byId<VscodeButton>('show-suppressions'),
  closeDetail: byId<VscodeButton>('close-detail'),
};

const state = {
  target: undefined as LogsTarget | undefined,
  filters: DEFAULT_FILTERS,
  latestRequest: -1,
  /** What Retry does: the failed kind of load. */
  failed: undefined as 'replace' | 'older' | 'tail' | undefined,
  tail: 'off' as TailState,
  detailId: undefined as string | undefined,
  detailJson: '',
};

const post = (message: LogsWebviewMessage): void => host.post(message);

const grid = new LogGrid(byId('grid'), byId('grid-space'), (row) => openDetail(row));
// The column heads sit outside the scrolling grid: they follow it sideways.
const gridBox = byId('grid');
const headBox = byId('grid-head-box');
gridBox.addEventListener('scroll', () => (headBox.scrollLeft = gridBox.scrollLeft), { passive: true });

// ---- filters --------------------------------------------------------------------------------------------------

/** `datetime-local` values are read as UTC. */
const toUtc = (local: string): string | undefined => (local ? `${local.length === 16 ? `${local}:00` : local}Z` : undefined);
const fromUtc = (iso: string | undefined): string => (iso ? iso.replace(/(:\d\d)?(\.\d+)?Z$/, '').slice(0, 16) : '');
const value = (f: VscodeTextfield): string | undefined => f.value.trim() || undefined;

function readFilters(): LogsFilters {
  const range = ui.range.value as LogRange;
  const severity = ui.severity.value;
  return {
    range,
    start: range === 'custom' ? toUtc(ui.customStart.value) : undefined,
    end: range === 'custom' ? toUtc(ui.customEnd.value) : undefined,
    events: [...(ui.events.value)] as LogEventName[],
    recipient: value(ui.recipient),
    from: value(ui.from),
    subject: value(ui.subject),
    messageId: value(ui.messageId),
    tag: value(ui.tag),
    severity: severity === 'temporary' || severity === 'permanent' ? severity : undefined,
    subaccounts: !ui.subaccountsField.hidden && ui.subaccounts.checked ? true : undefined,
  };
}

function setFilters(f: LogsFilters): void {
  ui.range.value = f.range;
  ui.customStartField.hidden = ui.customEndField.hidden = f.range !== 'custom';
  ui.customStart.value = fromUtc(f.start);
  ui.customEnd.value = fromUtc(f.end);
  ui.events.value = [...f.events];
  ui.recipient.value = f.recipient ?? '';
  ui.from.value = f.from ?? '';
  ui.subject.value = f.subject ?? '';
  ui.messageId.value = f.messageId ?? '';
  ui.tag.value = f.tag ?? '';
  ui.severity.value = f.severity ?? '';
  ui.subaccounts.checked = f.subaccounts === true;
}

function saveState(): void {
  if (state.target) host.setState({ target: state.target, filters: state.filters });
}

function load(filters: LogsFilters): void {
  state.filters = filters;
  setFilters(filters);
  saveState();
  post({ type: 'load', filters });
}

ui.range.addEventListener('change', () => {
  const custom = ui.range.value === 'custom';
  ui.customStartField.hidden = ui.customEndField.hidden = !custom;
  if (custom) {
    if (!ui.customStart.value) ui.customStart.value = fromUtc(new Date(Date.now() - 86_400_000).toISOString());
    ui.customStart.focus();
  } else load(readFilters());
});
ui.form.addEventListener('submit', (e) => {
  e.preventDefault();
  load(readFilters());
});
ui.form.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'VSCODE-TEXTFIELD') {
    e.preventDefault();
    load(readFilters());
  }
});
ui.apply.addEventListener('click', () => load(readFilters()));
ui.clear.addEventListener('click', () => load({ ...DEFAULT_FILTERS, range: state.filters.range === 'custom' ? '24h' : state.filters.range }));
ui.refresh.addEventListener('click', () => load(state.filters));
ui.retry.addEventListener('click', () => {
  if (state.failed === 'older') post({ type: 'older' });
  else load(state.filters);
});
ui.older.addEventListener('click', () => post({ type: 'older' }));
ui.tail.addEventListener('click', () => post({ type: 'tail', on: state.tail === 'off' }));
const exportScope = (): ExportScope => (ui.exportScope.value === 'range' ? 'range' : 'loaded');
ui.exportNdjson.addEventListener('click', () => post({ type: 'export', format: 'ndjson', scope: exportScope() }));
ui.exportCsv.addEventListener('click', () => post({ type: 'export', format: 'csv', scope: exportScope() }));

// ---- detail ---------------------------------------------------------------------------------------------------

function openDetail(row: WireRow): void {
  state.detailId = row.id;
  state.detailJson = '';
  ui.detailJson.textContent = 'Loading…';
  ui.detail.hidden = false;
  ui.copyMessageId.disabled = !row.messageId;
  ui.filterMessage.disabled = !row.messageId;
  ui.filterRecipient.disabled = !row.recipient;
  // The host fetches the stored message and reveals the explorer: the page only names the event.
  ui.openStored.hidden = !row.storageUrl;
  ui.showSuppressions.hidden = !(row.event === 'failed' && row.recipient);
  ui.openStored.disabled = ui.showSuppressions.disabled = false;
  post({ type: 'detail', id: row.id });
}

function closeDetail(): void {
  ui.detail.hidden = true;
  state.detailId = undefined;
  grid.focus();
}

const selectedRow = (): WireRow | undefined => (state.detailId ? grid.find(state.detailId) : undefined);
ui.closeDetail.addEventListener('click', closeDetail);
ui.copyJson.addEventListener('click', () => state.detailJson && post({ type: 'copy', what: 'event JSON', text: state.detailJson }));
ui.copyMessageId.addEventListener('click', () => {
  const id = selectedRow()?.messageId;
  if (id) post({ type: 'copy', what: 'message-id', text: id });
});
ui.filterRecipient.addEventListener('click', () => {
  const recipient = selectedRow()?.recipient;
  if (recipient) load({ ...state.filters, recipient });
});
ui.filterMessage.addEventListener('click', () => {
  const messageId = selectedRow()?.messageId;
  if (messageId) load({ ...state.filters, messageId });
});
const actionButtons: Record<EventAction, VscodeButton> = { stored: ui.openStored, suppressions: ui.showSuppressions };
for (const [action, button] of Object.entries(actionButtons) as [EventAction, VscodeButton][]) {
  button.addEventListener('click', () => state.detailId && post({ type: 'action', action, id: state.detailId }));
}
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && !ui.detail.hidden) closeDetail();
});

// ---- rendering ------------------------------------------------------------------------------------------------

function setBusy(busy: boolean, text: string): void {
  ui.spinner.hidden = !busy;
  ui.statusText.textContent = text;
}

const count = (n: number): string => n.toLocaleString('en-US');

function showCount(hasOlder: boolean): void {
  ui.older.hidden = !hasOlder;
  ui.count.textContent = grid.size === 0 ? '' : `${count(grid.size)} events loaded${hasOlder ? '; older ones can be loaded' : ', all in the range'}.`;
  ui.exportNdjson.disabled = ui.exportCsv.disabled = grid.size === 0;
}

function showTail(tail: TailState, why: string | undefined): void {
  state.tail = tail;
  ui.tail.textContent = tail === 'off' ? 'Live tail' : 'Stop live tail';
  ui.tail.icon = tail === 'off' ? 'play' : 'debug-pause';
  ui.tailState.textContent = tail === 'running' ? 'Live: new events appear at the top.' : tail === 'paused' ? (why ?? 'Paused.') : '';
  ui.tailState.dataset.state = tail;
}

function describeFilters(f: LogsFilters): string {
  const names: Record<LogRange, string> = { '1h': 'the last hour', '24h': 'the last 24 hours', '7d': 'the last 7 days', '30d': 'the last 30 days', custom: 'the chosen range' };
  return names[f.range];
}

function handle(message: LogsHostMessage): void {
  switch (message.type) {
    case 'init': {
      const saved = logsWebviewStateSchema.safeParse(host.getState());
      state.target = message.target;
      state.filters = message.filters;
      if (saved.success && JSON.stringify(saved.data.target) !== JSON.stringify(message.target)) host.setState(undefined);
      ui.title.textContent = message.title;
      ui.subtitle.textContent = message.subtitle;
      // Only a region of the account itself has subaccounts below it (a subaccount's own panel acts on its behalf).
      ui.subaccountsField.hidden = message.target.domain !== undefined || message.target.subaccount !== undefined;
      document.title = `Mailgun logs: ${message.title}`;
      setFilters(message.filters);
      saveState();
      return;
    }
    case 'loading':
      state.latestRequest = message.requestId;
      ui.error.hidden = true;
      if (message.kind === 'replace') {
        state.filters = message.filters;
        setFilters(message.filters);
        grid.setRows([]);
        closeDetailQuietly();
        showCount(false);
      }
      setBusy(true, message.kind === 'older' ? 'Loading older events…' : `Loading events of ${describeFilters(message.filters)}…`);
      return;
    case 'rows': {
      if (message.requestId < state.latestRequest) return;
      const started = performance.now();
      if (message.kind === 'replace') grid.setRows(message.rows);
      else if (message.kind === 'older') grid.append(message.rows);
      else grid.prepend(message.rows);
      performance.measure('mailgun-logs:rows', { start: started });
      ui.notice.textContent = message.notice ?? '';
      ui.notice.hidden = !message.notice;
      if (message.kind !== 'tail') {
        setBusy(false, grid.size === 0 ? `No events match in ${describeFilters(state.filters)}. Widen the time range or clear a filter.` : '');
        ui.error.hidden = true;
        if (message.kind === 'replace' && grid.size > 0) grid.select(0, false);
      }
      showCount(message.hasOlder);
      post({ type: 'rendered', requestId: message.requestId, rows: grid.size });
      return;
    }
    case 'error':
      if (message.requestId < state.latestRequest) return;
      state.failed = message.kind;
      setBusy(false, '');
      ui.errorMessage.textContent = message.message;
      ui.retry.hidden = !message.canRetry;
      ui.error.hidden = false;
      return;
    case 'tail':
      showTail(message.state, message.why);
      return;
    case 'action':
      if (message.id === state.detailId) actionButtons[message.action].disabled = message.busy;
      return;
    case 'detail':
      if (message.id !== state.detailId) return;
      state.detailJson = message.json;
      ui.detailJson.textContent = message.json;
      return;
  }
}

function closeDetailQuietly(): void {
  ui.detail.hidden = true;
  state.detailId = undefined;
}

post({ type: 'ready' });
