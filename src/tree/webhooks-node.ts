import * as vscode from 'vscode';
import { WEBHOOK_EVENT_TYPES } from '../mailgun';
import { ChildListNode } from './child-list-node';
import type { TreeContext } from './context';
import type { DomainNode } from './domain-node';
import type { Page } from './paged-list';
import { WebhookEventNode } from './webhook-event-node';
import * as l10n from '../mailgun/l10n';

/** The domain's webhooks by event type, from one GET /v3/domains/{name}/webhooks. */
export class WebhooksNode extends ChildListNode<DomainNode, WebhookEventNode> {
  constructor(parent: DomainNode, ctx: TreeContext) {
    super(parent, ctx, 'webhooks');
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(l10n.t('Webhooks'), vscode.TreeItemCollapsibleState.Collapsed);
    if (this.list.loaded) {
      const n = this.list.items.length;
      item.description = n === 0 ? l10n.t('none') : n === 1 ? l10n.t('1 event type') : l10n.t('{0} event types', n);
    }
    item.iconPath = new vscode.ThemeIcon('radio-tower');
    item.contextValue = 'mailgun.webhooks';
    item.tooltip = l10n.t('Webhooks of {0}: Mailgun posts events to these URLs (at most 3 per event type)', this.parent.domainName);
    return item;
  }

  protected async fetchPage(_cursor: undefined, signal: AbortSignal): Promise<Page<WebhookEventNode, never>> {
    const client = await this.client();
    const map = await client.domainWebhooks.list(this.parent.domainName, { signal });
    const known = WEBHOOK_EVENT_TYPES as readonly string[];
    // Known event types in Mailgun's order, then legacy or new names as sent.
    const types = Object.keys(map)
      .filter((t) => map[t].length > 0)
      .sort((a, b) => (known.indexOf(a) + 1 || 99) - (known.indexOf(b) + 1 || 99) || a.localeCompare(b));
    return { items: types.map((t) => new WebhookEventNode(this, t, map[t])) };
  }

  protected emptyMessage(): string {
    return l10n.t('No webhooks for this domain.');
  }
}
