// What the Logs panel posted to its page, read by the in-host tests: the latest message of a kind, and its rows once
// the page says they are on screen.
import * as assert from 'node:assert/strict';
import type { LogsPanel } from '../../src/webview/logs/logs-panel';
import type { LogsHostMessage } from '../../src/webview/logs/protocol';
import { eventually } from './helpers';

export type Posted<T extends LogsHostMessage['type']> = Extract<LogsHostMessage, { type: T }>;
export const lastPosted = <T extends LogsHostMessage['type']>(panel: LogsPanel, type: T): Posted<T> | undefined =>
  panel.posted.filter((m): m is Posted<T> => m.type === type).at(-1);

/** Waits until the page reports the rows of the latest request on screen, or the panel posts an error. */
export async function settled(panel: LogsPanel, what: string): Promise<Posted<'rows'> | Posted<'error'>> {
  return eventually(
    () => {
      if (panel.loading) return undefined;
      const last = panel.posted.filter((m): m is Posted<'rows'> | Posted<'error'> => m.type === 'rows' || m.type === 'error').at(-1);
      if (last?.type === 'error') return last;
      return last && panel.received.some((m) => m.type === 'rendered' && m.requestId === last.requestId) ? last : undefined;
    },
    what,
    20_000,
  );
}

export async function rowsShown(panel: LogsPanel, what: string): Promise<Posted<'rows'>> {
  const result = await settled(panel, what);
  assert.equal(result.type, 'rows', result.type === 'error' ? `an error instead: ${result.message}` : '');
  return result;
}
