// The live DNS check: each record Mailgun asks for, looked up the way the world sees it, compared, and the usual
// mistakes named with their fix. No vscode import, so unit tests run it against a local DNS server.
import type { DnsRecord } from '../mailgun';
import { describeFailure, resolverLookups, type DnsLookups, type Lookup } from './lookup';
import { isSpf, mergeSpf, missingIncludes } from './spf';
import * as l10n from '../mailgun/l10n';

export type RecordRole = 'SPF' | 'DKIM' | 'tracking' | 'MX' | 'other';
/** found ✓, missing ✗, differs ⚠, or unknown when the lookup itself failed (timeout, SERVFAIL). */
export type RecordStatus = 'found' | 'missing' | 'differs' | 'unknown';

export interface RecordCheck {
  role: RecordRole;
  type: string;
  host: string;
  expected: string;
  status: RecordStatus;
  /** What the lookup found there, as text. */
  found: string[];
  /** What is wrong, in a sentence; empty when found. */
  problem: string;
  /** The exact fix. */
  fix?: string;
  receiving: boolean;
}

export interface DnsCheck {
  domainName: string;
  source: string;
  /** Set when the whole zone is missing (NXDOMAIN): then no record can be found. */
  zoneProblem?: string;
  records: RecordCheck[];
}

export interface DnsCheckOptions {
  lookups?: DnsLookups;
  /** Lookups against the zone's own name servers (their addresses), to tell propagation from absence. */
  lookupsAt?: (servers: string[]) => DnsLookups;
}

const bare = (name: string): string => name.trim().toLowerCase().replace(/\.$/, '');

function roleOf(r: DnsRecord, host: string): RecordRole {
  if (r.record_type === 'MX') return 'MX';
  if (r.record_type === 'TXT' && /\._domainkey\./i.test(host)) return 'DKIM';
  if (r.record_type === 'TXT' && isSpf(r.value ?? '')) return 'SPF';
  if (r.record_type === 'CNAME') return 'tracking';
  return 'other';
}

/** The parent names a DNS host may append: for mg.example.com, example.com and mg.example.com. */
function zoneCandidates(domainName: string): string[] {
  const labels = bare(domainName).split('.');
  const out: string[] = [];
  for (let i = labels.length - 2; i >= 0; i--) out.push(labels.slice(i).join('.'));
  return out;
}

type Base = Omit<RecordCheck, 'status' | 'found' | 'problem' | 'fix'>;
type Verdict = Pick<RecordCheck, 'status' | 'found' | 'problem' | 'fix'>;

function failed(base: Base, lookup: Lookup<unknown> & { ok: false }, source: string, what = base.type): Verdict {
  if (lookup.failure === 'nxdomain' || lookup.failure === 'nodata')
    return { status: 'missing', found: [], problem: l10n.t('No {0} record at {1}.', what, base.host), fix: l10n.t('Add a {0} record at {1} with the value {2}.', base.type, base.host, base.expected) };
  return { status: 'unknown', found: [], problem: describeFailure(lookup.failure, base.host, base.type, source, lookup.detail) };
}

async function checkSpf(base: Base, dns: DnsLookups): Promise<Verdict> {
  const txt = await dns.txt(base.host);
  if (!txt.ok) return failed(base, txt, dns.source, 'SPF (TXT)');
  const spfs = txt.answers.map((chunks) => chunks.join('')).filter(isSpf);
  if (spfs.length === 0)
    return { status: 'missing', found: txt.answers.map((c) => c.join('')), problem: l10n.t('{0} has TXT records but no SPF record.', base.host), fix: l10n.t('Add a TXT record at {0} with the value {1}.', base.host, base.expected) };
  if (spfs.length > 1)
    return {
      status: 'differs',
      found: spfs,
      problem: l10n.t('{0} has {1} SPF records; only one may exist, and receivers treat two as an error (SPF permerror).', base.host, spfs.length),
      fix: l10n.t('Delete them all and publish this one TXT record instead: {0}', mergeSpf(spfs, base.expected)),
    };
  const lacking = missingIncludes(spfs[0], base.expected);
  if (lacking.length > 0)
    return {
      status: 'differs',
      found: spfs,
      problem: l10n.t("The SPF record of {0} lacks {1}, so receivers don't accept mail Mailgun sends for it.", base.host, lacking.join(' ')),
      fix: l10n.t('Change the TXT record to: {0}', mergeSpf(spfs, base.expected)),
    };
  return { status: 'found', found: spfs, problem: '' };
}

const squash = (s: string): string => s.replace(/"/g, '').replace(/\s+/g, '');

async function checkDkim(base: Base, dns: DnsLookups): Promise<Verdict> {
  const txt = await dns.txt(base.host);
  if (!txt.ok) return failed(base, txt, dns.source, 'DKIM (TXT)');
  const values = txt.answers.map((chunks) => chunks.join(''));
  if (values.includes(base.expected)) return { status: 'found', found: values, problem: '' };
  const want = squash(base.expected);
  const whole = l10n.t('Publish one TXT record at {0} with the whole value (without quotation marks); DNS hosts split long values into 255-character strings themselves.', base.host);
  if (values.length > 1 && [values.join(''), [...values].reverse().join('')].some((v) => squash(v) === want))
    return { status: 'differs', found: values, problem: l10n.t('The DKIM key is split into {0} separate TXT records at {1}; a receiver reads only one of them.', values.length, base.host), fix: l10n.t('Delete them. {0}', whole) };
  const quoted = values.find((v) => v.includes('"') && squash(v) === want);
  if (quoted !== undefined)
    return { status: 'differs', found: values, problem: l10n.t('The DKIM value at {0} is wrapped in extra quotation marks, which become part of the key.', base.host), fix: l10n.t('Edit the record and paste the value without quotation marks. {0}', whole) };
  const cut = values.find((v) => squash(v).length < want.length && want.startsWith(squash(v)) && squash(v).length > 0);
  if (cut !== undefined)
    return {
      status: 'differs',
      found: values,
      problem:
        cut.length === 255
          ? l10n.t('The DKIM value at {0} stops after {1} of {2} characters: it was cut at 255 characters, the limit of one DNS string.', base.host, cut.length, base.expected.length)
          : l10n.t('The DKIM value at {0} stops after {1} of {2} characters: it was cut.', base.host, cut.length, base.expected.length),
      fix: l10n.t('{0} If your DNS host cannot store longer values, ask it to split the value into several strings in one record.', whole),
    };
  return {
    status: values.some((v) => /(^|;)\s*p=/.test(v)) ? 'differs' : 'missing',
    found: values,
    problem: l10n.t('The TXT record at {0} is not the DKIM key Mailgun gave for this domain.', base.host),
    fix: l10n.t('Replace it with the value {0}', base.expected),
  };
}

async function checkTracking(base: Base, dns: DnsLookups): Promise<Verdict> {
  const cname = await dns.cname(base.host);
  if (cname.ok) {
    if (cname.answers.some((t) => bare(t) === bare(base.expected))) return { status: 'found', found: cname.answers, problem: '' };
    return { status: 'differs', found: cname.answers, problem: l10n.t('{0} is a CNAME to {1}, not to {2}.', base.host, cname.answers.join(', '), base.expected), fix: l10n.t('Point the CNAME record {0} at {1}.', base.host, base.expected) };
  }
  if (cname.failure === 'nodata') {
    const a = await dns.a(base.host);
    if (a.ok && a.answers.length > 0)
      return {
        status: 'differs',
        found: a.answers.map((ip) => `A ${ip}`),
        problem: l10n.t("{0} answers with addresses (A {1}) instead of a CNAME: a proxy such as a CDN (Cloudflare's orange cloud) is in front of it, so clicks and opens don't reach Mailgun.", base.host, a.answers.join(', ')),
        fix: l10n.t('Turn the proxy off for {0} (Cloudflare: "DNS only", the grey cloud), so it is a plain CNAME to {1}.', base.host, base.expected),
      };
  }
  return failed(base, cname, dns.source, 'tracking (CNAME)');
}

const mxFix = (): string => l10n.t('If Mailgun should receive mail for this domain, replace them with the MX records Mailgun gives; if you only send with Mailgun, leave them: the receiving records are optional.');

async function checkMx(base: Base, dns: DnsLookups): Promise<Verdict> {
  const mx = await dns.mx(base.host);
  if (!mx.ok) {
    const v = failed(base, mx, dns.source, 'MX');
    return v.status === 'missing' ? { ...v, fix: l10n.t('Only if Mailgun should receive mail for {0}: add an MX record with the value {1}.', base.host, base.expected) } : v;
  }
  const found = mx.answers.map((m) => `${m.priority} ${m.exchange}`);
  if (mx.answers.some((m) => bare(m.exchange) === bare(base.expected))) return { status: 'found', found, problem: '' };
  const mailgun = mx.answers.some((m) => /(^|\.)mailgun\.org$/i.test(bare(m.exchange)));
  return {
    status: mailgun ? 'missing' : 'differs',
    found,
    problem: mailgun
      ? l10n.t('{0} has Mailgun MX records, but not {1}.', base.host, base.expected)
      : l10n.t('The MX records of {0} point at another provider ({1}), so mail to this domain goes there.', base.host, mx.answers.map((m) => m.exchange).join(', ')),
    fix: mailgun ? l10n.t('Add an MX record at {0} with the value {1}.', base.host, base.expected) : mxFix(),
  };
}

async function checkOther(base: Base, dns: DnsLookups): Promise<Verdict> {
  const got = base.type === 'A' ? await dns.a(base.host) : await dns.txt(base.host);
  if (!got.ok) return failed(base, got, dns.source);
  const found = got.answers.map((x) => (Array.isArray(x) ? x.join('') : x));
  return found.some((f) => bare(f) === bare(base.expected)) ? { status: 'found', found, problem: '' } : { status: 'differs', found, problem: l10n.t('{0} has other {1} values.', base.host, base.type), fix: l10n.t('Set it to {0}.', base.expected) };
}

function checkWith(base: Base, dns: DnsLookups): Promise<Verdict> {
  switch (base.role) {
    case 'SPF':
      return checkSpf(base, dns);
    case 'DKIM':
      return checkDkim(base, dns);
    case 'tracking':
      return checkTracking(base, dns);
    case 'MX':
      return checkMx(base, dns);
    default:
      return checkOther(base, dns);
  }
}

/** A missing record found under the host with a zone name appended again: mg.example.com.example.com. */
async function doubledHost(base: Base, domainName: string, dns: DnsLookups): Promise<Verdict | undefined> {
  for (const zone of zoneCandidates(domainName)) {
    const typed = `${base.host}.${zone}`;
    const there = await checkWith({ ...base, host: typed }, dns);
    if (there.status === 'found' || there.status === 'differs') {
      const relative = base.host === zone ? '@' : base.host.slice(0, -(zone.length + 1));
      return {
        status: 'missing',
        found: there.found.map((f) => l10n.t('at {0}: {1}', typed, f)),
        problem: l10n.t('The record is at {0}: your DNS host appended {1} to the host you typed, so the name holds the domain twice.', typed, zone),
        fix:
          there.status === 'differs' && there.fix
            ? l10n.t('Rename the record\'s host to "{0}" (your DNS host adds ".{1}" itself); also: {2}', relative, zone, there.fix)
            : l10n.t('Rename the record\'s host to "{0}" (your DNS host adds ".{1}" itself).', relative, zone),
      };
    }
  }
  return undefined;
}

/** The nearest name servers of `host`'s zone, by their addresses, and the zone's negative-answer TTL. */
async function zoneServers(host: string, dns: DnsLookups): Promise<{ servers: string[]; zone: string } | undefined> {
  const labels = bare(host).split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    const zone = labels.slice(i).join('.');
    const ns = await dns.ns(zone);
    if (!ns.ok) continue;
    const addresses = (await Promise.all(ns.answers.map((n) => dns.a(n)))).flatMap((a) => (a.ok ? a.answers : []));
    return addresses.length > 0 ? { servers: addresses, zone } : undefined;
  }
  return undefined;
}

/** When the zone's own servers already hold the right record, the resolver only has an old answer cached. */
async function propagation(base: Base, dns: DnsLookups, lookupsAt: (servers: string[]) => DnsLookups): Promise<Verdict | undefined> {
  const where = await zoneServers(base.host, dns);
  if (!where) return undefined;
  const authoritative = lookupsAt(where.servers);
  const there = await checkWith(base, authoritative);
  if (there.status !== 'found') return undefined;
  const soa = await authoritative.soa(where.zone);
  const ttl = soa.ok ? soa.answers[0]?.minttl : undefined;
  return {
    status: 'missing',
    found: [],
    problem: l10n.t('The name servers of {0} already have this record, but {1} does not see it yet: it still holds an older answer.', where.zone, dns.source),
    fix: ttl !== undefined ? l10n.t('Nothing to change: wait for TTL {0} s, then check again.', ttl) : l10n.t('Nothing to change: wait for the old answer to expire, then check again.'),
  };
}

/** NXDOMAIN for the domain and every parent: the zone itself does not exist (not registered or not delegated). */
async function zoneMissing(domainName: string, dns: DnsLookups): Promise<string | undefined> {
  const candidates = zoneCandidates(domainName);
  for (const name of [...candidates].reverse()) {
    const soa = await dns.soa(name);
    if (soa.ok || soa.failure !== 'nxdomain') return undefined;
  }
  const top = candidates[0];
  return l10n.t('{0} does not exist in DNS (NXDOMAIN), so none of the records can be found. Register {0}, or set its name servers at the registrar, then publish the records.', top);
}

/** Checks every record Mailgun asks for, sending records first. */
export async function checkDomainDns(domainName: string, records: { sending: DnsRecord[]; receiving: DnsRecord[] }, options: DnsCheckOptions = {}): Promise<DnsCheck> {
  const dns = options.lookups ?? resolverLookups();
  const lookupsAt = options.lookupsAt ?? ((servers: string[]) => resolverLookups({ servers }));
  const zoneProblem = await zoneMissing(domainName, dns);
  const all = [...records.sending.map((r) => ({ r, receiving: false })), ...records.receiving.map((r) => ({ r, receiving: true }))];
  const checks = await Promise.all(
    all.map(async ({ r, receiving }): Promise<RecordCheck> => {
      const host = bare(r.name || domainName);
      const expected = r.record_type === 'MX' ? (r.value ?? '') : (r.value ?? '');
      const base: Base = { role: roleOf(r, host), type: r.record_type, host, expected, receiving };
      const verdict = await checkWith(base, dns);
      if (zoneProblem || verdict.status === 'found' || verdict.status === 'unknown') return { ...base, ...verdict };
      const better = (verdict.status === 'missing' ? await doubledHost(base, domainName, dns) : undefined) ?? (await propagation(base, dns, lookupsAt));
      return { ...base, ...(better ?? verdict) };
    }),
  );
  return { domainName, source: dns.source, zoneProblem, records: checks };
}
