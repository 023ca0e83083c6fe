import type { Region } from '../mailgun';
import type { Services } from '../services';
import { commandOptions } from './commandOptions';
import { resolveDomain, type DomainRef } from './targets';

/** How another command or a test names a domain without a tree node: `{ accountId, region, domain }`. */
export interface DomainOptions {
  accountId: string;
  region: Region;
  domain: string;
}

/** The domain from the tree node, else from `{ accountId, region, domain }` in the options, else picked. */
export async function onboardingTarget(services: Services, node: unknown, arg: unknown, title: string): Promise<DomainRef | undefined> {
  const given = commandOptions<DomainOptions>(arg);
  const account = given.accountId ? services.accounts.get(given.accountId) : undefined;
  if (node === undefined && account && (given.region === 'us' || given.region === 'eu') && given.domain) return { account, region: given.region, domainName: given.domain };
  return resolveDomain(services, node, title);
}
