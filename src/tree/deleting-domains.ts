import type { Region } from '../mailgun';

/** How long a deleted domain that Mailgun still lists is shown as being deleted (Mailgun deletes in the background). */
const DELETING_MS = 5 * 60_000;

/** Domains deleted from the explorer that Mailgun may still list for a while, with when to stop saying so. */
export class DeletingDomains {
  private readonly until = new Map<string, number>();

  mark(accountId: string, region: Region, domain: string, deleting: boolean): void {
    const key = JSON.stringify([accountId, region, domain]);
    if (deleting) this.until.set(key, Date.now() + DELETING_MS);
    else this.until.delete(key);
  }

  has(accountId: string, region: Region, domain: string): boolean {
    const key = JSON.stringify([accountId, region, domain]);
    const until = this.until.get(key);
    if (until !== undefined && until < Date.now()) this.until.delete(key);
    return until !== undefined && until >= Date.now();
  }

  /** Mailgun's whole list no longer has them: they are gone. */
  keepOnly(accountId: string, region: Region, listed: Set<string>): void {
    for (const key of this.until.keys()) {
      const [a, r, d] = JSON.parse(key) as [string, Region, string];
      if (a === accountId && r === region && !listed.has(d)) this.until.delete(key);
    }
  }
}
