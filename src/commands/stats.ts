import * as vscode from 'vscode';
import type { Account } from '../accounts/accountStore';
import { regionLabel, type Region } from '../mailgun';
import type { Services } from '../services';
import { describeError } from '../tree/errorNode';
import { StatsPanels, type StatsPanel } from '../webview/panel';
import { STATS_VIEW_TYPE, type StatsTarget } from '../webview/protocol';
import { pickAccount } from './pickAccount';
import { pickRegion } from './pickDomain';
import { refusedArgument } from './targets';

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

type DomainItem = vscode.QuickPickItem & { domain?: string };

/** "All domains" first, then the region's domains as they load; undefined when dismissed. */
async function pickDomain(services: Services, account: Account, region: Region, title: string): Promise<{ domain?: string } | undefined> {
  const all: DomainItem = { label: `All domains in the ${regionLabel(region)} region`, description: 'whole region' };
  const pick = vscode.window.createQuickPick<DomainItem>();
  pick.title = title;
  pick.placeholder = 'Choose a domain, or the whole region';
  pick.matchOnDescription = true;
  pick.items = [all];
  pick.busy = true;
  const loading = new AbortController();
  const domains: DomainItem[] = [];
  const load = async (): Promise<void> => {
    try {
      const client = await services.clients.get(account.id, region);
      for await (const d of client.domains.iterate({}, { signal: loading.signal })) {
        domains.push({ label: d.name, description: [d.type === 'sandbox' ? 'sandbox' : undefined, d.state].filter(Boolean).join(' · '), domain: d.name });
        if (domains.length % 200 === 0) pick.items = [all, ...domains];
      }
      pick.items = [all, ...domains];
    } catch (err) {
      if (loading.signal.aborted) return;
      const message = describeError(err);
      pick.placeholder = `The domains could not be listed: ${message}`;
      services.log.error(`Show Stats: listing domains of ${account.label} (${regionLabel(region)}) failed: ${message}`);
    } finally {
      pick.busy = false;
    }
  };
  return new Promise((resolve) => {
    pick.onDidAccept(() => {
      const item = pick.selectedItems[0];
      if (!item) return;
      resolve({ domain: item.domain });
      pick.hide();
    });
    pick.onDidHide(() => {
      loading.abort();
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
    void load();
  });
}

async function pickStatsTarget(services: Services): Promise<StatsTarget | undefined> {
  const title = 'Show Mailgun Stats';
  const account = await pickAccount(services.accounts, title);
  if (!account) return undefined;
  const region = await pickRegion(title, 'Choose a region');
  if (!region) return undefined;
  const choice = await pickDomain(services, account, region, title);
  if (!choice) return undefined;
  return { accountId: account.id, region, domain: choice.domain };
}

export function registerStatsCommands(services: Services): vscode.Disposable[] {
  const panels = new StatsPanels(services);
  return [
    panels,
    vscode.window.registerWebviewPanelSerializer(STATS_VIEW_TYPE, panels),
    vscode.commands.registerCommand('mailgun.showStats', async (node?: unknown): Promise<StatsPanel | undefined> => {
      if (!isStatsNodeArg(node) && refusedArgument(services, node, 'Show Stats')) return undefined;
      const target = isStatsNodeArg(node) ? { accountId: node.account.id, region: node.region, domain: node.domainName } : await pickStatsTarget(services);
      if (!target) return undefined;
      const panel = panels.show(target);
      // The in-host tests drive the panel through this handle; the UI gets nothing it would have to serialise.
      return services.context.extensionMode === vscode.ExtensionMode.Test ? panel : undefined;
    }),
  ];
}
