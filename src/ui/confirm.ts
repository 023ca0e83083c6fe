import * as vscode from 'vscode';
import { settings } from '../settings';
import { UserCancelledError, type UserInput } from './input';
import { notify } from './notify';

/**
 * The confirmations of destructive actions not yet moved to `UserInput`. A seam: the in-host tests replace
 * `answer` and `typed` (through the test-only API returned by activate).
 */
export const confirmations = {
  answer: async (message: string, detail: string, action: string): Promise<boolean> =>
    (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action,
  /** What the user typed to confirm, or undefined when dismissed. The box accepts only the exact name. */
  typed: (name: string, message: string, detail: string): Thenable<string | undefined> =>
    vscode.window.showInputBox(typeTheName(name, message, detail)),
};

function typeTheName(name: string, message: string, detail: string) {
  return {
    title: message,
    prompt: `${detail} Type ${name} to confirm.`,
    placeHolder: name,
    ignoreFocusOut: true,
    validateInput: (value: string) => (value.trim() === name ? undefined : { message: `Type ${name} exactly to confirm.`, severity: vscode.InputBoxValidationSeverity.Info }),
  };
}

export function confirm(message: string, detail: string, action: string): Promise<boolean> {
  return confirmations.answer(message, detail, action);
}

/**
 * Confirms a destructive action on something named `name` the way `mailgun.confirmDestructiveActions` says:
 * by typing the name (the default), or with a modal button labelled `action`. Throws `UserCancelledError`
 * when not confirmed (a wrongly typed name is said first).
 */
export async function confirmDestructive(ui: UserInput, name: string, message: string, detail: string, action: string): Promise<void> {
  if (settings.confirmStyle() === 'button') return ui.confirm(message, detail, action);
  const typed = (await ui.input(typeTheName(name, message, detail))).trim();
  if (typed === name) return;
  notify('warning', `"${typed}" is not ${name}, so nothing was changed.`);
  throw new UserCancelledError();
}
