import * as vscode from 'vscode';
import { isMailgunError } from '../mailgun';
import type { TreeNode } from './node';
import * as l10n from '../mailgun/l10n';

/** Something that can load again after a failure. */
export interface Retryable extends TreeNode {
  retry(): void;
}

/** The sentence to show for a failure: the client's own, or the error's message. */
export function describeError(err: unknown): string {
  if (isMailgunError(err)) return err.userMessage;
  if (err instanceof Error) return err.message;
  return String(err);
}

/** An auth failure on an account-wide call (not about one domain) means the key itself is bad. */
export function isKeyRejection(err: unknown): boolean {
  return isMailgunError(err) && err.kind === 'auth' && err.domain === undefined;
}

/** A failed load, shown in place of the children it could not load, with Retry and Show Logs. */
export class ErrorNode implements TreeNode {
  readonly id: string;
  readonly message: string;

  constructor(
    readonly parent: Retryable,
    readonly error: unknown,
  ) {
    this.id = `${parent.id}/#error`;
    this.message = describeError(error);
  }

  get keyRejected(): boolean {
    return isKeyRejection(this.error);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.message, vscode.TreeItemCollapsibleState.None);
    const md = new vscode.MarkdownString();
    md.appendText(this.message);
    md.appendMarkdown(`\n\n${l10n.t('Use **Retry** to load again, or **Show Logs** for the details.')}`);
    item.tooltip = md;
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    item.contextValue = this.keyRejected ? 'mailgun.error.keyRejected' : 'mailgun.error';
    item.accessibilityInformation = { label: l10n.t('Error: {0}', this.message) };
    return item;
  }
}
