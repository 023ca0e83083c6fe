import type * as vscode from 'vscode';
import { MAX_URLS_PER_EVENT, validateEventTypes, validateWebhookCapacity, WEBHOOK_EVENT_TYPES } from '../mailgun';
import type { UserInput } from './input';

const MEANINGS: Record<string, string> = {
  accepted: 'Mailgun accepted the message for delivery',
  delivered: "The recipient's mail server accepted the message",
  opened: 'The recipient opened the message',
  clicked: 'The recipient clicked a tracked link',
  unsubscribed: 'The recipient unsubscribed',
  complained: 'The recipient marked the message as spam',
  permanent_fail: 'Hard bounce, or dropped because the address is suppressed',
  temporary_fail: 'Soft bounce: Mailgun retries delivery',
};

export type UrlsByEvent = Readonly<Record<string, readonly string[]>>;

/** Event types a URL is registered for. */
export function eventTypesOf(map: UrlsByEvent, url: string): string[] {
  return Object.keys(map).filter((t) => map[t].includes(url));
}

/**
 * Several event types in one multi-select quick pick, each with how many of its 3 URLs are taken.
 * `url` is the URL being added or edited: the types it is on already don't count against the limit.
 */
export async function pickEventTypes(ui: UserInput, title: string, current: UrlsByEvent, selected: readonly string[], url?: string): Promise<string[]> {
  const types = [...WEBHOOK_EVENT_TYPES, ...selected.filter((t) => !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(t))];
  const items = types.map((type): vscode.QuickPickItem & { type: string } => {
    const urls = current[type] ?? [];
    const here = url !== undefined && urls.includes(url);
    const count = `${urls.length} of ${MAX_URLS_PER_EVENT} URLs`;
    return {
      type,
      label: type,
      description: here ? `${count}, this one included` : urls.length >= MAX_URLS_PER_EVENT ? `full: ${count}` : count,
      detail: MEANINGS[type] ?? 'An event type Mailgun no longer documents',
    };
  });
  const picked = await ui.pickMany(items, { title, placeHolder: 'Choose the events Mailgun posts to this URL', ignoreFocusOut: true, picked: (i) => selected.includes(i.type) });
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
