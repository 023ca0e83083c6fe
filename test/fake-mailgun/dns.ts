// DNS records Mailgun asks a domain owner to publish (recorded shapes: mailgun-api.md §2; region hosts: §1.1).
import { createHash } from 'node:crypto';
import { type Domain, type RecordKind, type RecordValidity, type Region, trackingHost } from './state';

export interface DnsRecord {
  is_active: boolean;
  cached: string[];
  name?: string;
  priority?: string;
  record_type: 'TXT' | 'MX' | 'CNAME';
  valid: RecordValidity;
  value: string;
}

const mailgunHost = (region: Region): string => (region === 'eu' ? 'eu.mailgun.org' : 'mailgun.org');

const dkimCache = new Map<string, string>();

/** A stable, realistic-looking public key (base64 of a DER prefix plus bytes derived from the name). */
function dkimValue(d: Domain): string {
  const cacheKey = `${d.name}/${d.dkimKeySize}`;
  let value = dkimCache.get(cacheKey);
  if (!value) {
    const bytes = d.dkimKeySize === 2048 ? 270 : 140;
    const chunks: Buffer[] = [Buffer.from('30819f300d06092a864886f70d010101050003818d00', 'hex')];
    for (let i = 0; Buffer.concat(chunks).length < bytes; i++) chunks.push(createHash('sha256').update(`${d.name}:${i}`).digest());
    value = `k=rsa; p=${Buffer.concat(chunks).subarray(0, bytes).toString('base64')}`;
    dkimCache.set(cacheKey, value);
  }
  return value;
}

function validity(d: Domain, kind: RecordKind): RecordValidity {
  if (d.state === 'unverified' || d.verifyReadsLeft !== undefined) return 'unknown';
  return d.recordValidity?.[kind] ?? 'valid';
}

function record(d: Domain, kind: RecordKind, r: Omit<DnsRecord, 'is_active' | 'cached' | 'valid'>, active = true): DnsRecord {
  const valid = validity(d, kind);
  const cached = valid === 'valid' ? [r.priority ? `${r.priority} ${r.value}` : r.value] : [];
  const { value, ...rest } = r;
  return { is_active: active, cached, ...rest, valid, value };
}

export function receivingRecords(d: Domain, region: Region): DnsRecord[] {
  const host = mailgunHost(region);
  return ['mxa', 'mxb'].map((mx) => record(d, 'mx', { priority: '10', record_type: 'MX', value: `${mx}.${host}` }));
}

export function sendingRecords(d: Domain, region: Region): DnsRecord[] {
  const host = mailgunHost(region);
  const dkimActive = validity(d, 'dkim') === 'valid';
  return [
    record(d, 'dkim', { name: `${d.dkimSelector}._domainkey.${d.name}`, record_type: 'TXT', value: dkimValue(d) }, dkimActive),
    record(d, 'spf', { name: d.name, record_type: 'TXT', value: `v=spf1 include:${host} ~all` }),
    record(d, 'tracking', { name: trackingHost(d), record_type: 'CNAME', value: host }),
  ];
}
