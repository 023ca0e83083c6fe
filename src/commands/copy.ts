import * as vscode from 'vscode';
import type { Services } from '../services';
import { AccountWebhookNode } from '../tree/accountWebhookNode';
import { DnsRecordNode } from '../tree/dnsRecordNode';
import { DomainNode } from '../tree/domainNode';
import { ancestorOf } from '../tree/ancestors';
import type { TreeNode } from '../tree/node';
import { SuppressionNode } from '../tree/suppressionNode';
import { WebhookUrlNode } from '../tree/webhookUrlNode';
import { WebhooksNode } from '../tree/webhooksNode';
import { SuppressionListNode } from '../tree/suppressionListNode';
import { reportFailure } from '../ui/notify';
import { pickDomain } from './pickDomain';
import { nodeOfKind, refusedArgument } from './targets';

async function copy(text: string, what: string): Promise<string> {
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(`$(copy) Copied ${what}`, 3000);
  return text;
}

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

export function registerCopyCommands(services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('mailgun.copyDomainName', async (node?: unknown) => {
      if (refusedArgument(services, node, 'Copy Domain Name')) return undefined;
      try {
        const name = ancestorOf(node as TreeNode | undefined, DomainNode)?.domainName ?? (await pickDomain(services, 'Copy Domain Name'))?.domainName;
        return name === undefined ? undefined : await copy(name, `domain name ${name}`);
      } catch (err) {
        reportFailure(services.log, 'Could not copy the domain name', err);
        return undefined;
      }
    }),
    vscode.commands.registerCommand('mailgun.copyDnsRecordValue', async (arg: unknown) => {
      const node = nodeOfKind(services, arg, DnsRecordNode, 'Copy DNS Record Value', 'a DNS record');
      return node && copy(node.record.value ?? '', `${node.record.record_type} record value`);
    }),
    vscode.commands.registerCommand('mailgun.copyDnsRecordHost', async (arg: unknown) => {
      const node = nodeOfKind(services, arg, DnsRecordNode, 'Copy DNS Record Host', 'a DNS record');
      return node && copy(node.host, `${node.record.record_type} record host`);
    }),
    vscode.commands.registerCommand('mailgun.copyWebhookUrl', async (arg: unknown) => {
      const node = arg instanceof AccountWebhookNode ? arg : nodeOfKind(services, arg, WebhookUrlNode, 'Copy Webhook URL', 'a webhook URL');
      return node && copy(node.url, 'webhook URL');
    }),
    vscode.commands.registerCommand('mailgun.copyAddress', async (arg: unknown) => {
      const node = nodeOfKind(services, arg, SuppressionNode, 'Copy Address', 'a suppression entry');
      return node && copy(node.key, node.key.includes('@') ? 'address' : 'domain');
    }),
    vscode.commands.registerCommand('mailgun.openInControlPanel', async (node?: unknown) => {
      if (refusedArgument(services, node, 'Open in Mailgun Control Panel')) return;
      try {
        const domainName = node ? undefined : (await pickDomain(services, 'Open in Mailgun Control Panel'))?.domainName;
        if (!node && domainName === undefined) return;
        await vscode.env.openExternal(vscode.Uri.parse(controlPanelUrl(node as TreeNode | undefined, domainName)));
      } catch (err) {
        reportFailure(services.log, 'Could not open the Control Panel', err);
      }
    }),
  ];
}
