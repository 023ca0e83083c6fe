import * as vscode from 'vscode';
import type { TrackingSettings } from '../mailgun';
import { ChildListNode } from './child-list-node';
import type { TreeContext } from './context';
import type { DomainNode } from './domain-node';
import { HttpsNode } from './https-node';
import type { TreeNode } from './node';
import type { Page } from './paged-list';
import { TrackingSettingNode } from './tracking-setting-node';
import * as l10n from '../mailgun/l10n';

/** Click, open and unsubscribe tracking and HTTPS, from one GET /v3/domains/{name}/tracking. */
export class TrackingNode extends ChildListNode<DomainNode, TreeNode & { reset?(): void }> {
  settings: TrackingSettings | undefined;

  constructor(parent: DomainNode, ctx: TreeContext) {
    super(parent, ctx, 'tracking');
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(l10n.t('Tracking'), vscode.TreeItemCollapsibleState.Collapsed);
    const t = this.settings;
    if (t && this.list.loaded) {
      // The same words as the rows below: "HTML only" is click tracking's third state, not plain "on".
      const on = [t.click.active && (t.click.active === 'htmlonly' ? l10n.t('click (HTML only)') : 'click'), t.open.active && 'open', t.unsubscribe.active && 'unsubscribe'].filter(Boolean);
      item.description = on.length > 0 ? l10n.t('{0} on', on.join(', ')) : l10n.t('all off');
    }
    item.iconPath = new vscode.ThemeIcon('eye');
    item.contextValue = 'mailgun.tracking';
    item.tooltip = l10n.t('Click, open and unsubscribe tracking and HTTPS for {0}', this.parent.domainName);
    return item;
  }

  protected async fetchPage(_cursor: undefined, signal: AbortSignal): Promise<Page<TreeNode, never>> {
    const client = await this.client();
    const t = await client.tracking.get(this.parent.domainName, { signal });
    this.settings = t;
    const scheme = t.web_scheme ?? this.parent.domain.web_scheme ?? 'http';
    return {
      items: [
        new TrackingSettingNode(this, 'click', t.click.active === 'htmlonly' ? l10n.t('HTML only') : t.click.active ? l10n.t('on') : l10n.t('off'), t.click.active !== false),
        new TrackingSettingNode(this, 'open', t.open.active ? (t.open.place_at_the_top ? l10n.t('on, pixel at the top') : l10n.t('on')) : l10n.t('off'), t.open.active),
        new TrackingSettingNode(this, 'unsubscribe', t.unsubscribe.active ? l10n.t('on') : l10n.t('off'), t.unsubscribe.active, t.unsubscribe),
        new HttpsNode(this, scheme === 'https', this.ctx),
      ],
    };
  }

  protected emptyMessage(): string {
    return l10n.t('No tracking settings.');
  }
}
