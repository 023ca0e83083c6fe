// The stats panel in the extension host: one panel per (account, region, domain), its data fetched here
// (the webview never sees the key), messages checked with zod both ways, restored after a reload by the serializer.
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { MissingKeyError } from '../accounts/clients';
import { isMailgunError, type MailgunClient } from '../mailgun';
import type { Services } from '../services';
import { thresholdsFor } from './alert-thresholds';
import { fetchStats } from './fetch-stats';
import { statsHtml } from './html';
import { AccountPanelHost, accountPanelKey, PanelRegistry } from './panel-host';
import {
  DEFAULT_QUERY,
  STATS_VIEW_TYPE,
  describeIssues,
  protocolSchemas,
  type HostMessage,
  type StatsData,
  type StatsQuery,
  type StatsTarget,
  type WebviewMessage,
} from './protocol';
import { resolveWindow, StatsRangeError, type StatsWindow } from './series';
import { notify, reportFailure, reportOutcome } from '../ui/notify';

/** An error whose message is already a sentence for the user. */
class AccountGoneError extends Error {
  constructor() {
    super(vscode.l10n.t('This Mailgun account is no longer stored in VS Code. Add its API key again with "Mailgun: Add API Key…", then open the stats again.'));
  }
}

/** What went wrong, as a sentence for the user. */
function errorSentence(err: unknown): string {
  if (isMailgunError(err)) return err.userMessage;
  if (err instanceof MissingKeyError || err instanceof StatsRangeError || err instanceof AccountGoneError) return err.message;
  return vscode.l10n.t('The stats could not be loaded: {0}', err instanceof Error ? err.message : String(err));
}

export class StatsPanel extends AccountPanelHost<WebviewMessage, HostMessage, StatsTarget> {
  private query: StatsQuery;
  private requestId = 0;
  private inFlight: AbortController | undefined;
  private last: { requestId: number; query: StatsQuery; data: StatsData } | undefined;

  constructor(
    panel: vscode.WebviewPanel,
    target: StatsTarget,
    services: Services,
    query: StatsQuery = DEFAULT_QUERY,
  ) {
    super(panel, services, target, 'Stats', { incoming: protocolSchemas().webviewMessage, outgoing: protocolSchemas().hostMessage });
    this.query = query;
    this.setPage(({ cspSource, nonce, asset }) =>
      statsHtml({ cspSource, script: asset('stats.js'), styles: { codicons: asset('codicon.css'), uplot: asset('uPlot.min.css'), app: asset('stats.css') } }, nonce),
    );
  }

  /** The query shown now. */
  get currentQuery(): StatsQuery {
    return this.query;
  }

  protected override kindTitle(): string {
    return vscode.l10n.t('Stats');
  }

  protected override onMessage(message: WebviewMessage): void {
    switch (message.type) {
      case 'ready':
        this.sendInit();
        if (this.inFlight) {
          this.post({ type: 'loading', requestId: this.requestId, query: this.query }); // its answer will reach the new page
          return;
        }
        if (this.last && JSON.stringify(this.last.query) === JSON.stringify(this.query)) {
          this.post({ type: 'loading', requestId: this.last.requestId, query: this.last.query });
          this.post({ type: 'data', requestId: this.last.requestId, query: this.last.query, data: this.last.data });
        } else void this.load(this.query);
        return;
      case 'load':
        void this.load(message.query);
        return;
      case 'exportCsv':
        // Nobody awaits a message handler: whatever fails (the save dialog, loading the CSV code) is said here.
        this.exportCsv().catch((err: unknown) => reportFailure(this.services.log, 'Could not export the stats', err));
        return;
      case 'exportBySubaccountCsv':
        this.exportBySubaccountCsv().catch((err: unknown) => reportFailure(this.services.log, 'Could not export the stats by subaccount', err));
        return;
      case 'rendered':
      case 'problem': // logged by the host
        return;
    }
  }

  private sendInit(): void {
    this.post({ type: 'init', target: this.target, ...this.heading(), query: this.query });
  }

  /** Fetches for `query`, cancelling any request still running for an earlier one. */
  async load(query: StatsQuery): Promise<void> {
    this.inFlight?.abort();
    const controller = new AbortController();
    this.inFlight = controller;
    const requestId = ++this.requestId;
    this.query = query;
    this.post({ type: 'loading', requestId, query });
    try {
      const window = resolveWindow(query, Date.now());
      if (!this.account) throw new AccountGoneError();
      const client = await this.services.clients.get(this.target.accountId, this.target.region, this.target.subaccount?.id);
      // Alerts only add threshold lines: without them (a failure, an account without alerts) the charts still show.
      const alerts = client.alerts.list({ signal: controller.signal }).catch((err: unknown) => {
        if (!controller.signal.aborted) this.services.log.warn(`Stats panel: could not read the send alerts (${errorSentence(err)}); no threshold lines.`);
        return [];
      });
      const bySubaccount = this.target.domain || this.target.subaccount ? undefined : this.fetchBySubaccount(client, window, controller.signal);
      const stats = await fetchStats(client, this.target.domain, window, controller.signal, (err) =>
        this.services.log.warn(`Stats panel: the Metrics API failed (${errorSentence(err)}); trying the Stats API.`),
      );
      const data = { ...stats, thresholds: thresholdsFor(await alerts, this.target.domain), bySubaccount: await bySubaccount };
      if (controller.signal.aborted) return;
      this.last = { requestId, query, data };
      this.post({ type: 'data', requestId, query, data }, () => ({ type: 'error', requestId, query, message: vscode.l10n.t('Mailgun sent stats this panel cannot show. Details are in the Mailgun log.'), canRetry: true }));
    } catch (err) {
      if (controller.signal.aborted || this.isDisposed) return;
      this.services.log.error(`Stats panel (${this.tabTitle()}): ${errorSentence(err)}`);
      this.post({ type: 'error', requestId, query, message: errorSentence(err), canRetry: !(err instanceof StatsRangeError || err instanceof AccountGoneError) });
    } finally {
      if (this.inFlight === controller) this.inFlight = undefined;
    }
  }

  /** A parent region's rows by subaccount; none (said in the log) when the key has no subaccounts or Metrics refuses. */
  private async fetchBySubaccount(client: MailgunClient, window: StatsWindow, signal: AbortSignal) {
    const { fetchBySubaccount } = await import('./by-subaccount');
    try {
      const rows = await fetchBySubaccount(client, window, signal);
      return rows.length > 0 ? rows : undefined;
    } catch (err) {
      if (!signal.aborted) this.services.log.info(`Stats panel: no view by subaccount (${errorSentence(err)}).`);
      return undefined;
    }
  }

  /** Saves the by-subaccount rows as CSV; asks where unless `destination` is given. */
  async exportBySubaccountCsv(destination?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const rows = this.last?.data.bySubaccount;
    if (!rows) return undefined;
    const { bySubaccountCsv } = await import('./by-subaccount');
    const data = this.last!.data;
    const day = (s: number): string => new Date(s * 1000).toISOString().slice(0, 10);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
    const name = `mailgun-stats-${this.target.region}-by-subaccount-${day(data.start)}-to-${day(data.end - 1)}.csv`;
    const uri = destination ?? (await vscode.window.showSaveDialog({ title: vscode.l10n.t('Export Mailgun Stats by Subaccount as CSV'), saveLabel: vscode.l10n.t('Export'), defaultUri: vscode.Uri.joinPath(folder, name), filters: { [vscode.l10n.t('CSV files')]: ['csv'] } }));
    if (!uri) return undefined;
    await vscode.workspace.fs.writeFile(uri, Buffer.from(bySubaccountCsv(rows), 'utf8'));
    if (!destination) reportOutcome(this.services.log, 'info', vscode.l10n.t("Exported {0} subaccounts' stats to {1}.", rows.length.toLocaleString('en-US'), uri.fsPath));
    return uri;
  }

  /** Whether a request is running (the in-host tests wait on it). */
  get loading(): boolean {
    return this.inFlight !== undefined;
  }

  /** Saves what the panel shows as CSV; asks where unless `destination` is given. */
  async exportCsv(destination?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const data = this.last?.data;
    if (!data) {
      notify('info', vscode.l10n.t('There are no stats to export yet: wait for the charts to load.'));
      return undefined;
    }
    const { statsCsv, statsCsvFileName } = await import('./stats-csv'); // loaded on first export, not at activation
    const scope = this.target.domain ?? `${this.target.region}-all-domains`;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
    const uri =
      destination ??
      (await vscode.window.showSaveDialog({
        title: vscode.l10n.t('Export Mailgun Stats as CSV'),
        saveLabel: vscode.l10n.t('Export'),
        defaultUri: vscode.Uri.joinPath(folder, statsCsvFileName(scope, data)),
        filters: { [vscode.l10n.t('CSV files')]: ['csv'] },
      }));
    if (!uri) return undefined;
    try {
      await vscode.workspace.fs.writeFile(uri, Buffer.from(statsCsv(data), 'utf8'));
    } catch (err) {
      reportFailure(this.services.log, 'Could not export the stats', new Error(vscode.l10n.t('Could not write {0} ({1}). Choose another folder and try again.', uri.fsPath, err instanceof Error ? err.message : String(err))));
      return undefined;
    }
    if (!destination) reportOutcome(this.services.log, 'info', vscode.l10n.t('Exported {0} rows of Mailgun stats to {1}.', data.times.length.toLocaleString('en-US'), uri.fsPath));
    return uri;
  }

  override dispose(): void {
    this.inFlight?.abort();
    this.inFlight = undefined;
    super.dispose();
  }
}

/** Every open stats panel, one per target; also restores panels after a window reload. */
export class StatsPanels implements vscode.WebviewPanelSerializer, vscode.Disposable {
  private readonly open = new PanelRegistry<StatsTarget, StatsPanel>(accountPanelKey);

  constructor(private readonly services: Services) {}

  /** Reveals the target's panel, or opens one. */
  show(target: StatsTarget): StatsPanel {
    const existing = this.open.get(target);
    if (existing) {
      existing.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(STATS_VIEW_TYPE, 'Stats', vscode.ViewColumn.Active, { enableFindWidget: true });
    return this.open.add(target, new StatsPanel(panel, target, this.services, DEFAULT_QUERY));
  }

  deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const parsed = protocolSchemas().webviewState.safeParse(state);
    if (!parsed.success || this.open.has(parsed.data.target)) {
      if (!parsed.success) this.services.log.warn(`Stats panel: not restoring a panel whose saved state is unreadable: ${describeIssues(parsed.error)}`);
      panel.dispose();
      return Promise.resolve();
    }
    this.open.add(parsed.data.target, new StatsPanel(panel, parsed.data.target, this.services, parsed.data.query));
    return Promise.resolve();
  }

  dispose(): void {
    this.open.dispose();
  }
}
