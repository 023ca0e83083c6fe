import { validateWebhookUrl } from '../mailgun';
import type { Services } from '../services';
import type { TreeScope } from '../tree/scope';
import type { UserInput } from '../ui/input';
import { reportOutcome } from '../ui/notify';
import { reload } from './targets';

// Steps the domain and the account webhook commands share.

/** Asks for the URL Mailgun posts to, starting from `value`; the box accepts only a valid one. */
export async function webhookUrl(ui: UserInput, title: string, value?: string): Promise<string> {
  const url = await ui.input({
    title,
    prompt: 'The URL Mailgun posts events to (https, with a CA-signed certificate)',
    placeHolder: 'https://example.com/mailgun/events',
    value,
    validateInput: validateWebhookUrl,
    ignoreFocusOut: true,
  });
  return url.trim();
}

const TAKES_TIME = 'Mailgun may take up to 10 minutes to apply the change.';

/** After Mailgun accepted a webhook change: the list reloads, and the user is told it may take a while to apply. */
export function webhookChanged(services: Services, list: TreeScope, what: string): void {
  reload(services, list);
  reportOutcome(services.log, 'info', `${what} ${TAKES_TIME}`);
}
