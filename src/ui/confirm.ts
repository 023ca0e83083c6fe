import * as vscode from 'vscode';
import { settings } from '../settings';
import { UserCancelledError, type UserInput } from './input';
import { notify } from './notify';

function typeTheName(name: string, message: string, detail: string) {
  return {
    title: message,
    prompt: `${detail} Type ${name} to confirm.`,
    placeHolder: name,
    ignoreFocusOut: true,
    validateInput: (value: string) => (value.trim() === name ? undefined : { message: `Type ${name} exactly to confirm.`, severity: vscode.InputBoxValidationSeverity.Info }),
  };
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
