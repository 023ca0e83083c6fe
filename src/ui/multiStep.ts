import * as vscode from 'vscode';

/** Returned by a step when the user pressed its Back button. */
export const BACK = Symbol('back');

interface StepBase {
  title: string;
  step: number;
  totalSteps: number;
}

/** One text step of a multi-step quick input: the value, BACK, or undefined when dismissed. */
export function inputStep(options: StepBase & { value?: string; prompt: string; placeholder?: string; validate(value: string): string | undefined }): Promise<string | typeof BACK | undefined> {
  const box = vscode.window.createInputBox();
  Object.assign(box, { title: options.title, step: options.step, totalSteps: options.totalSteps, value: options.value ?? '', prompt: options.prompt, placeholder: options.placeholder, ignoreFocusOut: true });
  box.buttons = options.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  return new Promise((resolve) => {
    box.onDidChangeValue((v) => (box.validationMessage = v.trim() ? options.validate(v) : undefined));
    box.onDidAccept(() => {
      const problem = options.validate(box.value);
      if (problem) {
        box.validationMessage = problem;
        return;
      }
      resolve(box.value.trim());
      box.hide();
    });
    box.onDidTriggerButton(() => {
      resolve(BACK);
      box.hide();
    });
    box.onDidHide(() => {
      resolve(undefined);
      box.dispose();
    });
    box.show();
  });
}

/** One pick step: the chosen items (one unless `canSelectMany`), BACK, or undefined when dismissed. */
export function pickStep<T extends vscode.QuickPickItem>(options: StepBase & { items: T[]; placeholder: string; canSelectMany?: boolean; chosen: (item: T) => boolean }): Promise<readonly T[] | typeof BACK | undefined> {
  const pick = vscode.window.createQuickPick<T>();
  Object.assign(pick, { title: options.title, step: options.step, totalSteps: options.totalSteps, placeholder: options.placeholder, canSelectMany: options.canSelectMany ?? false, ignoreFocusOut: true });
  pick.items = options.items;
  const chosen = options.items.filter(options.chosen);
  if (options.canSelectMany) pick.selectedItems = chosen;
  else pick.activeItems = chosen.slice(0, 1);
  pick.buttons = options.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  return new Promise((resolve) => {
    pick.onDidAccept(() => {
      resolve(options.canSelectMany ? pick.selectedItems : pick.activeItems.slice(0, 1));
      pick.hide();
    });
    pick.onDidTriggerButton(() => {
      resolve(BACK);
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}
