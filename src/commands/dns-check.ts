// Check DNS Now: the records Mailgun asks for, looked up live, shown per record with the fix, in a read-only editor.
import * as vscode from 'vscode';
import { checkDomainDns, type DnsCheck } from '../dns/dns-check';
import { dnsCheckReport, dnsCheckSummary, sendingRecordsInPlace } from '../dns/dns-check-report';
import { resolverLookups, type DnsLookups } from '../dns/lookup';
import type { DomainDetail } from '../mailgun';
import { settings } from '../settings';
import type { TreeNode } from '../tree/node';
import { notify } from '../ui/notify';
import { ReadOnlyDocuments } from '../ui/read-only-documents';
import { withCancellableProgress } from '../ui/progress';
import { verifyDomainOf } from './domains';
import { DNS_CHECK_SCHEME } from './lazy';
import { again, type CommandContext } from './register';
import { clientOf, domainOf, type DomainRef } from './targets';

type Records = Pick<DomainDetail, 'sending_dns_records' | 'receiving_dns_records'>;

let reports: ReadOnlyDocuments | undefined;

/** The latest report per domain, served read-only (closing it never asks to save) by the provider registered at activation. */
export function dnsCheckReports(): ReadOnlyDocuments {
  reports = new ReadOnlyDocuments(DNS_CHECK_SCHEME, vscode.l10n.t('Run "Mailgun: Check DNS Now" to check this domain again.'));
  return reports;
}

/** The lookups the setting mailgun.dnsServers asks for, or the sentence saying what is wrong with it. */
function lookupsFromSettings(signal?: AbortSignal): DnsLookups | string {
  const servers = settings.dnsServers();
  try {
    return resolverLookups({ servers, signal });
  } catch {
    // The setting, not Mailgun, is at fault: said with what to put there instead.
    return vscode.l10n.t("The setting mailgun.dnsServers holds something that is not a DNS server address ({0}). Use IP addresses such as 1.1.1.1 or 127.0.0.1:5300, or leave it empty for your system's resolver.", servers.join(', '));
  }
}

/**
 * Looks up the records Mailgun asks for (`detail`) as the world sees them; `signal` abandons the lookups. Returns
 * the sentence instead when the setting mailgun.dnsServers is unusable.
 */
export async function liveDnsCheck(domainName: string, detail: Records, signal?: AbortSignal): Promise<DnsCheck | string> {
  const lookups = lookupsFromSettings(signal);
  if (typeof lookups === 'string') return lookups;
  const check = await checkDomainDns(domainName, { sending: detail.sending_dns_records, receiving: detail.receiving_dns_records }, { lookups, lookupsAt: (servers) => resolverLookups({ servers, signal }) });
  // Cancelled lookups end as failures; they are no result to show.
  signal?.throwIfAborted();
  return check;
}

/** Shows the report beside the editor, in the document of the domain (an earlier report is replaced in place). */
export async function showDnsCheckReport(check: DnsCheck): Promise<void> {
  if (!reports) throw new Error('The DNS check reports are not registered.');
  await reports.show(`/${check.domainName}.txt`, dnsCheckReport(check, new Date()), { preview: true, preserveFocus: true });
}

/** Check DNS Now: from a domain in the explorer, or the palette. */
export async function checkDns(ctx: CommandContext, target?: TreeNode): Promise<DnsCheck | undefined> {
  return checkDnsOf(ctx, await domainOf(ctx, target, vscode.l10n.t('Check DNS of a Mailgun Domain Now')));
}

/** Checks the DNS of a known domain: Add Domain and Verify DNS run this from their buttons. */
export async function checkDnsOf(ctx: CommandContext, target: DomainRef): Promise<DnsCheck | undefined> {
  const name = target.domainName;
  ctx.errorHandling.action = `Check DNS Now of ${name}`;
  if (target.domain?.type === 'sandbox') {
    notify('info', vscode.l10n.t('{0} is a sandbox domain: Mailgun publishes its DNS records itself, so there is nothing to check.', name));
    return undefined;
  }
  ctx.errorHandling.retry = again(ctx, (c) => checkDnsOf(c, target));
  ctx.errorHandling.cancelled = vscode.l10n.t('Check DNS Now of {0} was stopped.', name);
  const client = await clientOf(ctx, target);
  const result = await withCancellableProgress(vscode.l10n.t('Checking the DNS records of {0}', name), async (signal, progress) => {
    progress.report({ message: vscode.l10n.t('reading the records Mailgun asks for…') });
    const detail = await client.domains.get(name, { signal });
    progress.report({ message: vscode.l10n.t('looking them up in DNS…') });
    return liveDnsCheck(name, detail, signal);
  });
  if (typeof result === 'string') {
    notify('error', result);
    return undefined;
  }
  await showDnsCheckReport(result);
  const summary = dnsCheckSummary(result);
  const ok = sendingRecordsInPlace(result);
  ctx.log.info(`Check DNS Now: ${summary}`);
  notify(ok ? 'info' : 'warning', ok ? vscode.l10n.t('{0} Run Verify DNS so Mailgun checks too.', summary) : vscode.l10n.t('{0} The report beside shows each fix.', summary), ok ? { [vscode.l10n.t('Verify DNS')]: again(ctx, (c) => verifyDomainOf(c, target)) } : {}, ctx.log);
  return result;
}
