import * as vscode from 'vscode';
import { settings } from '../settings';
import { notify } from './notify';

/**
 * The confirmations of destructive actions. A seam: the in-host tests replace `answer` and `typed` (through the
 * test-only API returned by activate) because a modal dialog or an input box can't be answered from inside the
 * extension host.
 */
export const confirmations = {
  answer: async (message: string, detail: string, action: string): Promise<boolean> =>
    (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action,
  /** What the user typed to confirm, or undefined when dismissed. The box accepts only the exact name. */
  typed: (name: string, message: string, detail: string): Thenable<string | undefined> =>
    vscode.window.showInputBox({
      title: message,
      prompt: `${detail} Type ${name} to confirm.`,
      placeHolder: name,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() === name ? undefined : { message: `Type ${name} exactly to confirm.`, severity: vscode.InputBoxValidationSeverity.Info }),
    }),
};

export function confirm(message: string, detail: string, action: string): Promise<boolean> {
  return confirmations.answer(message, detail, action);
}

/**
 * Confirms a destructive action on something named `name` the way `mailgun.confirmDestructiveActions` says:
 * by typing the name (the default), or with a modal button labelled `action`.
 */
export async function confirmByTyping(name: string, message: string, detail: string, action: string): Promise<boolean> {
  if (settings.confirmStyle() === 'button') return confirm(message, detail, action);
  const typed = await confirmations.typed(name, message, detail);
  if (typed === undefined) return false;
  if (typed.trim() === name) return true;
  notify('warning', `"${typed.trim()}" is not ${name}, so nothing was changed.`);
  return false;
}
