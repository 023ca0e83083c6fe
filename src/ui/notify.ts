import * as vscode from 'vscode';
import { isMailgunError } from '../mailgun';
import type { Log } from '../log';
import { describeError } from '../tree/errorNode';

export type Severity = 'info' | 'warning' | 'error';

/**
 * Notifications of what a command did. A seam like `confirmations`: the in-host tests replace `show` to see
 * what was said (and to press a button), since a toast can't be read from inside the extension host.
 */
export const notifications = {
  show: (severity: Severity, message: string, ...actions: string[]): Thenable<string | undefined> => {
    if (severity === 'error') return vscode.window.showErrorMessage(message, ...actions);
    if (severity === 'warning') return vscode.window.showWarningMessage(message, ...actions);
    return vscode.window.showInformationMessage(message, ...actions);
  },
};

/**
 * Says something, then runs the handler of the button the user pressed. Does not wait for the user: a toast
 * can stay open indefinitely and a command must not hang on it.
 */
export function notify(severity: Severity, message: string, buttons: Record<string, () => unknown> = {}): void {
  void Promise.resolve(notifications.show(severity, message, ...Object.keys(buttons))).then((choice) => {
    if (choice !== undefined) return buttons[choice]?.();
  });
}

export const SHOW_LOGS = 'Show Logs';

/** Says something, with Show Logs unless it is good news. */
export function notifyWithLogs(log: Log, severity: Severity, message: string): void {
  notify(severity, message, severity === 'info' ? {} : { [SHOW_LOGS]: () => log.show() });
}

/** What an action did, also written to the log. */
export function reportOutcome(log: Log, severity: Severity, message: string): void {
  if (severity === 'info') log.info(message);
  else log.warn(message);
  notifyWithLogs(log, severity, message);
}

/** A problem found before anything was sent (bad input, a limit): said, with Show Logs, and logged. */
export function reportRefusal(log: Log, message: string): void {
  log.warn(message);
  notifyWithLogs(log, 'error', message);
}

/**
 * The end of every failed command: the client's sentence in an error notification with Show Logs, and the
 * details in the log. A request the user cancelled is only logged.
 */
export function reportFailure(log: Log, action: string, err: unknown, hint?: string): void {
  const message = describeError(err);
  if (isMailgunError(err)) {
    const where = `${err.method} ${err.path}${err.status === undefined ? '' : ` → ${err.status}`}${err.region ? ` (${err.region.toUpperCase()})` : ''}`;
    log.error(`${action}: ${where}: ${message}${err.serverMessage ? ` [server: ${err.serverMessage}]` : ''}${err.detail ? `\n${err.detail}` : ''}`);
    if (err.kind === 'cancelled') return;
  } else {
    log.error(`${action}: ${err instanceof Error && err.stack ? err.stack : message}`);
  }
  notifyWithLogs(log, 'error', hint ? `${message} ${hint}` : message);
}
