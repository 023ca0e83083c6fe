import * as vscode from 'vscode';
import { validateWebhookUrl } from '../mailgun';
import type { Services } from '../services';
import type { TreeNode } from '../tree/node';
import { reportOutcome, reportRefusal } from '../ui/notify';
import { reload } from './targets';

// Steps the domain and the account webhook commands share.

function askWebhookUrl(title: string, value?: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title,
    prompt: 'The URL Mailgun posts events to (https, with a CA-signed certificate)',
    placeHolder: 'https://example.com/mailgun/events',
    value,
    validateInput: validateWebhookUrl,
    ignoreFocusOut: true,
  });
}

/** The URL given by automation, else asked for (starting from `value`); undefined when dismissed, or refused as invalid. */
export async function webhookUrl(services: Services, title: string, given: string | undefined, value?: string): Promise<string | undefined> {
  const url = given?.trim() ?? (await askWebhookUrl(title, value))?.trim();
  if (url === undefined) return undefined;
  const problem = validateWebhookUrl(url);
  if (problem) {
    reportRefusal(services.log, problem);
    return undefined;
  }
  return url;
}

const TAKES_TIME = 'Mailgun may take up to 10 minutes to apply the change.';

/** After Mailgun accepted a webhook change: the list reloads, and the user is told it may take a while to apply. */
export function webhookChanged(services: Services, list: (TreeNode & { reset(): void }) | undefined, what: string): void {
  reload(services, list);
  reportOutcome(services.log, 'info', `${what} ${TAKES_TIME}`);
}
