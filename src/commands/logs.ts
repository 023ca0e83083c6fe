// "Open Message Logs": a domain's or a region's message events in the Logs panel. Run on an explorer node, from the
// palette (pickers), or with a plain object `{ accountId, region, domain?, recipient? }` (e.g. from a recipient trace).
import * as vscode from 'vscode';
import type { Account } from '../accounts/accountStore';
import { regionLabel, type Region } from '../mailgun';
import type { Services } from '../services';
import { describeError } from '../tree/errorNode';
import { reportRefusal } from '../ui/notify';
import { LogsPanels, type LogsPanel } from '../webview/logs/logsPanel';
import { DEFAULT_FILTERS, type LogsFilters, type LogsTarget } from '../webview/logs/protocol';
import { pickAccount } from './pickAccount';
import { pickRegion } from './pickDomain';

const TITLE = 'Open Message Logs';

/** What a region node (or a domain node, with `domainName`) looks like to this command. */
interface NodeArg {
  account: Account;
  region: Region;
  domainName?: string;
}

interface PlainArg {
  accountId: string;
  region: Region;
  domain?: string;
  recipient?: string;
}

const isRegion = (v: unknown): v is Region => v === 'us' || v === 'eu';
const optionalText = (v: unknown): boolean => v === undefined || (typeof v === 'string' && v.length > 0);

function isNodeArg(value: unknown): value is NodeArg {
  const v = value as Partial<NodeArg> | undefined;
  return typeof v?.account?.id === 'string' && isRegion(v.region) && optionalText(v.domainName);
}

function isPlainArg(value: unknown): value is PlainArg {
  const v = value as Partial<PlainArg> | undefined;
  return typeof v?.accountId === 'string' && isRegion(v.region) && optionalText(v.domain) && optionalText(v.recipient);
}

type DomainItem = vscode.QuickPickItem & { domain?: string };

/** "All domains" first, then the region's domains as they load; undefined when dismissed. */
async function pickScope(services: Services, account: Account, region: Region): Promise<{ domain?: string } | undefined> {
  const all: DomainItem = { label: `All domains in the ${regionLabel(region)} region`, description: 'whole region' };
  const pick = vscode.window.createQuickPick<DomainItem>();
  pick.title = TITLE;
  pick.placeholder = 'Choose a domain, or the whole region';
  pick.matchOnDescription = true;
  pick.items = [all];
  pick.busy = true;
  const loading = new AbortController();
  const load = async (): Promise<void> => {
    const domains: DomainItem[] = [];
    try {
      const client = await services.clients.get(account.id, region);
      for await (const d of client.domains.iterate({}, { signal: loading.signal })) {
        domains.push({ label: d.name, description: d.state, domain: d.name });
        if (domains.length % 200 === 0) pick.items = [all, ...domains];
      }
      pick.items = [all, ...domains];
    } catch (err) {
      if (loading.signal.aborted) return;
      pick.placeholder = `The domains could not be listed: ${describeError(err)}`;
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

async function pickTarget(services: Services): Promise<LogsTarget | undefined> {
  const account = await pickAccount(services.accounts, TITLE);
  const region = account && (await pickRegion(TITLE, 'Choose a region'));
  const scope = account && region && (await pickScope(services, account, region));
  return account && region && scope ? { accountId: account.id, region, domain: scope.domain } : undefined;
}

export function registerLogsCommands(services: Services): vscode.Disposable[] {
  const panels = new LogsPanels(services);
  return [
    panels,
    vscode.commands.registerCommand('mailgun.openLogs', async (arg?: unknown): Promise<LogsPanel | undefined> => {
      let target: LogsTarget | undefined;
      let filters: LogsFilters | undefined;
      if (isNodeArg(arg)) target = { accountId: arg.account.id, region: arg.region, domain: arg.domainName };
      else if (isPlainArg(arg)) {
        if (!services.accounts.get(arg.accountId)) {
          reportRefusal(services.log, `"${TITLE}" was asked for an account that is not stored in VS Code, so it did nothing.`);
          return undefined;
        }
        target = { accountId: arg.accountId, region: arg.region, domain: arg.domain };
        if (arg.recipient) filters = { ...DEFAULT_FILTERS, range: '7d', recipient: arg.recipient };
      } else if (arg === undefined) target = await pickTarget(services);
      else {
        reportRefusal(services.log, `"${TITLE}" was run with something that is neither a domain or region of the Mailgun explorer nor { accountId, region, domain? }, so it did nothing.`);
        return undefined;
      }
      if (!target) return undefined;
      const panel = panels.show(target, filters);
      // The in-host tests drive the panel through this handle.
      return services.context.extensionMode === vscode.ExtensionMode.Test ? panel : undefined;
    }),
  ];
}
