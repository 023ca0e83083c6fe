import type { Region } from '../mailgun';

/**
 * What a part of the explorer shows: an account's region, one of its domains, or one list of either (`part`, e.g.
 * "webhooks", "alerts", "bounces"). Commands name what they changed with it; node kinds declare theirs to take part.
 */
export interface TreeScope {
  readonly accountId: string;
  readonly region: Region;
  readonly domain?: string;
  readonly part?: string;
  /** The subaccount the part belongs to, when it is shown under "Subaccounts" (acting for it). */
  readonly subaccount?: string;
}

/** A node that can be told its scope changed: it drops what it loaded. */
export interface Scoped {
  readonly scope: TreeScope;
  reset(): void;
}

export function isScoped(node: object): node is Scoped {
  return 'scope' in node && typeof (node as Partial<Scoped>).reset === 'function';
}

/** The same part of the explorer: every field equal, an absent one matching only an absent one. */
export function sameScope(a: TreeScope, b: TreeScope): boolean {
  return a.accountId === b.accountId && a.region === b.region && a.domain === b.domain && a.part === b.part && a.subaccount === b.subaccount;
}

export function scopeKey(s: TreeScope): string {
  return JSON.stringify([s.accountId, s.region, s.domain, s.part, s.subaccount]);
}
