import * as vscode from 'vscode';
import type { Account } from '../accounts/accountStore';
import { regionLabel, type Domain, type Region } from '../mailgun';
import type { Services } from '../services';
import { settings } from '../settings';
import { describeError } from '../tree/errorNode';
import { pickAccount } from './pickAccount';

export interface DomainTarget {
  account: Account;
  region: Region;
  domainName: string;
  domain?: Domain;
}

/** Asks for a region, or takes the only one shown. */
export async function pickRegion(title: string, placeHolder = 'Choose a Mailgun region'): Promise<Region | undefined> {
  const regions = settings.regions();
  if (regions.length === 1) return regions[0];
  const picked = await vscode.window.showQuickPick(
    regions.map((r) => ({ label: regionLabel(r), description: r === 'us' ? 'api.mailgun.net' : 'api.eu.mailgun.net', region: r })),
    { title, placeHolder },
  );
  return picked?.region;
}

/** An account, then one of its regions. */
export async function pickAccountAndRegion(services: Services, title: string): Promise<{ account: Account; region: Region } | undefined> {
  const account = await pickAccount(services.accounts, title);
  const region = account && (await pickRegion(title));
  return account && region ? { account, region } : undefined;
}

const PAGE = 1000;

/**
 * Account, region and domain with quick picks, for commands run from the palette. Shows the first 1,000
 * domains; typing searches the rest with Mailgun's own search when the region has more.
 */
export async function pickDomain(services: Services, title: string): Promise<DomainTarget | undefined> {
  const where = await pickAccountAndRegion(services, title);
  if (!where) return undefined;
  const { account, region } = where;
  const client = await services.clients.get(account.id, region);

  type Item = vscode.QuickPickItem & { domain?: Domain };
  const toItem = (d: Domain): Item => ({ label: d.name, description: [d.type === 'sandbox' ? 'sandbox' : undefined, d.state].filter(Boolean).join(' · '), domain: d });
  const qp = vscode.window.createQuickPick<Item>();
  qp.title = `${title} (${account.label}, ${regionLabel(region)})`;
  qp.placeholder = 'Choose a domain';
  qp.matchOnDescription = true;
  qp.busy = true;
  qp.show();

  const controller = new AbortController();
  let total = 0;
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  const load = async (search?: string) => {
    qp.busy = true;
    try {
      const page = await client.domains.list({ limit: PAGE, search }, { signal: controller.signal });
      if (search === undefined) total = page.totalCount;
      qp.items = page.items.length > 0 ? page.items.map(toItem) : [{ label: search ? `No domain matches "${search}"` : `No domains in the ${regionLabel(region)} region` }];
    } catch (err) {
      if (!controller.signal.aborted) qp.items = [{ label: `$(error) ${describeError(err)}` }];
    } finally {
      qp.busy = false;
    }
  };
  const accepted = new Promise<Item | undefined>((resolve) => {
    qp.onDidAccept(() => resolve(qp.selectedItems[0]));
    qp.onDidHide(() => resolve(undefined));
  });
  void load();
  qp.onDidChangeValue((value) => {
    if (total <= PAGE) return; // everything is loaded already; the quick pick filters by itself
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => void load(value.trim() || undefined), 300);
  });

  const picked = await accepted;
  controller.abort();
  clearTimeout(searchTimer);
  qp.dispose();
  if (!picked?.domain) return undefined;
  return { account, region, domainName: picked.domain.name, domain: picked.domain };
}
