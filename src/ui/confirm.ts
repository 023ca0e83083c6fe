import * as vscode from 'vscode';
import { settings } from '../settings';
import { UserCancelledError, type UserInput } from './input';
import { notify } from './notify';
import * as l10n from '../mailgun/l10n';

function typeTheName(name: string, message: string, detail: string) {
  return {
    title: message,
    prompt: l10n.t('{0} Type {1} to confirm.', detail, name),
    placeHolder: name,
    ignoreFocusOut: true,
    validateInput: (value: string) => (value.trim() === name ? undefined : { message: l10n.t('Type {0} exactly to confirm.', name), severity: vscode.InputBoxValidationSeverity.Info }),
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
  notify('warning', l10n.t('"{0}" is not {1}, so nothing was changed.', typed, name));
  throw new UserCancelledError();
}
