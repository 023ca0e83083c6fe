import * as vscode from 'vscode';
import { MAX_SANDBOX_RECIPIENTS } from '../mailgun';
import { ChildListNode } from './child-list-node';
import type { TreeContext } from './context';
import type { DomainNode } from './domain-node';
import type { Page } from './paged-list';
import { SandboxRecipientNode } from './sandbox-recipient-node';
import * as l10n from '../mailgun/l10n';

/** Why the list matters, said on the node and when it is empty. */
export const sandboxNote = (): string => l10n.t('A sandbox domain sends only to authorized recipients who accepted Mailgun\u2019s invitation (at most 5 per account).');

/** A sandbox domain's authorized recipients (/v5/sandbox/auth_recipients: one list for the whole account). */
export class SandboxRecipientsNode extends ChildListNode<DomainNode, SandboxRecipientNode> {
  constructor(parent: DomainNode, ctx: TreeContext) {
    super(parent, ctx, 'authorizedRecipients');
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(l10n.t('Authorized recipients'), vscode.TreeItemCollapsibleState.Collapsed);
    if (this.list.loaded) {
      const all = this.list.items.length;
      const activated = this.list.items.filter((r) => r.recipient.activated).length;
      item.description = all === 0 ? l10n.t('none · sends to nobody yet') : l10n.t('{0} of {1} · {2} activated', all, MAX_SANDBOX_RECIPIENTS, activated);
    } else item.description = l10n.t('only they receive mail');
    item.iconPath = new vscode.ThemeIcon('person-add');
    item.contextValue = 'mailgun.sandboxRecipients';
    item.tooltip = l10n.t('{0} The list is shared by every sandbox domain of "{1}".', sandboxNote(), this.parent.account.label);
    return item;
  }

  protected async fetchPage(_cursor: undefined, signal: AbortSignal): Promise<Page<SandboxRecipientNode, never>> {
    const client = await this.client();
    const recipients = await client.sandboxRecipients.list({ signal });
    return { items: recipients.map((r) => new SandboxRecipientNode(this, r)) };
  }

  protected emptyMessage(): string {
    return l10n.t('No authorized recipients yet. {0}', sandboxNote());
  }
}
