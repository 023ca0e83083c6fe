import * as vscode from 'vscode';
import type { TrackingSettings } from '../mailgun';
import { ChildListNode } from './child-list-node';
import type { TreeContext } from './context';
import type { DomainNode } from './domain-node';
import { HttpsNode } from './https-node';
import type { TreeNode } from './node';
import type { Page } from './paged-list';
import { TrackingSettingNode } from './tracking-setting-node';

/** Click, open and unsubscribe tracking and HTTPS, from one GET /v3/domains/{name}/tracking. */
export class TrackingNode extends ChildListNode<DomainNode, TreeNode & { reset?(): void }> {
  settings: TrackingSettings | undefined;

  constructor(parent: DomainNode, ctx: TreeContext) {
    super(parent, ctx, 'tracking');
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Tracking', vscode.TreeItemCollapsibleState.Collapsed);
    const t = this.settings;
    if (t && this.list.loaded) {
      // The same words as the rows below: "HTML only" is click tracking's third state, not plain "on".
      const on = [t.click.active && (t.click.active === 'htmlonly' ? 'click (HTML only)' : 'click'), t.open.active && 'open', t.unsubscribe.active && 'unsubscribe'].filter(Boolean);
      item.description = on.length > 0 ? `${on.join(', ')} on` : 'all off';
    }
    item.iconPath = new vscode.ThemeIcon('eye');
    item.contextValue = 'mailgun.tracking';
    item.tooltip = `Click, open and unsubscribe tracking and HTTPS for ${this.parent.domainName}`;
    return item;
  }

  protected async fetchPage(_cursor: undefined, signal: AbortSignal): Promise<Page<TreeNode, never>> {
    const client = await this.client();
    const t = await client.tracking.get(this.parent.domainName, { signal });
    this.settings = t;
    const scheme = t.web_scheme ?? this.parent.domain.web_scheme ?? 'http';
    return {
      items: [
        new TrackingSettingNode(this, 'click', t.click.active === 'htmlonly' ? 'HTML only' : t.click.active ? 'on' : 'off', t.click.active !== false),
        new TrackingSettingNode(this, 'open', t.open.active ? (t.open.place_at_the_top ? 'on, pixel at the top' : 'on') : 'off', t.open.active),
        new TrackingSettingNode(this, 'unsubscribe', t.unsubscribe.active ? 'on' : 'off', t.unsubscribe.active, t.unsubscribe),
        new HttpsNode(this, scheme === 'https', this.ctx),
      ],
    };
  }

  protected emptyMessage(): string {
    return 'No tracking settings.';
  }
}
