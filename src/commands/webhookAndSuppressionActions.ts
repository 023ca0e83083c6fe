import type * as vscode from 'vscode';
import type { Services } from '../services';
import { registerAccountWebhookCommands } from './accountWebhooks';
import { registerSuppressionFileCommands } from './suppressionFiles';
import { registerSuppressionCommands } from './suppressions';
import { registerWebhookTestingCommands } from './webhookTesting';
import { registerDomainWebhookCommands } from './webhooks';

/** Domain and account webhooks, test events and signature checks, and the suppression lists' actions. */
export function registerWebhookAndSuppressionCommands(services: Services): vscode.Disposable[] {
  return [
    ...registerDomainWebhookCommands(services),
    ...registerAccountWebhookCommands(services),
    ...registerWebhookTestingCommands(services),
    ...registerSuppressionCommands(services),
    ...registerSuppressionFileCommands(services),
  ];
}
