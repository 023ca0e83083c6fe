import type * as vscode from 'vscode';
import { MAX_URLS_PER_EVENT, validateEventTypes, validateWebhookCapacity, WEBHOOK_EVENT_TYPES } from '../mailgun';
import type { UserInput } from './input';
import * as l10n from '../mailgun/l10n';

const MEANINGS: Record<string, string> = {
  accepted: l10n.t('Mailgun accepted the message for delivery'),
  delivered: l10n.t("The recipient's mail server accepted the message"),
  opened: l10n.t('The recipient opened the message'),
  clicked: l10n.t('The recipient clicked a tracked link'),
  unsubscribed: l10n.t('The recipient unsubscribed'),
  complained: l10n.t('The recipient marked the message as spam'),
  permanent_fail: l10n.t('Hard bounce, or dropped because the address is suppressed'),
  temporary_fail: l10n.t('Soft bounce: Mailgun retries delivery'),
};

export type UrlsByEvent = Readonly<Record<string, readonly string[]>>;

/** Event types a URL is registered for. */
export function eventTypesOf(map: UrlsByEvent, url: string): string[] {
  return Object.keys(map).filter((t) => map[t].includes(url));
}

export type EventTypeItem = vscode.QuickPickItem & { type: string; full: boolean };

/**
 * The event types as quick-pick items, each with how many of its 3 URLs are taken; a full one says so (a quick pick
 * can't disable an item). `url` is the URL being added or edited: the types it is on already don't count as full.
 */
export function eventTypeItems(current: UrlsByEvent, selected: readonly string[], url?: string): EventTypeItem[] {
  const types = [...WEBHOOK_EVENT_TYPES, ...selected.filter((t) => !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(t))];
  return types.map((type) => {
    const urls = current[type] ?? [];
    const here = url !== undefined && urls.includes(url);
    const full = !here && urls.length >= MAX_URLS_PER_EVENT;
    const count = l10n.t('{0} of {1} URLs', urls.length, MAX_URLS_PER_EVENT);
    return {
      type,
      full,
      label: type,
      description: here ? l10n.t('{0}, this one included', count) : full ? l10n.t("full: {0} URLs already, can't take another", MAX_URLS_PER_EVENT) : count,
      detail: full ? l10n.t('Mailgun allows {0} URLs per event type: delete one of its URLs first. {1}', MAX_URLS_PER_EVENT, MEANINGS[type] ?? '').trim() : (MEANINGS[type] ?? l10n.t('An event type Mailgun no longer documents')),
    };
  });
}

/** Several event types in one multi-select quick pick (see eventTypeItems). */
export async function pickEventTypes(ui: UserInput, title: string, current: UrlsByEvent, selected: readonly string[], url?: string): Promise<string[]> {
  const items = eventTypeItems(current, selected, url);
  const picked = await ui.pickMany(items, { title, placeHolder: l10n.t('Choose the events Mailgun posts to this URL'), ignoreFocusOut: true, picked: (i) => selected.includes(i.type) });
  return picked.map((i) => i.type);
}

/**
 * What stops these event types from being saved for `url`, checked before anything is sent: none chosen, unknown
 * names, or an event type that already has 3 other URLs. Types the URL already had are accepted as they are.
 */
export function eventTypesProblem(current: UrlsByEvent, eventTypes: readonly string[], url: string): string | undefined {
  if (eventTypes.length === 0) return validateEventTypes(eventTypes);
  const kept = new Set(eventTypesOf(current, url));
  const added = eventTypes.filter((t) => !kept.has(t));
  return (added.length > 0 ? validateEventTypes(added) : undefined) ?? validateWebhookCapacity(current, added);
}
