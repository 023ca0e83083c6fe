import * as vscode from 'vscode';
import { isMailgunError } from '../mailgun';
import type { Log } from '../log';
import { describeError } from '../tree/error-node';
import * as l10n from '../mailgun/l10n';

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

/** Button labels, localised when asked for (module code runs before VS Code has loaded the translations). */
export const showLogsLabel = (): string => l10n.t('Show Logs');
export const retryLabel = (): string => l10n.t('Retry');

/**
 * Says something, then runs the handler of the button the user pressed. Does not wait for the user: a toast
 * can stay open indefinitely and a command must not hang on it. A handler that fails (the file gone before
 * "Open File", say) is said in an error notification and logged, never left as an unhandled rejection.
 */
export function notify(severity: Severity, message: string, buttons: Record<string, () => unknown> = {}, log?: Log): void {
  let pressed: string | undefined;
  Promise.resolve(notifications.show(severity, message, ...Object.keys(buttons)))
    .then((choice) => {
      pressed = choice;
      return choice === undefined ? undefined : buttons[choice]?.();
    })
    .catch((err: unknown) => buttonFailed(pressed, message, err, log));
}

function buttonFailed(button: string | undefined, message: string, err: unknown, log: Log | undefined): void {
  const why = describeError(err).trim() || l10n.t('no reason was given');
  const reason = /[.!?]$/.test(why) ? why : `${why}.`;
  const said = button ? l10n.t('"{0}" did not work: {1}', button, reason) : l10n.t('A notification could not be shown: {0}', reason);
  const details = `${said} (on "${message}")${err instanceof Error && err.stack ? `\n${err.stack}` : ''}`;
  if (log) log.error(details);
  else console.error(`Mailgun: ${details}`);
  if (!button) return; // showing notifications is what failed
  Promise.resolve(notifications.show('error', said, ...(log ? [showLogsLabel()] : [])))
    .then((choice) => (choice === showLogsLabel() ? log?.show() : undefined))
    .catch((again: unknown) => console.error(`Mailgun: could not show an error notification: ${String(again)}`));
}

/** Says something, with Show Logs unless it is good news, and Retry first when given. */
export function notifyWithLogs(log: Log, severity: Severity, message: string, retry?: () => unknown): void {
  const buttons: Record<string, () => unknown> = {};
  if (retry) buttons[retryLabel()] = retry;
  if (severity !== 'info') buttons[showLogsLabel()] = () => log.show();
  notify(severity, message, buttons, log);
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

export interface FailureOptions {
  /** Said after the client's sentence, e.g. "No file was written." */
  hint?: string;
  /** Offered as a Retry button: runs the same action on the same target again (asking again to confirm a destructive one). */
  retry?: () => unknown;
}

/**
 * The end of every failed command: the client's sentence in an error notification with Retry (when the action
 * can be run again) and Show Logs, and the details in the log. A request the user cancelled is only logged.
 * `options` may be just the hint.
 */
export function reportFailure(log: Log, action: string, err: unknown, options?: string | FailureOptions): void {
  const { hint, retry }: FailureOptions = typeof options === 'string' ? { hint: options } : (options ?? {});
  const message = describeError(err);
  if (isMailgunError(err)) {
    const where = `${err.method} ${err.path}${err.status === undefined ? '' : ` → ${err.status}`}${err.region ? ` (${err.region.toUpperCase()})` : ''}`;
    log.error(`${action}: ${where}: ${message}${err.serverMessage ? ` [server: ${err.serverMessage}]` : ''}${err.detail ? `\n${err.detail}` : ''}`);
    if (err.kind === 'cancelled') return;
  } else {
    log.error(`${action}: ${err instanceof Error && err.stack ? err.stack : message}`);
  }
  notifyWithLogs(log, 'error', hint ? `${message} ${hint}` : message, retry);
}
