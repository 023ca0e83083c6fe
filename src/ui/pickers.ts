import type * as vscode from 'vscode';
import type { Account, AccountStore } from '../accounts/account-store';
import type { MailgunClients } from '../accounts/clients';
import { regionLabel, type Domain, type Region } from '../mailgun';
import { settings } from '../settings';
import { describeError } from '../tree/error-node';
import { UserCancelledError, type UserInput } from './input';
import { notify } from './notify';
import * as l10n from '../mailgun/l10n';

// The quick picks that choose what a command run from the palette acts on. Each throws UserCancelledError when dismissed.

interface Asking {
  ui: UserInput;
  accounts: AccountStore;
}

export interface DomainTarget {
  account: Account;
  region: Region;
  domainName: string;
  domain?: Domain;
}

/** Asks for an account, or takes the only one. */
export async function pickAccount({ ui, accounts }: Asking, title: string): Promise<Account> {
  const all = accounts.list();
  if (all.length === 0) {
    notify('info', l10n.t('No Mailgun API key is stored yet. Add one with "Mailgun: Add API Key…".'));
    throw new UserCancelledError();
  }
  if (all.length === 1) return all[0];
  const picked = await ui.pick(
    all.map((a) => ({ label: a.label, description: l10n.t('key …{0}', a.keySuffix), account: a })),
    { title, placeHolder: l10n.t('Choose a Mailgun account') },
  );
  return picked.account;
}

/** Asks for a region, or takes the only one shown. */
export async function pickRegion(ui: UserInput, title: string): Promise<Region> {
  const regions = settings.regions();
  if (regions.length === 1) return regions[0];
  const picked = await ui.pick(
    regions.map((r) => ({ label: regionLabel(r), description: r === 'us' ? 'api.mailgun.net' : 'api.eu.mailgun.net', region: r })),
    { title, placeHolder: l10n.t('Choose a Mailgun region') },
  );
  return picked.region;
}

/** An account, then one of its regions. */
export async function pickAccountAndRegion(asking: Asking, title: string): Promise<{ account: Account; region: Region }> {
  const account = await pickAccount(asking, title);
  return { account, region: await pickRegion(asking.ui, title) };
}

const PAGE = 1000;

type DomainItem = vscode.QuickPickItem & { domain?: Domain };

/**
 * A domain of the region, listed as it loads: the first 1,000, and when the region has more, typing searches the
 * rest with Mailgun's own search. With `wholeRegion`, an item of that label comes first and picking it gives undefined.
 */
export async function pickDomainIn(ui: UserInput, clients: MailgunClients, where: { account: Account; region: Region }, title: string, wholeRegion?: string): Promise<Domain | undefined> {
  const { account, region } = where;
  const first: DomainItem[] = wholeRegion ? [{ label: wholeRegion, description: l10n.t('whole region') }] : [];
  let total = 0;
  let firstPage: DomainItem[] = [];
  const toItem = (d: Domain): DomainItem => ({ label: d.name, description: [d.type === 'sandbox' ? 'sandbox' : undefined, d.state].filter(Boolean).join(' · '), domain: d });
  const load = async (search: string | undefined, signal?: AbortSignal): Promise<DomainItem[]> => {
    try {
      const client = await clients.get(account.id, region);
      const page = await client.domains.list({ limit: PAGE, search }, { signal });
      if (search === undefined) total = page.totalCount;
      const items = page.items.length > 0 ? page.items.map(toItem) : wholeRegion ? [] : [{ label: search ? l10n.t('No domain matches "{0}"', search) : l10n.t('No domains in the {0} region', regionLabel(region)) }];
      return [...first, ...items];
    } catch (err) {
      return [...first, { label: `$(error) ${describeError(err)}` }];
    }
  };
  const picked = await ui.pick(
    load(undefined).then((items) => (firstPage = items)),
    {
      title: l10n.t('{0} ({1}, {2})', title, account.label, regionLabel(region)),
      placeHolder: wholeRegion ? l10n.t('Choose a domain, or the whole region') : l10n.t('Choose a domain'),
      matchOnDescription: true,
      // Everything is loaded already when the region has no more: the quick pick filters by itself.
      search: (text, signal) => (total <= PAGE ? Promise.resolve(firstPage) : load(text || undefined, signal)),
    },
  );
  if (picked.domain) return picked.domain;
  if (wholeRegion && picked.label === wholeRegion) return undefined;
  throw new UserCancelledError(); // a line that says why there is nothing to pick
}

/** Account, region and domain with quick picks, for commands run from the palette. */
export async function pickDomain(asking: Asking & { clients: MailgunClients }, title: string): Promise<DomainTarget> {
  const where = await pickAccountAndRegion(asking, title);
  const domain = (await pickDomainIn(asking.ui, asking.clients, where, title))!;
  return { ...where, domainName: domain.name, domain };
}
