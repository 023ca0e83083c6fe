import * as vscode from 'vscode';
import type { SandboxRecipient } from '../mailgun';
import type { TreeNode } from './node';
import type { SandboxRecipientsNode } from './sandbox-recipients-node';
import { detailsTooltip, oneLine } from './tooltip';
import * as l10n from '../mailgun/l10n';

/** One authorized recipient of the account's sandbox domains: activated, or invited and not yet accepted. */
export class SandboxRecipientNode implements TreeNode {
  readonly id: string;

  constructor(
    readonly parent: SandboxRecipientsNode,
    readonly recipient: SandboxRecipient,
  ) {
    this.id = `${parent.id}/${recipient.email.toLowerCase()}`;
  }

  get activated(): boolean {
    return this.recipient.activated === true;
  }

  getTreeItem(): vscode.TreeItem {
    const { email } = this.recipient;
    const item = new vscode.TreeItem(oneLine(email), vscode.TreeItemCollapsibleState.None);
    const state = this.activated ? l10n.t('activated') : l10n.t('invited, not accepted yet');
    item.description = state;
    item.iconPath = this.activated ? new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')) : new vscode.ThemeIcon('mail');
    item.contextValue = `mailgun.sandboxRecipient.${this.activated ? 'activated' : 'invited'}`;
    item.tooltip = detailsTooltip(email, [
      [
        l10n.t('State'),
        this.activated
          ? l10n.t('Activated: sandbox domains can send to this address.')
          : l10n.t('Invited: Mailgun emailed an invitation; sandbox domains can send to this address once it is accepted.'),
      ],
    ]);
    item.accessibilityInformation = { label: l10n.t('Authorized recipient {0}, {1}', email, state) };
    return item;
  }
}
