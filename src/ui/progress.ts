import * as vscode from 'vscode';
import { UserCancelledError } from './input';

/**
 * Runs `task` behind a cancellable progress notification; its signal aborts on Cancel. Whatever the task throws
 * once cancelled becomes a UserCancelledError ('progress'): the command wrapper says `ctx.errorHandling.cancelled`.
 */
export function withCancellableProgress<T>(title: string, task: (signal: AbortSignal, progress: vscode.Progress<{ message?: string; increment?: number }>) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    try {
      return await task(controller.signal, progress);
    } catch (err) {
      throw controller.signal.aborted ? new UserCancelledError('progress') : err;
    }
  });
}

/** Shows a spinner in the status bar while `task` runs. */
export function inStatusBar<T>(title: string, task: () => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, task);
}
