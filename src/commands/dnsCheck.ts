// Check DNS Now: the records Mailgun asks for, looked up live, shown per record with the fix, in a read-only editor.
import * as vscode from 'vscode';
import { checkDomainDns, type DnsCheck } from '../dns/dnsCheck';
import { dnsCheckReport, dnsCheckSummary } from '../dns/dnsCheckReport';
import { resolverLookups } from '../dns/lookup';
import type { Services } from '../services';
import { settings } from '../settings';
import { notify, reportFailure } from '../ui/notify';
import { inStatusBar } from '../ui/progress';
import { onboardingTarget } from './onboardingTarget';
import { clientOf } from './targets';

export const DNS_CHECK_SCHEME = 'mailgun-dns-check';

/** The latest report per domain, served read-only so closing it never asks to save. */
class DnsCheckReports implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? 'Run "Mailgun: Check DNS Now" to check this domain again.';
  }

  dispose(): void {
    this.changed.dispose();
  }
}

async function checkDns(services: Services, reports: DnsCheckReports, node: unknown, arg: unknown): Promise<DnsCheck | undefined> {
  let name = '';
  try {
    const target = await onboardingTarget(services, node, arg, 'Check DNS of a Mailgun Domain Now');
    if (!target) return undefined;
    name = target.domainName;
    if (target.domain?.type === 'sandbox') {
      notify('info', `${name} is a sandbox domain: Mailgun publishes its DNS records itself, so there is nothing to check.`);
      return undefined;
    }
    const servers = settings.dnsServers();
    let lookups;
    try {
      lookups = resolverLookups({ servers });
    } catch {
      notify('error', `The setting mailgun.dnsServers holds something that is not a DNS server address (${servers.join(', ')}). Use IP addresses such as 1.1.1.1 or 127.0.0.1:5300, or leave it empty for your system's resolver.`);
      return undefined;
    }
    const client = await clientOf(services, target);
    const result = await inStatusBar(`Checking the DNS records of ${name}…`, async () => {
      const detail = await client.domains.get(name);
      return checkDomainDns(name, { sending: detail.sending_dns_records, receiving: detail.receiving_dns_records }, { lookups });
    });
    const uri = vscode.Uri.from({ scheme: DNS_CHECK_SCHEME, path: `/${name}.txt` });
    reports.set(uri, dnsCheckReport(result, new Date()));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true, preserveFocus: true });
    const summary = dnsCheckSummary(result);
    const ok = !result.zoneProblem && result.records.every((r) => r.receiving || r.status === 'found');
    services.log.info(`Check DNS Now: ${summary}`);
    notify(ok ? 'info' : 'warning', ok ? `${summary} Run Verify DNS so Mailgun checks too.` : `${summary} The report beside shows each fix.`, ok && target.node ? { 'Verify DNS': () => vscode.commands.executeCommand('mailgun.verifyDomain', target.node) } : {}, services.log);
    return result;
  } catch (err) {
    reportFailure(services.log, `Check DNS Now${name ? ` of ${name}` : ''}`, err);
    return undefined;
  }
}

export function registerDnsCheckCommands(services: Services): vscode.Disposable[] {
  const reports = new DnsCheckReports();
  return [
    reports,
    vscode.workspace.registerTextDocumentContentProvider(DNS_CHECK_SCHEME, reports),
    vscode.commands.registerCommand('mailgun.checkDns', (node?: unknown, arg?: unknown) => checkDns(services, reports, node, arg)),
  ];
}
