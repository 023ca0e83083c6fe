// "Open Message Logs": a domain's or a region's message events in the Logs panel. Run on an explorer item, from the
// palette (pickers), or by other code with a plain object (a recipient trace, Send Test Message's "Watch Events").
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import type { Account } from '../accounts/account-store';
import { regionLabel } from '../mailgun';
import { ancestorOf } from '../tree/ancestors';
import { DomainNode } from '../tree/domain-node';
import type { TreeNode } from '../tree/node';
import { RegionNode } from '../tree/region-node';
import { reportRefusal } from '../ui/notify';
import { pickDomainIn, pickRegion } from '../ui/pickers';
import type { LogsPanel, LogsPanels } from '../webview/logs/logs-panel';
import { DEFAULT_FILTERS, type LogsFilters, type LogsTarget } from '../webview/logs/protocol';
import { takesArgument, type CommandContext, type TakesArgument } from './register';
import { accountOf, isTreeNode } from './targets';

const TITLE = vscode.l10n.t('Open Message Logs');

const text = z.string().check(z.minLength(1), z.maxLength(1000));

/** What other code passes instead of an explorer item: the panel's target, and the events to show first. */
export const logsArgument = z.object({
  accountId: text,
  region: z.enum(['us', 'eu']),
  domain: z.optional(text),
  /** Shows this recipient's events of the last 7 days. */
  recipient: z.optional(text),
  /** Shows this message's events, and turns the live tail on to follow the ones still to come (Watch Events). */
  messageId: z.optional(text),
});
export type LogsArgument = z.infer<typeof logsArgument>;

/** The subaccount a node's requests act for, as a panel target's field (absent for the parent's own nodes). */
const actingFor = (account: Account): Pick<LogsTarget, 'subaccount'> => (account.subaccount ? { subaccount: account.subaccount } : {});

/** The domain or region of the item, else asked: account, region, then a domain or the whole region. */
async function targetOf(ctx: CommandContext, target: TreeNode | undefined): Promise<LogsTarget> {
  const domainNode = ancestorOf(target, DomainNode);
  if (domainNode) return { accountId: domainNode.account.id, region: domainNode.region, domain: domainNode.domainName, ...actingFor(domainNode.account) };
  const regionNode = ancestorOf(target, RegionNode);
  if (regionNode) return { accountId: regionNode.account.id, region: regionNode.region, ...actingFor(regionNode.account) };
  const account = await accountOf(ctx, target, TITLE);
  const region = await pickRegion(ctx.ui, TITLE);
  const domain = await pickDomainIn(ctx.ui, ctx.clients, { account, region }, TITLE, vscode.l10n.t('All domains in the {0} region', regionLabel(region)));
  return { accountId: account.id, region, domain: domain?.name };
}

function filtersOf(arg: LogsArgument): LogsFilters | undefined {
  if (!arg.recipient && !arg.messageId) return undefined;
  return { ...DEFAULT_FILTERS, range: '7d', recipient: arg.recipient, messageId: arg.messageId };
}

/** From a domain or a region, the palette, or other code with a `logsArgument`. */
export function openLogs(panels: LogsPanels): TakesArgument {
  return takesArgument(logsArgument, '{ accountId, region, domain?, recipient?, messageId? }', async (ctx, target): Promise<LogsPanel | undefined> => {
    let shown: LogsTarget;
    let filters: LogsFilters | undefined;
    if (target === undefined || isTreeNode(target)) shown = await targetOf(ctx, target);
    else {
      if (!ctx.accounts.get(target.accountId)) {
        reportRefusal(ctx.log, vscode.l10n.t('"{0}" was asked for an account that is no longer stored in VS Code, so it did nothing. Add its API key again with "Mailgun: Add API Key…".', TITLE));
        return undefined;
      }
      shown = { accountId: target.accountId, region: target.region, domain: target.domain };
      filters = filtersOf(target);
    }
    const panel = panels.show(shown, filters);
    if (target !== undefined && !isTreeNode(target) && target.messageId) panel.setTail(true);
    // The in-host tests drive the panel through this handle; the UI gets nothing it would have to serialise.
    return ctx.context.extensionMode === vscode.ExtensionMode.Test ? panel : undefined;
  });
}
