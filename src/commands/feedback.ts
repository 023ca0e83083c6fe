import * as vscode from 'vscode';
import type { Services } from '../services';
import { notify, reportFailure, SHOW_LOGS, type Severity } from '../ui/notify';

/** A failed action: the client's sentence (and `hint`, what it means here) with Show Logs, the details in the log. */
export function fail(services: Services, action: string, err: unknown, hint?: string): void {
  reportFailure(services.log, action, err, hint);
}

/** A problem found before anything was sent (bad input, a limit): said, with Show Logs, and logged. */
export function refuse(services: Services, text: string): void {
  services.log.warn(text);
  notify('error', text, { [SHOW_LOGS]: () => services.log.show() });
}

/** What an action did, also written to the log. */
export function tell(services: Services, severity: Severity, text: string): void {
  if (severity === 'info') services.log.info(text);
  else services.log.warn(text);
  notify(severity, text, severity === 'info' ? {} : { [SHOW_LOGS]: () => services.log.show() });
}

/** Runs `task` behind a cancellable progress notification; its signal aborts on Cancel. */
export function withCancellableProgress<T>(title: string, task: (signal: AbortSignal, progress: vscode.Progress<{ message?: string }>) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    return task(controller.signal, progress);
  });
}

/** A command's second argument holds options only when it is a plain object (VS Code passes selections as arrays). */
export function optionsArg<T extends object>(arg: unknown): Partial<T> {
  return typeof arg === 'object' && arg !== null && !Array.isArray(arg) && !(arg instanceof vscode.Uri) ? arg : {};
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
