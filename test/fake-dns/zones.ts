// Zones for the DNS check tests: one with every record right, and each usual mistake as a change to it.
import type { DnsRecord } from '../../src/mailgun';
import type { NameRecords, Zone } from './server';

/** 2048-bit-sized DKIM value: longer than one 255-character DNS string. */
export const DKIM = `k=rsa; p=${'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA'.padEnd(392, 'x7Qz')}`;

/** What Mailgun asks for a domain, shaped as its API returns it. */
export function mailgunRecords(domain: string): { sending: DnsRecord[]; receiving: DnsRecord[] } {
  return {
    sending: [
      { record_type: 'TXT', name: `smtp._domainkey.${domain}`, value: DKIM, valid: 'unknown' },
      { record_type: 'TXT', name: domain, value: 'v=spf1 include:mailgun.org ~all', valid: 'unknown' },
      { record_type: 'CNAME', name: `email.${domain}`, value: 'mailgun.org', valid: 'unknown' },
    ],
    receiving: [
      { record_type: 'MX', value: 'mxa.mailgun.org', priority: '10', valid: 'unknown' },
      { record_type: 'MX', value: 'mxb.mailgun.org', priority: '10', valid: 'unknown' },
    ],
  };
}

/** A value as a DNS host stores it: strings of at most 255 characters in one record. */
export const strings = (value: string): string[] => value.match(/.{1,255}/gs) ?? [''];

const apex = (domain: string): string => domain.split('.').slice(-2).join('.');

/** The parent zone with its name server and SOA; `domain`'s records as given. */
export function zoneWith(domain: string, records: Record<string, NameRecords>, minimum = 1800): Zone {
  const parent = apex(domain);
  return {
    [parent]: { NS: [`ns1.${parent}`], SOA: { mname: `ns1.${parent}`, rname: `hostmaster.${parent}`, minimum } },
    [`ns1.${parent}`]: { A: ['127.0.0.1'] },
    ...records,
  };
}

/** Every record Mailgun asks for, published right. */
export function correctRecords(domain: string): Record<string, NameRecords> {
  return {
    [domain]: { TXT: [['v=spf1 include:mailgun.org ~all']], MX: [{ priority: 10, exchange: 'mxa.mailgun.org' }, { priority: 10, exchange: 'mxb.mailgun.org' }] },
    [`smtp._domainkey.${domain}`]: { TXT: [strings(DKIM)] },
    [`email.${domain}`]: { CNAME: 'mailgun.org' },
  };
}
