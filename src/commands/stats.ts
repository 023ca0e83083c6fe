import * as vscode from 'vscode';
import type { Account } from '../accounts/account-store';
import { regionLabel, type Region } from '../mailgun';
import type { Services } from '../services';
import type { TreeNode } from '../tree/node';
import { pickAccountAndRegion, pickDomainIn } from '../ui/pickers';
import { StatsPanels, type StatsPanel } from '../webview/panel';
import { STATS_VIEW_TYPE, type StatsTarget } from '../webview/protocol';
import type { CommandContext } from './register';

/** A region node, or a domain node when `domainName` is set (typed by shape, not by the tree's classes). */
export interface StatsNodeArg {
  account: Account;
  region: Region;
  domainName?: string;
}

function isStatsNodeArg(value: unknown): value is StatsNodeArg {
  const v = value as Partial<StatsNodeArg> | undefined;
  return typeof v?.account?.id === 'string' && (v.region === 'us' || v.region === 'eu') && (v.domainName === undefined || typeof v.domainName === 'string');
}

/** A node's target; acting for its subaccount when it is below one. */
function nodeTarget(node: StatsNodeArg): StatsTarget {
  const { subaccount } = node.account;
  return { accountId: node.account.id, region: node.region, domain: node.domainName, ...(subaccount && { subaccount }) };
}

async function pickStatsTarget(ctx: CommandContext): Promise<StatsTarget> {
  const title = vscode.l10n.t('Show Mailgun Stats');
  const where = await pickAccountAndRegion(ctx, title);
  const domain = await pickDomainIn(ctx.ui, ctx.clients, where, title, vscode.l10n.t('All domains in the {0} region', regionLabel(where.region)));
  return { accountId: where.account.id, region: where.region, domain: domain?.name };
}

/** The panels and their serializer, which restores them when VS Code reloads. */
export function statsPanels(services: Services): { panels: StatsPanels; disposables: vscode.Disposable[] } {
  const panels = new StatsPanels(services);
  return { panels, disposables: [panels, vscode.window.registerWebviewPanelSerializer(STATS_VIEW_TYPE, panels)] };
}

/** From a region or a domain, or the palette. */
export function showStats(panels: StatsPanels) {
  return async (ctx: CommandContext, target?: TreeNode): Promise<StatsPanel | undefined> => {
    const stats = isStatsNodeArg(target) ? nodeTarget(target) : await pickStatsTarget(ctx);
    const panel = panels.show(stats);
    // The in-host tests drive the panel through this handle; the UI gets nothing it would have to serialise.
    return ctx.context.extensionMode === vscode.ExtensionMode.Test ? panel : undefined;
  };
}
