// What every Mailgun webview panel shares in the extension host: its options (scripts, no command URIs, files only
// from dist/webview), icon and page, messages checked with zod both ways, the page's problems logged, and dispose
// whichever side closes first. A panel class extends PanelHost (AccountPanelHost for an account's region or domain:
// tab title and heading); PanelRegistry keeps one panel per target.
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import { regionLabel, type Region } from '../mailgun';
import type { Services } from '../services';
import { newNonce } from './page';
import { describeIssues } from './protocol';

interface Schema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: z.core.$ZodError };
}

/** What a page needs from its host to be written: the CSP source, a fresh nonce, and its files' webview URIs. */
export interface PageContext {
  cspSource: string;
  nonce: string;
  asset: (file: string) => string;
}

/** The latest messages kept each way (for diagnosis and the in-host tests). */
const HISTORY = 50;

const problemSchema = z.object({ type: z.literal('problem'), message: z.string().check(z.maxLength(2000)) });

export abstract class PanelHost<In extends { type: string }, Out extends { type: string }> implements vscode.Disposable {
  readonly posted: Out[] = [];
  readonly received: In[] = [];
  protected readonly subscriptions: vscode.Disposable[] = [];
  private readonly disposedEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposedEmitter.event;
  protected isDisposed = false;
  private panelGone = false;
  private readonly assets: vscode.Uri;

  /** `name` starts the log lines ("Stats panel"); `incoming` and `outgoing` check the messages each way. */
  constructor(
    readonly panel: vscode.WebviewPanel,
    protected readonly services: Services,
    private readonly channel: { name: string; incoming: Schema<In>; outgoing?: Schema<Out> },
  ) {
    this.assets = vscode.Uri.joinPath(services.context.extensionUri, 'dist', 'webview');
    panel.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [this.assets] };
    panel.iconPath = vscode.Uri.joinPath(services.context.extensionUri, 'media', 'mailgun.svg');
    this.subscriptions.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      panel.onDidChangeViewState(() => this.onViewStateChanged()),
      panel.onDidDispose(() => {
        this.panelGone = true;
        this.dispose();
      }),
    );
  }

  /** A message from the page, checked. */
  protected abstract onMessage(message: In): void;

  /** The panel was shown, hidden or moved. */
  protected onViewStateChanged(): void {}

  /** Writes the page (again): `render` gets a fresh nonce and the files' URIs. */
  protected setPage(render: (page: PageContext) => string): void {
    const webview = this.panel.webview;
    webview.html = render({ cspSource: webview.cspSource, nonce: newNonce(), asset: (file) => webview.asWebviewUri(vscode.Uri.joinPath(this.assets, file)).toString() });
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** Sends a checked message; an invalid one is logged and `instead` (if any) goes in its place. */
  protected post(message: Out, instead?: () => Out): void {
    const checked = this.channel.outgoing?.safeParse(message);
    if (checked && !checked.success) {
      this.services.log.error(`${this.channel.name}: not sending an invalid "${message.type}" message: ${describeIssues(checked.error)}`);
      if (!instead) return;
      message = instead();
    }
    if (this.isDisposed) return;
    this.posted.push(message);
    if (this.posted.length > HISTORY) this.posted.shift();
    void this.panel.webview.postMessage(message);
  }

  private receive(raw: unknown): void {
    const problem = problemSchema.safeParse(raw);
    if (problem.success) {
      this.services.log.warn(`${this.channel.name} (${this.panel.title}): ${problem.data.message}`);
      return;
    }
    const parsed = this.channel.incoming.safeParse(raw);
    if (!parsed.success) {
      this.services.log.warn(`${this.channel.name}: ignored a message from the webview: ${describeIssues(parsed.error)}`);
      return;
    }
    this.received.push(parsed.data);
    if (this.received.length > HISTORY) this.received.shift();
    this.onMessage(parsed.data);
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    this.disposedEmitter.fire();
    this.disposedEmitter.dispose();
    for (const s of this.subscriptions.splice(0)) s.dispose();
    if (!this.panelGone) this.panel.dispose();
  }
}

/** The open panels of one kind, one per target: the same target reveals its panel instead of opening another. */
export class PanelRegistry<Target, P extends PanelHost<{ type: string }, { type: string }>> implements vscode.Disposable {
  private readonly open = new Map<string, P>();

  constructor(private readonly keyOf: (target: Target) => string) {}

  get(target: Target): P | undefined {
    return this.open.get(this.keyOf(target));
  }

  has(target: Target): boolean {
    return this.open.has(this.keyOf(target));
  }

  /** Keeps `panel` as the target's until it is disposed. */
  add(target: Target, panel: P): P {
    const key = this.keyOf(target);
    this.open.set(key, panel);
    panel.onDidDispose(() => {
      if (this.open.get(key) === panel) this.open.delete(key);
    });
    return panel;
  }

  dispose(): void {
    for (const panel of [...this.open.values()]) panel.dispose();
    this.open.clear();
  }
}

/** What a stats or logs panel shows: an account's region (maybe acting for a subaccount), or one of its domains. */
export interface AccountPanelTarget {
  accountId: string;
  region: Region;
  domain?: string;
  subaccount?: { id: string; name: string };
}

/** The key a registry keeps one such panel per target under. */
export const accountPanelKey = (t: AccountPanelTarget): string => JSON.stringify([t.accountId, t.region, t.domain ?? null, t.subaccount?.id ?? null]);

/** A panel of an account's region or domain (stats, logs): its tab title, its log name, and its page's heading. */
export abstract class AccountPanelHost<In extends { type: string }, Out extends { type: string }, T extends AccountPanelTarget> extends PanelHost<In, Out> {
  /** `kind` starts the tab title and the log lines: "Stats", "Logs". */
  constructor(
    panel: vscode.WebviewPanel,
    services: Services,
    readonly target: T,
    private readonly kind: string,
    schemas: { incoming: Schema<In>; outgoing: Schema<Out> },
  ) {
    super(panel, services, { name: `${kind} panel`, ...schemas });
    panel.title = this.tabTitle();
  }

  /** The account, or undefined once it was removed. */
  protected get account() {
    return this.services.accounts.get(this.target.accountId);
  }

  /** The word the tab title starts with, in the user's language ("Stats", "Logs"); `kind` stays English for the log. */
  protected kindTitle(): string {
    return this.kind;
  }

  protected tabTitle(): string {
    const t = this.target;
    const kind = this.kindTitle();
    return t.domain ? `${kind}: ${t.domain}` : `${kind}: ${regionLabel(t.region)} · ${t.subaccount?.name ?? this.account?.label ?? vscode.l10n.t('removed account')}`;
  }

  /** The page's title and the line under it: what is shown, for which account (never more of the key than its end). */
  protected heading(): { title: string; subtitle: string } {
    const { domain, region, subaccount } = this.target;
    const account = this.account;
    const who = account ? vscode.l10n.t('{0} (key …{1})', account.label, account.keySuffix) : vscode.l10n.t('an account that is no longer stored');
    return {
      title: domain ?? vscode.l10n.t('All domains in the {0} region', regionLabel(region)),
      subtitle: subaccount ? vscode.l10n.t('{0} region · subaccount {1} of {2}', regionLabel(region), subaccount.name, who) : vscode.l10n.t('{0} region · {1}', regionLabel(region), who),
    };
  }
}
