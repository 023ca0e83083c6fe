// The live DNS check as text: a summary sentence and one block per record with what is there and the fix.
import { andList, type VerificationReport } from '../mailgun/dns-report';
import type { DnsCheck, RecordCheck, RecordStatus } from './dns-check';
import * as l10n from '../mailgun/l10n';

const mark = (status: RecordStatus): string =>
  ({ found: l10n.t('✓ found'), missing: l10n.t('✗ missing'), differs: l10n.t('⚠ differs'), unknown: l10n.t('? no answer') })[status];

function block(r: RecordCheck): string {
  const what = r.receiving ? l10n.t('{0}, receiving', r.role) : r.role;
  const lines = [`${mark(r.status)}  ${r.type} ${r.host} (${what})`, `    ${l10n.t('Mailgun asks for: {0}', r.expected)}`];
  const found = l10n.t('Found:');
  if (r.found.length > 0) lines.push(...r.found.map((f, i) => `    ${i === 0 ? found : ' '.repeat(found.length)} ${f}`));
  if (r.problem) lines.push(`    ${l10n.t('Problem: {0}', r.problem)}`);
  if (r.fix) lines.push(`    ${l10n.t('Fix: {0}', r.fix)}`);
  return lines.join('\n');
}

const count = (check: DnsCheck, status: RecordStatus, receiving: boolean): number => check.records.filter((r) => r.status === status && r.receiving === receiving).length;

/** One sentence: how many sending records are right, and what is wrong or unanswered. */
export function dnsCheckSummary(check: DnsCheck): string {
  if (check.zoneProblem) return check.zoneProblem;
  const sending = check.records.filter((r) => !r.receiving);
  const ok = count(check, 'found', false);
  const parts = [l10n.t('{0} of {1} sending records of {2} are published correctly', ok, sending.length, check.domainName)];
  const missing = count(check, 'missing', false);
  const differs = count(check, 'differs', false);
  const unknown = check.records.filter((r) => r.status === 'unknown').length;
  if (missing > 0) parts.push(l10n.t('{0} missing', missing));
  if (differs > 0) parts.push(l10n.t('{0} with a wrong value', differs));
  if (unknown > 0) parts.push(l10n.t('{0} not answered by the DNS server', unknown));
  return l10n.t('{0} (looked up with {1}).', parts.join(', '), check.source);
}

/** The whole report, as plain text for an editor. */
export function dnsCheckReport(check: DnsCheck, checkedAt: Date): string {
  const sending = check.records.filter((r) => !r.receiving);
  const receiving = check.records.filter((r) => r.receiving);
  const out = [l10n.t('Live DNS check of {0}', check.domainName), l10n.t('Looked up with {0} at {1}.', check.source, checkedAt.toISOString()), '', dnsCheckSummary(check), ''];
  if (sending.length > 0) out.push(l10n.t('Sending records'), '', ...sending.map(block).join('\n\n').split('\n'), '');
  if (receiving.length > 0) out.push(l10n.t('Receiving records (only needed if Mailgun should receive mail for the domain)'), '', ...receiving.map(block).join('\n\n').split('\n'), '');
  return `${out.join('\n')}`;
}

/** Whether every sending record is published as Mailgun asks (receiving MX records are optional). */
export function sendingRecordsInPlace(check: DnsCheck): boolean {
  return !check.zoneProblem && check.records.every((r) => r.receiving || r.status === 'found');
}

const wrong = (r: RecordCheck): string =>
  r.status === 'missing' ? l10n.t('{0} missing at {1}', r.role, r.host) : r.status === 'differs' ? l10n.t('{0} wrong at {1}', r.role, r.host) : l10n.t('{0} not answered at {1}', r.role, r.host);

/** "SPF missing at mg.example.com and DKIM wrong at smtp._domainkey.mg.example.com": what is wrong with the sending records. */
function sendingProblems(check: DnsCheck): string {
  if (check.zoneProblem) return check.zoneProblem;
  return andList(check.records.filter((r) => !r.receiving && r.status !== 'found').map(wrong));
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
  if (typeof live === 'string') return { ...mailgun, message: l10n.t('{0} The live DNS check did not run: {1}', mailgun.message, live) };
  if (sendingRecordsInPlace(live)) {
    const message = mailgunVerified
      ? l10n.t('{0} The live DNS check finds every sending record too (looked up with {1}).', mailgun.message, live.source)
      : l10n.t("{0} Yet the live DNS check finds every sending record published (looked up with {1}): Mailgun's resolvers may still hold an older answer while the change spreads (up to 48 hours). Run Verify DNS again later.", mailgun.message, live.source);
    return { ...mailgun, message, live };
  }
  const problems = sendingProblems(live);
  return {
    severity: 'warning',
    message: mailgunVerified
      ? l10n.t("{0} Live DNS check (looked up with {1}): {2}; the report beside shows each fix. Mailgun's check and this lookup can differ while DNS changes spread.", mailgun.message, live.source, problems)
      : l10n.t('{0} Live DNS check (looked up with {1}): {2}; the report beside shows each fix.', mailgun.message, live.source, problems),
    recordsMissing: true,
    live,
  };
}
