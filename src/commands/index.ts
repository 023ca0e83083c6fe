import type * as vscode from 'vscode';
import type { Services } from '../services';
import { registerAccountWebhookCommands } from './accountWebhooks';
import { copyAddress, copyDnsRecordHost, copyDnsRecordValue, copyDomainName, copyWebhookUrl, openInControlPanel } from './copy';
import { addDomain, copyDnsRecords, deleteDomain, verifyDomain } from './domains';
import { addApiKey, removeApiKey, renameAccount, updateApiKey } from './keys';
import { registerCommands, type Handler } from './register';
import { showStats, statsPanels } from './stats';
import { registerSuppressionFileCommands } from './suppressionFiles';
import { registerSuppressionCommands } from './suppressions';
import { generateCertificate, regenerateCertificate, setClickTracking, turnOffHttpsTracking, turnOffTracking, turnOnHttpsTracking, turnOnTracking } from './tracking';
import { clearFilter, filter, loadMore, refresh, retry, showLogs } from './tree';
import { registerWebhookTestingCommands } from './webhookTesting';
import { registerDomainWebhookCommands } from './webhooks';

/** Every command of the extension: its id (as package.json declares it) and its handler. */
export function registerAllCommands(services: Services): vscode.Disposable[] {
  const stats = statsPanels(services);
  const commands: Record<string, Handler> = {
    'mailgun.addApiKey': addApiKey,
    'mailgun.updateApiKey': updateApiKey,
    'mailgun.renameAccount': renameAccount,
    'mailgun.removeApiKey': removeApiKey,

    'mailgun.refresh': refresh,
    'mailgun.loadMore': loadMore,
    'mailgun.retry': retry,
    'mailgun.showLogs': showLogs,
    'mailgun.filter': filter,
    'mailgun.clearFilter': clearFilter,

    'mailgun.copyDomainName': copyDomainName,
    'mailgun.copyDnsRecordValue': copyDnsRecordValue,
    'mailgun.copyDnsRecordHost': copyDnsRecordHost,
    'mailgun.copyWebhookUrl': copyWebhookUrl,
    'mailgun.copyAddress': copyAddress,
    'mailgun.openInControlPanel': openInControlPanel,

    'mailgun.showStats': showStats(stats.panels),

    'mailgun.addDomain': addDomain,
    'mailgun.verifyDomain': verifyDomain,
    'mailgun.deleteDomain': deleteDomain,
    'mailgun.copyDnsRecords': copyDnsRecords,

    'mailgun.turnOnTracking': turnOnTracking,
    'mailgun.turnOffTracking': turnOffTracking,
    'mailgun.setClickTracking': setClickTracking,
    'mailgun.turnOnHttpsTracking': turnOnHttpsTracking,
    'mailgun.turnOffHttpsTracking': turnOffHttpsTracking,
    'mailgun.generateCertificate': generateCertificate,
    'mailgun.regenerateCertificate': regenerateCertificate,
  };
  return [
    ...stats.disposables,
    ...registerCommands(services, commands),
    // Not yet moved to handlers: they register themselves the old way.
    ...registerDomainWebhookCommands(services),
    ...registerAccountWebhookCommands(services),
    ...registerWebhookTestingCommands(services),
    ...registerSuppressionCommands(services),
    ...registerSuppressionFileCommands(services),
  ];
}
