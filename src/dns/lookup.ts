// DNS lookups with the outcome named: answers, no such name, no such record, or the failure. No vscode import.
import { Resolver } from 'node:dns/promises';
import * as l10n from '../mailgun/l10n';

export type LookupFailure = 'nxdomain' | 'nodata' | 'timeout' | 'servfail' | 'refused' | 'error';

export type Lookup<T> = { ok: true; answers: T[] } | { ok: false; failure: LookupFailure; detail: string };

export interface SoaAnswer {
  nsname: string;
  minttl: number;
}

/** The record types the check reads; one method each, so a test or a second resolver is a plain object. */
export interface DnsLookups {
  txt(name: string): Promise<Lookup<string[]>>;
  cname(name: string): Promise<Lookup<string>>;
  mx(name: string): Promise<Lookup<{ priority: number; exchange: string }>>;
  a(name: string): Promise<Lookup<string>>;
  ns(name: string): Promise<Lookup<string>>;
  soa(name: string): Promise<Lookup<SoaAnswer>>;
  /** Where the answers come from, for the report: "your system's resolver", "1.1.1.1". */
  readonly source: string;
}

export interface ResolverOptions {
  /** Servers as `1.1.1.1`, `[2606:4700::1111]:53` or `127.0.0.1:5300`; empty for the system's own. */
  servers?: string[];
  /** Per try; Node's default is about 5 s with 4 tries, far too long to look at. */
  timeoutMs?: number;
  tries?: number;
  /** Abandons the lookups under way: they end as failures at once. */
  signal?: AbortSignal;
}

const FAILURES: Record<string, LookupFailure> = {
  ENOTFOUND: 'nxdomain',
  ENODATA: 'nodata',
  ETIMEOUT: 'timeout',
  ESERVFAIL: 'servfail',
  EREFUSED: 'refused',
  ECONNREFUSED: 'refused',
};

async function lookup<T>(run: () => Promise<T[]>): Promise<Lookup<T>> {
  try {
    return { ok: true, answers: await run() };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    return { ok: false, failure: FAILURES[code] ?? 'error', detail: code || String(err) };
  }
}

/** Lookups through Node's resolver: the system's servers, or the given ones. */
export function resolverLookups(options: ResolverOptions = {}): DnsLookups {
  const resolver = new Resolver({ timeout: options.timeoutMs ?? 3000, tries: options.tries ?? 2 });
  const servers = (options.servers ?? []).map((s) => s.trim()).filter(Boolean);
  if (servers.length > 0) resolver.setServers(servers);
  options.signal?.addEventListener('abort', () => resolver.cancel(), { once: true });
  return {
    source: servers.length > 0 ? servers.join(', ') : l10n.t("your system's resolver"),
    txt: (name) => lookup(() => resolver.resolveTxt(name)),
    cname: (name) => lookup(() => resolver.resolveCname(name)),
    mx: (name) => lookup(() => resolver.resolveMx(name)),
    a: (name) => lookup(() => resolver.resolve4(name)),
    ns: (name) => lookup(() => resolver.resolveNs(name)),
    soa: (name) => lookup(async () => [await resolver.resolveSoa(name)]),
  };
}

/** The sentence for a failed lookup, naming the server that failed. */
export function describeFailure(failure: LookupFailure, name: string, type: string, source: string, detail: string): string {
  switch (failure) {
    case 'nxdomain':
      return l10n.t('{0} does not exist in DNS (NXDOMAIN).', name);
    case 'nodata':
      return l10n.t('{0} has no {1} record.', name, type);
    case 'timeout':
      return l10n.t('The DNS server ({0}) did not answer for {1} {2} in time. Check the network or pick other servers in the setting mailgun.dnsServers.', source, type, name);
    case 'servfail':
      return l10n.t("The DNS server ({0}) failed to answer for {1} {2} (SERVFAIL): the domain's name servers are often unreachable or misconfigured (DNSSEC). Try again later or ask your DNS host.", source, type, name);
    case 'refused':
      return l10n.t('The DNS server ({0}) refused to answer for {1} {2}. Pick other servers in the setting mailgun.dnsServers.', source, type, name);
    default:
      return l10n.t('Looking up {0} {1} with {2} failed ({3}).', type, name, source, detail);
  }
}
