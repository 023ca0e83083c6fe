import * as vscode from 'vscode';
import { AccountWebhookNode } from '../tree/account-webhook-node';
import { DnsRecordNode } from '../tree/dns-record-node';
import { DomainNode } from '../tree/domain-node';
import { ancestorOf } from '../tree/ancestors';
import type { TreeNode } from '../tree/node';
import { SuppressionNode } from '../tree/suppression-node';
import { WebhookUrlNode } from '../tree/webhook-url-node';
import { WebhooksNode } from '../tree/webhooks-node';
import { SuppressionListNode } from '../tree/suppression-list-node';
import { pickDomain } from '../ui/pickers';
import type { CommandContext } from './register';
import { nodeOfKind } from './targets';

async function copy(text: string, what: string): Promise<string> {
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(`$(copy) ${vscode.l10n.t('Copied {0}', what)}`, 3000);
  return text;
}

// One Control Panel for both regions: Mailgun's docs ("Mailgun Regions": "a single account from which to manage
// domains in both the US and the EU") and its regions page name no EU panel, only the EU API host, so EU domains
// open here too.
const CONTROL_PANEL = 'https://app.mailgun.com/mg/sending';

/** The Control Panel page of what a node shows: a domain's settings or webhooks, or the domain list. */
function controlPanelUrl(node: TreeNode | undefined, domainName?: string): string {
  const name = domainName ?? ancestorOf(node, DomainNode)?.domainName;
  if (!name) return `${CONTROL_PANEL}/domains`;
  const base = `${CONTROL_PANEL}/${encodeURIComponent(name)}`;
  if (ancestorOf(node, WebhooksNode)) return `${base}/webhooks`;
  if (ancestorOf(node, SuppressionListNode)) return `${base}/suppressions`;
  return `${base}/settings`;
}

export async function copyDomainName(ctx: CommandContext, target?: TreeNode): Promise<string> {
  ctx.errorHandling.action = 'Could not copy the domain name';
  const name = ancestorOf(target, DomainNode)?.domainName ?? (await pickDomain(ctx, vscode.l10n.t('Copy Domain Name'))).domainName;
  return copy(name, vscode.l10n.t('domain name {0}', name));
}

export async function copyDnsRecordValue(ctx: CommandContext, target?: TreeNode): Promise<string | undefined> {
  const node = nodeOfKind(ctx, target, DnsRecordNode, vscode.l10n.t('Copy DNS Record Value'), vscode.l10n.t('a DNS record'));
  return node && copy(node.record.value ?? '', vscode.l10n.t('{0} record value', node.record.record_type));
}

export async function copyDnsRecordHost(ctx: CommandContext, target?: TreeNode): Promise<string | undefined> {
  const node = nodeOfKind(ctx, target, DnsRecordNode, vscode.l10n.t('Copy DNS Record Host'), vscode.l10n.t('a DNS record'));
  return node && copy(node.host, vscode.l10n.t('{0} record host', node.record.record_type));
}

export async function copyWebhookUrl(ctx: CommandContext, target?: TreeNode): Promise<string | undefined> {
  const node = target instanceof AccountWebhookNode ? target : nodeOfKind(ctx, target, WebhookUrlNode, vscode.l10n.t('Copy Webhook URL'), vscode.l10n.t('a webhook URL'));
  return node && copy(node.url, vscode.l10n.t('webhook URL'));
}

export async function copyAddress(ctx: CommandContext, target?: TreeNode): Promise<string | undefined> {
  const node = nodeOfKind(ctx, target, SuppressionNode, vscode.l10n.t('Copy Address'), vscode.l10n.t('a suppression entry'));
  return node && copy(node.key, node.key.includes('@') ? vscode.l10n.t('address') : vscode.l10n.t('domain'));
}

export async function openInControlPanel(ctx: CommandContext, target?: TreeNode): Promise<void> {
  ctx.errorHandling.action = 'Could not open the Control Panel';
  const domainName = target ? undefined : (await pickDomain(ctx, vscode.l10n.t('Open in Mailgun Control Panel'))).domainName;
  await ctx.open.external(vscode.Uri.parse(controlPanelUrl(target, domainName)));
}
