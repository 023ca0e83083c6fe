import * as vscode from 'vscode';
import { validateWebhookUrl } from '../mailgun';
import type { Services } from '../services';
import type { TreeScope } from '../tree/scope';
import { eventTypeItems, eventTypesOf, type UrlsByEvent } from '../ui/event-types';
import { BACK, type UserInput } from '../ui/input';
import { notify, reportOutcome } from '../ui/notify';
import { reload } from './targets';

// Steps the domain and the account webhook commands share.

const URL_PROMPT = vscode.l10n.t('The URL Mailgun posts events to: https:// with a certificate from a public CA (self-signed ones fail), or http://');
const URL_PLACEHOLDER = 'https://example.com/mailgun/events';

/** Said about an http:// URL, which is accepted: the events travel unencrypted. */
export function httpWarning(value: string): string | undefined {
  return /^\s*http:\/\//i.test(value) ? vscode.l10n.t('http:// works, but the events (recipient addresses included) travel unencrypted: use https:// where you can.') : undefined;
}

/** Asks for the URL Mailgun posts to, starting from `value`; the box accepts only a valid one, and warns on http://. */
export async function webhookUrl(ui: UserInput, title: string, value?: string): Promise<string> {
  const url = await ui.input({
    title,
    prompt: URL_PROMPT,
    placeHolder: URL_PLACEHOLDER,
    value,
    validateInput: (v) => {
      const problem = validateWebhookUrl(v);
      if (problem) return problem;
      const warning = httpWarning(v);
      return warning ? { message: warning, severity: vscode.InputBoxValidationSeverity.Warning } : undefined;
    },
    ignoreFocusOut: true,
  });
  return url.trim();
}

/**
 * Add Webhook's two steps: the URL, then its event types, with Back between them. `current` (read once, after the
 * URL) is what the event types already have. Picking a full event type, or one the URL is on already, is refused
 * with a sentence and the step stays open with the URL and the other ticks kept.
 */
export async function askNewWebhook(
  ui: UserInput,
  services: Services,
  title: string,
  current: () => Promise<UrlsByEvent>,
  preselected: readonly string[],
): Promise<{ url: string; eventTypes: string[]; current: UrlsByEvent }> {
  let url = '';
  let chosen: readonly string[] = preselected;
  let placeholder = vscode.l10n.t('Choose the events Mailgun posts to this URL');
  let map: UrlsByEvent | undefined;
  for (let step = 1; ; ) {
    if (step === 1) {
      const answer = await ui.inputStep({ title, step: 1, totalSteps: 2, value: url, prompt: URL_PROMPT, placeholder: URL_PLACEHOLDER, validate: validateWebhookUrl, warn: httpWarning });
      if (answer === BACK) continue;
      url = answer;
      step = 2;
      continue;
    }
    map ??= await current();
    const picked = await ui.pickStep({ title: `${title}: ${url}`, step: 2, totalSteps: 2, placeholder, canSelectMany: true, items: eventTypeItems(map, chosen, url), chosen: (i) => chosen.includes(i.type) });
    if (picked === BACK) {
      step = 1;
      continue;
    }
    const types = picked.map((i) => i.type);
    const on = eventTypesOf(map, url);
    const full = picked.filter((i) => i.full).map((i) => i.type);
    const already = types.filter((t) => on.includes(t));
    const refusal =
      types.length === 0
        ? vscode.l10n.t('Choose at least one event type.')
        : full.length > 0
          ? full.length === 1
            ? vscode.l10n.t('{0} is full: Mailgun allows 3 URLs per event type. Untick it, or delete one of its URLs first.', full[0])
            : vscode.l10n.t('{0} are full: Mailgun allows 3 URLs per event type. Untick them, or delete one of their URLs first.', full.join(', '))
          : already.length > 0
            ? already.length === 1
              ? vscode.l10n.t('{0} already gets {1} events. Untick it, or use "Edit Webhook Events…" on the URL to change its event types.', url, already[0])
              : vscode.l10n.t('{0} already gets {1} events. Untick them, or use "Edit Webhook Events…" on the URL to change its event types.', url, already.join(', '))
            : undefined;
    if (!refusal) return { url, eventTypes: types, current: map };
    services.log.warn(`Add Webhook: ${refusal}`);
    notify('warning', refusal, {}, services.log);
    placeholder = refusal;
    chosen = types.filter((t) => !full.includes(t) && !already.includes(t));
  }
}

const TAKES_TIME = vscode.l10n.t('Mailgun may take up to 10 minutes to apply the change.');

/** After Mailgun accepted a webhook change: the list reloads, and the user is told it may take a while to apply. */
export function webhookChanged(services: Services, list: TreeScope, what: string, url?: string): void {
  reload(services, list);
  const warning = url === undefined ? undefined : httpWarning(url);
  reportOutcome(services.log, 'info', `${what} ${TAKES_TIME}${warning ? ` ${vscode.l10n.t('Note: {0}', warning)}` : ''}`);
}
