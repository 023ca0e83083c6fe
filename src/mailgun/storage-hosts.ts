// Where a stored message may be fetched with the account's key: the account's own API host (its base URL, which is
// also what the local fake and a proxy set-up use) or one of Mailgun's message-storage hosts, over HTTPS
// (storage-us-east4.api.mailgun.net, storage-europe-west1.api.mailgun.net, storage.eu.mailgun.net, …).
import { REGION_BASE_URLS, type Region } from './regions';
import * as l10n from './l10n';

const STORAGE_HOST = /^storage(?:-[a-z0-9]+)*(?:\.api)?(?:\.eu)?\.mailgun\.net$/;

/** Why the key must not be sent to `url`, as a sentence, or undefined when it may. */
export function storageUrlProblem(url: string, baseUrl: string, region: Region | undefined): string | undefined {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return l10n.t("The stored message's address is not a URL, so it was not fetched.");
  }
  if (target.username || target.password) return l10n.t("The stored message's address carries a user name or password, so it was not fetched.");
  const base = new URL(baseUrl);
  if (target.origin === base.origin && target.pathname.startsWith(base.pathname)) return undefined;
  const ownApi = region ? new URL(REGION_BASE_URLS[region]).host : undefined;
  if (target.protocol === 'https:' && (STORAGE_HOST.test(target.hostname) || target.host === ownApi)) return undefined;
  return l10n.t("The stored message is on {0}, which is neither this account's Mailgun API host nor a Mailgun storage host, so it was not fetched: the API key is only sent to Mailgun.", target.host);
}
