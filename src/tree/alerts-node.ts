import * as vscode from 'vscode';
import { type AlertHit, regionLabel } from '../mailgun';
import { AlertHitsNode } from './alert-hits-node';
import { AlertNode } from './alert-node';
import { ChildListNode } from './child-list-node';
import type { TreeContext } from './context';
import type { TreeNode } from './node';
import type { Page } from './paged-list';
import type { RegionNode } from './region-node';
import * as l10n from '../mailgun/l10n';

/** The region's send alerts (/v1/thresholds/alerts/send), then their recent hits. One load reads both. */
export class AlertsNode extends ChildListNode<RegionNode, AlertNode> {
  private hits: AlertHit[] = [];

  constructor(parent: RegionNode, ctx: TreeContext) {
    super(parent, ctx, 'alerts');
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(l10n.t('Alerts'), vscode.TreeItemCollapsibleState.Collapsed);
    if (this.list.loaded) item.description = `${this.list.items.length}`;
    item.iconPath = new vscode.ThemeIcon('bell');
    item.contextValue = 'mailgun.alerts';
    item.tooltip = l10n.t('Send alerts of "{0}" in the {1} region: Mailgun notifies you when a rate crosses a limit', this.parent.account.label, regionLabel(this.parent.region));
    return item;
  }

  override async getChildren(): Promise<TreeNode[]> {
    const children = await super.getChildren();
    return this.list.loaded && this.list.error === undefined ? [...children, new AlertHitsNode(this, this.hits)] : children;
  }

  protected async fetchPage(_cursor: undefined, signal: AbortSignal): Promise<Page<AlertNode, never>> {
    const client = await this.client();
    const [alerts, hits] = await Promise.all([client.alerts.list({ signal }), client.alerts.hits({ signal })]);
    this.hits = hits;
    return { items: alerts.map((a) => new AlertNode(this, a, hits.filter((h) => h.name === a.name))) };
  }

  protected emptyMessage(): string {
    return l10n.t('No send alerts in the {0} region.', regionLabel(this.parent.region));
  }
}
