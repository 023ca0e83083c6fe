// What a domain's DNS records say, as text: a zone-file fragment to paste, and a sentence after a verification.
// No vscode import, so the unit tests run it in plain Node.
import type { DnsRecord, DomainDetail } from './domains';
import * as l10n from './l10n';

type Records = Pick<DomainDetail, 'sending_dns_records' | 'receiving_dns_records'>;

/** The host a record belongs on; MX records name none, they sit on the domain itself. */
export function recordHost(domainName: string, r: DnsRecord): string {
  return r.name || domainName;
}

/** TXT data as zone-file strings: quoted, escaped, split at 255 characters (the limit of one DNS string). */
function txtData(value: string): string {
  const chunks: string[] = [];
  for (let i = 0; i < value.length || i === 0; i += 255) chunks.push(value.slice(i, i + 255));
  return chunks.map((c) => `"${c.replace(/[\\"]/g, (ch) => `\\${ch}`)}"`).join(' ');
}

const fqdn = (host: string): string => (host.endsWith('.') ? host : `${host}.`);

function recordData(r: DnsRecord): string {
  const value = r.value ?? '';
  switch (r.record_type) {
    case 'TXT':
      return txtData(value);
    case 'MX':
      return `${r.priority ?? '10'} ${fqdn(value)}`;
    case 'CNAME':
      return fqdn(value);
    default:
      return value;
  }
}

/** The records as a BIND zone-file fragment, which DNS hosts import or show field by field. */
export function recordsAsZone(domainName: string, detail: Records): string {
  const rows = (records: DnsRecord[]) => records.map((r) => [fqdn(recordHost(domainName, r)), 'IN', r.record_type, recordData(r)]);
  const sending = rows(detail.sending_dns_records);
  const receiving = rows(detail.receiving_dns_records);
  const hostWidth = Math.max(0, ...[...sending, ...receiving].map((r) => r[0].length));
  const typeWidth = Math.max(0, ...[...sending, ...receiving].map((r) => r[2].length));
  const line = (r: string[]) => `${r[0].padEnd(hostWidth)}  ${r[1]}  ${r[2].padEnd(typeWidth)}  ${r[3]}`;
  const out = [`; ${l10n.t('DNS records Mailgun asks for {0}', domainName)}`];
  if (sending.length > 0) out.push(`; ${l10n.t('Sending: SPF, DKIM and the tracking CNAME')}`, ...sending.map(line));
  if (receiving.length > 0) out.push(`; ${l10n.t('Receiving: MX, only if Mailgun should receive mail for this domain')}`, ...receiving.map(line));
  return `${out.join('\n')}\n`;
}

/** "TXT smtp._domainkey.example.com (DKIM)", "MX example.com → mxa.mailgun.org". */
export function describeRecord(domainName: string, r: DnsRecord): string {
  const host = recordHost(domainName, r);
  const value = r.value ?? '';
  if (r.record_type === 'MX') return `MX ${host} → ${value}`;
  const role = /\._domainkey\./i.test(host) ? 'DKIM' : /^v=spf1\b/i.test(value) ? 'SPF' : r.record_type === 'CNAME' ? 'tracking' : undefined;
  return `${r.record_type} ${host}${role ? ` (${role})` : ''}`;
}

/** "a", "a and b", "a, b and c". */
export function andList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return l10n.t('{0} and {1}', items.slice(0, -1).join(', '), items.at(-1)!);
}

export interface VerificationReport {
  severity: 'info' | 'warning';
  message: string;
  /** Whether the records still need work at the DNS host (then "Copy All Records" helps). */
  recordsMissing: boolean;
}

/**
 * One or two sentences on a verification: verified, active with records still missing, or still unverified
 * and which records Mailgun has not found (`unknown`) or found with a wrong value (`invalid`).
 */
export function verificationReport(detail: DomainDetail, waitedSeconds: number): VerificationReport {
  const d = detail.domain;
  const name = d.name;
  const records = [...detail.sending_dns_records, ...detail.receiving_dns_records];
  const notFound = records.filter((r) => (r.valid ?? 'unknown') === 'unknown').map((r) => describeRecord(name, r));
  const wrong = records.filter((r) => r.valid === 'invalid').map((r) => describeRecord(name, r));
  const problems = [notFound.length > 0 ? l10n.t('not found yet: {0}', andList(notFound)) : undefined, wrong.length > 0 ? l10n.t('wrong value: {0}', andList(wrong)) : undefined].filter(Boolean).join('; ');

  if (d.state === 'disabled') {
    return { severity: 'warning', message: l10n.t('{0} is disabled, so Mailgun does not verify it. Contact Mailgun support to enable it again.', name), recordsMissing: false };
  }
  if (d.state === 'active') {
    if (!problems) return { severity: 'info', message: l10n.t('{0} is verified: all {1} DNS records are in place.', name, records.length), recordsMissing: false };
    const receivingOnly = [...detail.sending_dns_records].every((r) => r.valid === 'valid');
    const message = receivingOnly
      ? l10n.t('{0} is verified. It can send; to receive mail for it, fix the MX records ({1}).', name, problems)
      : l10n.t('{0} is verified. It can send, but fix these records ({1}).', name, problems);
    return { severity: 'warning', message, recordsMissing: true };
  }
  if (d.state === 'unverified') {
    if (!problems) {
      const message =
        waitedSeconds > 0
          ? l10n.t('{0} is still unverified after {1} seconds of checking; Mailgun has not finished checking. Run Verify DNS again in a few minutes.', name, waitedSeconds)
          : l10n.t('{0} is still unverified; Mailgun has not finished checking. Run Verify DNS again in a few minutes.', name);
      return { severity: 'warning', message, recordsMissing: false };
    }
    return {
      severity: 'warning',
      message:
        waitedSeconds > 0
          ? l10n.t('{0} is still unverified after {1} seconds of checking. Records {2}. Publish them at your DNS host (changes can take up to 48 hours to spread), then run Verify DNS again.', name, waitedSeconds, problems)
          : l10n.t('{0} is still unverified. Records {1}. Publish them at your DNS host (changes can take up to 48 hours to spread), then run Verify DNS again.', name, problems),
      recordsMissing: true,
    };
  }
  return { severity: 'info', message: l10n.t('{0} is now {1}.', name, d.state), recordsMissing: problems !== '' };
}
