// The message-logs panel in the extension host: one per (account, region, domain). It queries Mailgun (the webview
// never sees the key), keeps the loaded rows, pages older ones, runs the live tail while the panel is visible, and
// answers the page's requests for one event's JSON, copy and export. Messages are checked with zod both ways.
import { homedir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import * as vscode from 'vscode';
import { MissingKeyError } from '../../accounts/clients';
import { isMailgunError, regionLabel } from '../../mailgun';
import { eventsFallbackNotice, queryMessageLogs, type MessageLogRow, type MessageLogsCursor, type MessageLogsPage, type MessageLogsScope } from '../../mailgun/message-logs';
import type { Services } from '../../services';
import { reportFailure, reportOutcome } from '../../ui/notify';
import { withCancellableProgress } from '../../ui/progress';
import type { ReadOnlyDocuments } from '../../ui/read-only-documents';
import { AccountPanelHost, accountPanelKey, PanelRegistry } from '../panel-host';
import { openStoredMessage, showRecipientSuppressions } from './event-actions';
import type { LogsExportFormat } from './logs-export';
import { logsHtml } from './logs-html';
import { endsNow, filtersToQuery, LoadedRows, tailQuery, toWireRow, type LogsPageQuery } from './logs-query';
import {
  DEFAULT_FILTERS,
  LOGS_VIEW_TYPE,
  logsHostMessageSchema,
  logsWebviewMessageSchema,
  type EventAction,
  type ExportScope,
  type LoadKind,
  type LogsFilters,
  type LogsHostMessage,
  type LogsTarget,
  type LogsWebviewMessage,
  type TailState,
} from './protocol';

/** Pages one tail poll follows at most when many events arrived at once. */
const TAIL_MAX_PAGES = 10;

function errorSentence(err: unknown): string {
  if (isMailgunError(err)) return err.userMessage;
  if (err instanceof MissingKeyError) return err.message;
  return vscode.l10n.t('The message logs could not be loaded: {0}', err instanceof Error ? err.message : String(err));
}

export class LogsPanel extends AccountPanelHost<LogsWebviewMessage, LogsHostMessage, LogsTarget> {
  private filters: LogsFilters;
  private query: LogsPageQuery | undefined;
  private cursor: MessageLogsCursor | undefined;
  private source: MessageLogsPage['source'] = 'logs';
  private readonly loaded = new LoadedRows();
  /** Domains of the region, for the Events fallback (listed only when it is needed). */
  private regionDomains: string[] | undefined;
  private requestId = 0;
  private inFlight: AbortController | undefined;
  private tailWanted = false;
  private tailStopped: string | undefined;
  private tailLoop: AbortController | undefined;
  private lastTail: { state: TailState; why?: string } | undefined;
  /** Between tail polls; the in-host tests shorten it. */
  tailIntervalMs = 5000;

  constructor(
    panel: vscode.WebviewPanel,
    target: LogsTarget,
    services: Services,
    private readonly documents: ReadOnlyDocuments,
    filters: LogsFilters = DEFAULT_FILTERS,
    private readonly logsMissing: WeakSet<object> = new WeakSet(),
  ) {
    super(panel, services, target, 'Logs', { incoming: logsWebviewMessageSchema, outgoing: logsHostMessageSchema });
    this.filters = filters;
    this.setPage(({ cspSource, nonce, asset }) => logsHtml({ cspSource, script: asset('logs.js'), styles: { codicons: asset('codicon.css'), app: asset('logs.css') } }, nonce));
  }

  protected override onViewStateChanged(): void {
    this.updateTail();
  }

  get currentFilters(): LogsFilters {
    return this.filters;
  }

  /** The rows loaded, newest first. */
  get rows() {
    return this.loaded.rows;
  }

  get loading(): boolean {
    return this.inFlight !== undefined;
  }

  get tailState(): TailState | undefined {
    return this.lastTail?.state;
  }

  /** Shows the panel, with `filters` applied when given. */
  showWith(filters?: LogsFilters): void {
    this.reveal();
    if (filters) void this.load(filters);
  }

  /** Rows go in place of a message the page could not take. */
  private postRows(message: Extract<LogsHostMessage, { type: 'rows' }>): void {
    this.post(message, () => ({ type: 'error', requestId: message.requestId, kind: message.kind, message: vscode.l10n.t('Mailgun sent events this panel cannot show. Details are in the Mailgun log.'), canRetry: true }));
  }

  protected override kindTitle(): string {
    return vscode.l10n.t('Logs');
  }

  protected override onMessage(message: LogsWebviewMessage): void {
    switch (message.type) {
      case 'ready':
        this.sendInit();
        this.resend();
        return;
      case 'load':
        void this.load(message.filters);
        return;
      case 'older':
        void this.loadOlder();
        return;
      case 'tail':
        this.setTail(message.on);
        return;
      case 'detail': {
        const row = this.loaded.get(message.id);
        if (row) this.post({ type: 'detail', id: row.id, json: JSON.stringify(row.original ?? row.item, null, 2) });
        return;
      }
      case 'action':
        void this.act(message.action, message.id);
        return;
      case 'copy':
        void vscode.env.clipboard.writeText(message.text).then(() => vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the {0}.', message.what), 3000));
        return;
      case 'export':
        this.exportRows(message.format, undefined, message.scope).catch((err: unknown) => reportFailure(this.services.log, 'Could not export the message logs', err));
        return;
      case 'rendered':
      case 'problem': // logged by the host
        return;
    }
  }

  /**
   * Runs a detail pane action on the loaded event `id`; a failure is said with Retry. Resolves to what it opened (the
   * stored message's URI) or whether it showed the suppressions; undefined when there was nothing to do or it failed.
   */
  async act(action: EventAction, id: string): Promise<string | boolean | undefined> {
    const row = this.loaded.get(id);
    if (!row) return undefined;
    this.post({ type: 'action', action, id, busy: true });
    try {
      if (action === 'stored') return await openStoredMessage(this.services, this.documents, this.target, row);
      return await showRecipientSuppressions(this.services, this.target, row);
    } catch (err) {
      const title = action === 'stored' ? vscode.l10n.t('Open Stored Message') : vscode.l10n.t("Show the Recipient's Suppressions");
      reportFailure(this.services.log, title, err, { retry: () => this.act(action, id) });
      return undefined;
    } finally {
      this.post({ type: 'action', action, id, busy: false });
    }
  }

  /** A page that (re)loaded gets what is loaded already; the first one starts the query. */
  private resend(): void {
    if (this.inFlight) {
      this.post({ type: 'loading', requestId: this.requestId, kind: 'replace', filters: this.filters });
      return;
    }
    if (!this.query) {
      void this.load(this.filters);
      return;
    }
    this.post({ type: 'loading', requestId: this.requestId, kind: 'replace', filters: this.filters });
    this.postRows({ type: 'rows', requestId: this.requestId, kind: 'replace', rows: this.loaded.rows.map(toWireRow), hasOlder: !!this.cursor, source: this.source, notice: this.notice() });
  }

  private sendInit(): void {
    this.post({ type: 'init', target: this.target, ...this.heading(), filters: this.filters });
    this.postTail(true);
  }

  private async scope(signal: AbortSignal, needDomains: boolean): Promise<MessageLogsScope> {
    if (this.target.domain) return { domains: [this.target.domain], domain: this.target.domain };
    if (needDomains && !this.regionDomains) {
      const client = await this.services.clients.get(this.target.accountId, this.target.region, this.target.subaccount?.id);
      const names: string[] = [];
      for await (const d of client.domains.iterate({}, { signal })) names.push(d.name);
      this.regionDomains = names;
    }
    return { domains: this.regionDomains ?? [] };
  }

  /** One page of `query`; a region whose Logs API is missing lists its domains first, then asks each. */
  private async page(query: LogsPageQuery, cursor: MessageLogsCursor | undefined, signal: AbortSignal): Promise<MessageLogsPage> {
    if (!this.account) throw new Error(vscode.l10n.t('This Mailgun account is no longer stored in VS Code. Add its API key again with "Mailgun: Add API Key…".'));
    const client = await this.services.clients.get(this.target.accountId, this.target.region, this.target.subaccount?.id);
    const api = { logs: client.logs, events: client.events };
    const options = { signal, logsUnavailable: this.logsMissing.has(client) };
    let page = await queryMessageLogs(api, await this.scope(signal, options.logsUnavailable), query, cursor, options);
    if (page.source === 'events' && !cursor && !this.target.domain && !options.logsUnavailable) {
      page = await queryMessageLogs(api, await this.scope(signal, true), query, undefined, { signal, logsUnavailable: true });
    }
    if (page.source === 'events') this.logsMissing.add(client);
    return page;
  }

  private begin(kind: LoadKind): { controller: AbortController; requestId: number } {
    this.inFlight?.abort();
    const controller = new AbortController();
    this.inFlight = controller;
    const requestId = ++this.requestId;
    this.post({ type: 'loading', requestId, kind, filters: this.filters });
    return { controller, requestId };
  }

  private fail(err: unknown, requestId: number, kind: LoadKind, controller: AbortController): void {
    if (controller.signal.aborted || this.isDisposed) return;
    const message = errorSentence(err);
    this.services.log.error(`Logs panel (${this.tabTitle()}): ${message}`);
    const input = isMailgunError(err) && err.kind === 'validation' && err.status === undefined;
    this.post({ type: 'error', requestId, kind, message, canRetry: !input });
  }

  /** Queries from the newest events with `filters`, replacing what is loaded. */
  async load(asked: LogsFilters): Promise<void> {
    // Subaccounts are below a region of the account itself, not below a domain or a subaccount's own region.
    const filters = this.target.domain !== undefined || this.target.subaccount !== undefined ? { ...asked, subaccounts: undefined } : asked;
    this.filters = filters;
    this.stopTailLoop();
    const { controller, requestId } = this.begin('replace');
    this.loaded.clear();
    this.cursor = undefined;
    const query = filtersToQuery(filters);
    this.query = typeof query === 'string' ? undefined : query;
    if (typeof query !== 'string') await this.loadPage('replace', query, controller, requestId);
    else {
      this.post({ type: 'error', requestId, kind: 'replace', message: query, canRetry: false });
      if (this.inFlight === controller) this.inFlight = undefined;
    }
    this.updateTail();
  }

  /** The next page after those loaded. */
  async loadOlder(): Promise<void> {
    if (!this.query || !this.cursor || this.inFlight) return;
    const { controller, requestId } = this.begin('older');
    await this.loadPage('older', this.query, controller, requestId);
  }

  /** The page after `this.cursor` (the first without one): its rows kept and posted, or its failure said. */
  private async loadPage(kind: 'replace' | 'older', query: LogsPageQuery, controller: AbortController, requestId: number): Promise<void> {
    try {
      const page = await this.page(query, this.cursor, controller.signal);
      if (controller.signal.aborted) return;
      if (kind === 'replace') this.source = page.source;
      this.cursor = page.next;
      const added = this.loaded.addOlder(page.rows);
      this.postRows({ type: 'rows', requestId, kind, rows: added.map(toWireRow), hasOlder: !!page.next, source: page.source, notice: this.notice() });
    } catch (err) {
      this.fail(err, requestId, kind, controller);
    } finally {
      if (this.inFlight === controller) this.inFlight = undefined;
    }
  }

  private notice(): string | undefined {
    return this.source === 'events' ? eventsFallbackNotice() : undefined;
  }

  // ---- live tail ----------------------------------------------------------------------------------------------

  setTail(on: boolean): void {
    this.tailWanted = on;
    this.tailStopped = undefined;
    this.updateTail();
  }

  /** Why the tail can't run now, or undefined when it can. */
  private tailBlocked(): string | undefined {
    if (this.tailStopped) return this.tailStopped;
    if (!this.panel.visible) return vscode.l10n.t('Paused while the panel is hidden.');
    if (!endsNow(this.filters)) return vscode.l10n.t('Paused: the time range ends in the past. Leave "Until" empty to follow new events.');
    if (!this.query) return vscode.l10n.t('Paused until the events load.');
    return undefined;
  }

  private updateTail(): void {
    if (this.isDisposed) return;
    const why = this.tailWanted ? this.tailBlocked() : undefined;
    const run = this.tailWanted && why === undefined && this.inFlight === undefined;
    if (run && !this.tailLoop) {
      const loop = new AbortController();
      this.tailLoop = loop;
      void this.runTail(loop.signal);
    } else if (!run) this.stopTailLoop();
    this.postTail(false, !this.tailWanted ? 'off' : why ? 'paused' : 'running', why);
  }

  private postTail(force: boolean, state: TailState = this.lastTail?.state ?? 'off', why?: string): void {
    const next = { state, why: state === 'paused' ? why ?? this.lastTail?.why : undefined };
    if (!force && this.lastTail?.state === next.state && this.lastTail.why === next.why) return;
    this.lastTail = next;
    this.post({ type: 'tail', ...next });
  }

  private stopTailLoop(): void {
    this.tailLoop?.abort();
    this.tailLoop = undefined;
  }

  private async runTail(signal: AbortSignal): Promise<void> {
    try {
      while (!signal.aborted) {
        await sleep(this.tailIntervalMs, undefined, { signal });
        await this.pollTail(signal);
      }
    } catch (err) {
      if (signal.aborted) return;
      this.tailStopped = isMailgunError(err) && err.kind === 'rateLimited'
        ? vscode.l10n.t('Paused: Mailgun is limiting the rate of requests (429). Resume in a minute.')
        : vscode.l10n.t('Paused: {0} Turn Live tail on again to retry.', errorSentence(err));
      this.services.log.warn(`Logs panel (${this.tabTitle()}): live tail stopped: ${this.tailStopped}`);
      if (this.tailLoop?.signal === signal) this.tailLoop = undefined;
      this.updateTail();
    }
  }

  /** One poll: the events newer than the newest loaded, de-duplicated by id, put at the top. */
  private async pollTail(signal: AbortSignal): Promise<void> {
    const base = this.query;
    if (!base) return;
    const from = this.loaded.newest ?? (base.start instanceof Date ? base.start.getTime() : Date.now() - 3_600_000);
    const query = tailQuery(base, from);
    const found = [];
    let cursor: MessageLogsCursor | undefined;
    for (let i = 0; i < TAIL_MAX_PAGES; i++) {
      const page = await this.page(query, cursor, signal);
      if (signal.aborted || this.query !== base) return;
      found.push(...page.rows);
      cursor = page.next;
      // Paging on only while every row of a page is new: past that, what follows was loaded already.
      if (!cursor || page.rows.some((r) => this.loaded.get(r.id))) break;
    }
    const added = this.loaded.addNewer(found);
    if (added.length > 0) this.postRows({ type: 'rows', requestId: this.requestId, kind: 'tail', rows: added.map(toWireRow), hasOlder: !!this.cursor, source: this.source, notice: this.notice() });
  }

  // ---- export -------------------------------------------------------------------------------------------------

  /**
   * Saves the loaded rows, or every event of the filtered range (paged from Mailgun behind a cancellable progress),
   * streamed to a file that appears only when complete; asks where unless `destination` is given.
   */
  async exportRows(format: LogsExportFormat, destination?: vscode.Uri, scope: ExportScope = 'loaded'): Promise<vscode.Uri | undefined> {
    const query = this.query;
    if (scope === 'loaded' && this.loaded.size === 0) {
      reportOutcome(this.services.log, 'info', vscode.l10n.t('There are no message events to export: load some first.'));
      return undefined;
    }
    if (scope === 'range' && !query) {
      reportOutcome(this.services.log, 'info', vscode.l10n.t('There is no filtered range to export: apply filters that load events first.'));
      return undefined;
    }
    const { logsExportFileName, writeLogsExport } = await import('./logs-export');
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
    const kind = format === 'csv' ? 'CSV' : 'NDJSON';
    const uri =
      destination ??
      (await vscode.window.showSaveDialog({
        title: scope === 'range' ? vscode.l10n.t('Export every event of the filtered range as {0}', kind) : vscode.l10n.t('Export the loaded events as {0}', kind),
        saveLabel: vscode.l10n.t('Export'),
        defaultUri: vscode.Uri.joinPath(folder, logsExportFileName(this.target.domain ?? `${this.target.region}-all-domains`, format)),
        filters: format === 'csv' ? { [vscode.l10n.t('CSV files')]: ['csv'] } : { [vscode.l10n.t('NDJSON files')]: ['ndjson', 'jsonl'] },
      }));
    if (!uri) return undefined;
    let written: number;
    let cancelled = false;
    try {
      if (scope === 'loaded') written = (await writeLogsExport([...this.loaded.rows], format, uri.fsPath)).rows;
      else {
        const range = query!;
        written = await withCancellableProgress(this.target.domain ? vscode.l10n.t('Exporting the message logs of {0}', this.target.domain) : vscode.l10n.t('Exporting the message logs of the {0} region', regionLabel(this.target.region)), (signal, progress) => {
          signal.addEventListener('abort', () => (cancelled = true));
          const onRows = (n: number) => progress.report({ message: vscode.l10n.t('{0} events…', n.toLocaleString('en-US')) });
          return writeLogsExport(this.rangeRows(range, signal), format, uri.fsPath, { signal, onRows }).then((r) => r.rows);
        });
      }
    } catch (err) {
      if (cancelled) {
        reportOutcome(this.services.log, 'info', vscode.l10n.t('Export cancelled: no file was written.'));
        return undefined;
      }
      const why = isMailgunError(err) ? err.userMessage : vscode.l10n.t('Could not write {0} ({1}). Choose another folder and try again.', uri.fsPath, err instanceof Error ? err.message : String(err));
      reportFailure(this.services.log, 'Could not export the message logs', new Error(vscode.l10n.t('{0} No file was written.', why)));
      return undefined;
    }
    if (!destination) reportOutcome(this.services.log, 'info', vscode.l10n.t('Exported {0} message events to {1}.', written.toLocaleString('en-US'), uri.fsPath));
    return uri;
  }

  /** Every event of `query`, page after page by its token (or the Events API's page URLs), each id once. */
  private async *rangeRows(query: LogsPageQuery, signal: AbortSignal): AsyncGenerator<MessageLogRow> {
    const seen = new Set<string>();
    let cursor: MessageLogsCursor | undefined;
    do {
      const page = await this.page(query, cursor, signal);
      for (const row of page.rows) {
        if (seen.has(row.id)) continue;
        seen.add(row.id);
        yield row;
      }
      cursor = page.next;
    } while (cursor);
  }

  override dispose(): void {
    this.inFlight?.abort();
    this.inFlight = undefined;
    this.stopTailLoop();
    super.dispose();
  }
}

/** Every open logs panel, one per target. */
export class LogsPanels implements vscode.Disposable {
  private readonly open = new PanelRegistry<LogsTarget, LogsPanel>(accountPanelKey);
  /** The clients (one per account and region) whose Logs API answered 404 or 403 this session; a new key asks again. */
  private readonly logsMissing = new WeakSet<object>();

  constructor(
    private readonly services: Services,
    private readonly documents: ReadOnlyDocuments,
  ) {}

  /** Reveals the target's panel (with `filters` applied when given), or opens one. */
  show(target: LogsTarget, filters?: LogsFilters): LogsPanel {
    const existing = this.open.get(target);
    if (existing) {
      existing.showWith(filters);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(LOGS_VIEW_TYPE, 'Logs', vscode.ViewColumn.Active, { enableFindWidget: true, retainContextWhenHidden: false });
    return this.open.add(target, new LogsPanel(panel, target, this.services, this.documents, filters, this.logsMissing));
  }

  dispose(): void {
    this.open.dispose();
  }
}
