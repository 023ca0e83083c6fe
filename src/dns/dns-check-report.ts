// The live DNS check as text: a summary sentence and one block per record with what is there and the fix.
import { andList, type VerificationReport } from '../mailgun/dns-report';
import type { DnsCheck, RecordCheck, RecordStatus } from './dns-check';

const MARK: Record<RecordStatus, string> = { found: '✓ found', missing: '✗ missing', differs: '⚠ differs', unknown: '? no answer' };

function block(r: RecordCheck): string {
  const lines = [`${MARK[r.status]}  ${r.type} ${r.host} (${r.role}${r.receiving ? ', receiving' : ''})`, `    Mailgun asks for: ${r.expected}`];
  if (r.found.length > 0) lines.push(...r.found.map((f, i) => `    ${i === 0 ? 'Found:' : '      '} ${f}`));
  if (r.problem) lines.push(`    Problem: ${r.problem}`);
  if (r.fix) lines.push(`    Fix: ${r.fix}`);
  return lines.join('\n');
}

const count = (check: DnsCheck, status: RecordStatus, receiving: boolean): number => check.records.filter((r) => r.status === status && r.receiving === receiving).length;

/** One sentence: how many sending records are right, and what is wrong or unanswered. */
export function dnsCheckSummary(check: DnsCheck): string {
  if (check.zoneProblem) return check.zoneProblem;
  const sending = check.records.filter((r) => !r.receiving);
  const ok = count(check, 'found', false);
  const parts = [`${ok} of ${sending.length} sending records of ${check.domainName} are published correctly`];
  const missing = count(check, 'missing', false);
  const differs = count(check, 'differs', false);
  const unknown = check.records.filter((r) => r.status === 'unknown').length;
  if (missing > 0) parts.push(`${missing} missing`);
  if (differs > 0) parts.push(`${differs} with a wrong value`);
  if (unknown > 0) parts.push(`${unknown} not answered by the DNS server`);
  return `${parts.join(', ')} (looked up with ${check.source}).`;
}

/** The whole report, as plain text for an editor. */
export function dnsCheckReport(check: DnsCheck, checkedAt: Date): string {
  const sending = check.records.filter((r) => !r.receiving);
  const receiving = check.records.filter((r) => r.receiving);
  const out = [`Live DNS check of ${check.domainName}`, `Looked up with ${check.source} at ${checkedAt.toISOString()}.`, '', dnsCheckSummary(check), ''];
  if (sending.length > 0) out.push('Sending records', '', ...sending.map(block).join('\n\n').split('\n'), '');
  if (receiving.length > 0) out.push('Receiving records (only needed if Mailgun should receive mail for the domain)', '', ...receiving.map(block).join('\n\n').split('\n'), '');
  return `${out.join('\n')}`;
}

/** Whether every sending record is published as Mailgun asks (receiving MX records are optional). */
export function sendingRecordsInPlace(check: DnsCheck): boolean {
  return !check.zoneProblem && check.records.every((r) => r.receiving || r.status === 'found');
}

const WRONG: Record<Exclude<RecordStatus, 'found'>, string> = { missing: 'missing', differs: 'wrong', unknown: 'not answered' };

/** "SPF missing at mg.example.com and DKIM wrong at smtp._domainkey.mg.example.com": what is wrong with the sending records. */
function sendingProblems(check: DnsCheck): string {
  if (check.zoneProblem) return check.zoneProblem;
  return andList(check.records.filter((r) => !r.receiving && r.status !== 'found').map((r) => `${r.role} ${WRONG[r.status as Exclude<RecordStatus, 'found'>]} at ${r.host}`));
}

/** Mailgun's verdict after Verify DNS, with what the live check found: the live check or why it could not run. */
export interface VerifyWithLiveCheck extends VerificationReport {
  live?: DnsCheck;
}

/**
 * Mailgun's verdict, followed by the live check's: where they agree it says so, where records are wrong here it
 * names them (so "still unverified" comes with "SPF missing at …"), and where the two differ it names propagation.
 */
export function verifyWithLiveCheck(mailgun: VerificationReport, live: DnsCheck | string, mailgunVerified: boolean): VerifyWithLiveCheck {
  if (typeof live === 'string') return { ...mailgun, message: `${mailgun.message} The live DNS check did not run: ${live}` };
  const where = `looked up with ${live.source}`;
  if (sendingRecordsInPlace(live)) {
    const also = mailgunVerified
      ? ` The live DNS check finds every sending record too (${where}).`
      : ` Yet the live DNS check finds every sending record published (${where}): Mailgun's resolvers may still hold an older answer while the change spreads (up to 48 hours). Run Verify DNS again later.`;
    return { ...mailgun, message: `${mailgun.message}${also}`, live };
  }
  const differ = mailgunVerified ? " Mailgun's check and this lookup can differ while DNS changes spread." : '';
  return {
    severity: 'warning',
    message: `${mailgun.message} Live DNS check (${where}): ${sendingProblems(live)}; the report beside shows each fix.${differ}`,
    recordsMissing: true,
    live,
  };
}
