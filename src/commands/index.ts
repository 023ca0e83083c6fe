import type * as vscode from 'vscode';
import { l10n } from 'vscode';
import type { Services } from '../services';
import { ReadOnlyDocuments } from '../ui/read-only-documents';
import { LogsPanels } from '../webview/logs/logs-panel';
import { StatsPanels } from '../webview/panel';
import { addAccountWebhook, deleteAccountWebhook, editAccountWebhook } from './account-webhooks';
import { addAlert, copyAlertJson, deleteAlert, editAlert } from './alerts';
import { copyAddress, copyDnsRecordHost, copyDnsRecordValue, copyDomainName, copyWebhookUrl, openInControlPanel } from './copy';
import { checkDns, dnsCheckReports } from './dns-check';
import { addDomain, copyDnsRecords, deleteDomain, verifyDomain } from './domains';
import { addApiKey, removeApiKey, renameAccount, updateApiKey } from './keys';
import { STORED_MESSAGE_SCHEME } from './lazy';
import { openLogs } from './logs';
import { wrapCommand, type Command } from './register';
import { addAuthorizedRecipient, removeAuthorizedRecipient } from './sandbox-recipients';
import { showStats } from './stats';
import { copySubaccountId, createSubaccount, disableSubaccount, enableSubaccount, openSubaccountLogs, showSubaccountStats } from './subaccounts';
import { exportSuppressions, importSuppressions } from './suppression-files';
import { addSuppression, clearSuppressions, deleteSuppression } from './suppressions';
import { traceRecipientCommand } from './trace';
import { sendTestMessage } from './test-message';
import { generateCertificate, regenerateCertificate, setClickTracking, turnOffHttpsTracking, turnOffTracking, turnOnHttpsTracking, turnOnTracking } from './tracking';
import { clearFilter, filter, loadMore, refresh, retry, showLogs } from './tree';
import { sendTestWebhook, verifyWebhookSignature } from './webhook-testing';
import { addWebhook, deleteWebhook, editWebhookEvents } from './webhooks';

/** What the commands chunk hands back to the registrations made at activation (src/commands/lazy.ts). */
export interface LoadedCommands {
  /** Each command id's callback, wrapped as register.ts does (argument check, log, error sentence). */
  run: ReadonlyMap<string, (target?: unknown) => Promise<unknown>>;
  /** Restores stats panels after a window reload. */
  statsPanels: vscode.WebviewPanelSerializer;
  /** Serves the Check DNS Now reports; fires its onDidChange when a report changes. */
  dnsReports: vscode.TextDocumentContentProvider & { onDidChange: vscode.Event<vscode.Uri> };
  /** Serves the stored messages the Logs panel opens. */
  storedMessages: ReadOnlyDocuments;
  disposables: vscode.Disposable[];
}

/** Every command of the extension: its id (as package.json declares it) and its handler. Built on first use. */
export function loadCommands(services: Services): LoadedCommands {
  const stats = new StatsPanels(services);
  const storedMessages = new ReadOnlyDocuments(STORED_MESSAGE_SCHEME, l10n.t('This stored message was opened in an earlier session. Open it again from the Message Logs panel.'));
  const logs = new LogsPanels(services, storedMessages);
  const commands: Record<string, Command> = {
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

    'mailgun.showStats': showStats(stats),
    'mailgun.openLogs': openLogs(logs),
    'mailgun.traceRecipient': traceRecipientCommand,

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

    'mailgun.addWebhook': addWebhook,
    'mailgun.editWebhookEvents': editWebhookEvents,
    'mailgun.deleteWebhook': deleteWebhook,
    'mailgun.addAccountWebhook': addAccountWebhook,
    'mailgun.editAccountWebhook': editAccountWebhook,
    'mailgun.deleteAccountWebhook': deleteAccountWebhook,
    'mailgun.sendTestWebhook': sendTestWebhook,
    'mailgun.verifyWebhookSignature': verifyWebhookSignature,

    'mailgun.addSuppression': addSuppression,
    'mailgun.deleteSuppression': deleteSuppression,
    'mailgun.clearSuppressions': clearSuppressions,
    'mailgun.importSuppressions': importSuppressions,
    'mailgun.exportSuppressions': exportSuppressions,

    'mailgun.createSubaccount': createSubaccount,
    'mailgun.enableSubaccount': enableSubaccount,
    'mailgun.disableSubaccount': disableSubaccount,
    'mailgun.copySubaccountId': copySubaccountId,
    'mailgun.showSubaccountStats': showSubaccountStats(stats),
    'mailgun.openSubaccountLogs': openSubaccountLogs(logs),

    'mailgun.addAlert': addAlert,
    'mailgun.editAlert': editAlert,
    'mailgun.deleteAlert': deleteAlert,
    'mailgun.copyAlertJson': copyAlertJson,

    'mailgun.checkDns': checkDns,
    'mailgun.sendTestMessage': sendTestMessage,
    'mailgun.addAuthorizedRecipient': addAuthorizedRecipient,
    'mailgun.removeAuthorizedRecipient': removeAuthorizedRecipient,
  };
  const dnsReports = dnsCheckReports();
  return {
    run: new Map(Object.entries(commands).map(([id, command]) => [id, wrapCommand(services, id, command)])),
    statsPanels: stats,
    dnsReports,
    storedMessages,
    disposables: [stats, logs, dnsReports, storedMessages],
  };
}
