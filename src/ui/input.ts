import * as vscode from 'vscode';

/** Thrown by every prompt of `UserInput` the user dismissed; a command ends there, silently. */
export class UserCancelledError extends Error {
  /** A dismissed prompt, or Cancel pressed on a progress notification (which may stop a change half-way). */
  constructor(readonly how: 'prompt' | 'progress' = 'prompt') {
    super(how === 'prompt' ? 'The user dismissed a prompt.' : 'The user cancelled the progress.');
    this.name = 'UserCancelledError';
  }
}

// The in-host tests bundle their own copy of this file: the name and the registered symbol are what both copies share.
export function isUserCancelled(err: unknown): err is UserCancelledError {
  return err instanceof Error && err.name === 'UserCancelledError';
}

/** Answered by a step when the user pressed its Back button. */
export const BACK = Symbol.for('mailgun.back');

export interface PickOptions {
  title: string;
  placeHolder?: string;
  matchOnDescription?: boolean;
  matchOnDetail?: boolean;
  ignoreFocusOut?: boolean;
  /** Asked when the user types, for lists too long to load at once; its items replace the list. */
  search?: (text: string, signal: AbortSignal) => Promise<readonly vscode.QuickPickItem[]>;
}

export interface InputOptions {
  title: string;
  prompt?: string;
  placeHolder?: string;
  value?: string;
  password?: boolean;
  ignoreFocusOut?: boolean;
  validateInput?: (value: string) => string | vscode.InputBoxValidationMessage | undefined;
}

/** One step of a multi-step input: "step of totalSteps" in its title bar, and Back from the second step on. */
export interface StepOptions {
  title: string;
  step: number;
  totalSteps: number;
}

/**
 * Every question a command asks the user goes through this, so in-host tests can answer it (test/integration/
 * userInput.ts) while the command's own prompt code, validation included, runs. Each method throws
 * `UserCancelledError` when the user dismisses the prompt.
 */
export interface UserInput {
  pick<T extends vscode.QuickPickItem>(items: readonly T[] | Promise<readonly T[]>, options: PickOptions): Promise<T>;
  pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions & { picked?: (item: T) => boolean }): Promise<T[]>;
  input(options: InputOptions): Promise<string>;
  /** A modal warning with one button; returns when it was pressed. */
  confirm(message: string, detail: string, action: string): Promise<void>;
  openFile(options: vscode.OpenDialogOptions & { title: string }): Promise<vscode.Uri>;
  saveFile(options: vscode.SaveDialogOptions & { title: string }): Promise<vscode.Uri>;
  /** A text step: the trimmed value, or BACK. `warn` says something about a value it still accepts. */
  inputStep(options: StepOptions & { value?: string; prompt: string; placeholder?: string; validate(value: string): string | undefined; warn?(value: string): string | undefined }): Promise<string | typeof BACK>;
  /** A pick step: the chosen items (one unless `canSelectMany`), or BACK. */
  pickStep<T extends vscode.QuickPickItem>(options: StepOptions & { items: T[]; placeholder: string; canSelectMany?: boolean; chosen: (item: T) => boolean }): Promise<readonly T[] | typeof BACK>;
}

/** Which `UserInput` the next command run asks through: the real one, or a test's. */
export interface InputSeam {
  current: UserInput;
}

const given = <T>(value: T | undefined): T => {
  if (value === undefined) throw new UserCancelledError();
  return value;
};

/** The prompts of VS Code's window. */
export const vscodeInput: UserInput = {
  pick(items, options) {
    const qp = vscode.window.createQuickPick<vscode.QuickPickItem>();
    Object.assign(qp, { title: options.title, placeholder: options.placeHolder, matchOnDescription: options.matchOnDescription ?? false, matchOnDetail: options.matchOnDetail ?? false, ignoreFocusOut: options.ignoreFocusOut ?? false, busy: true });
    const controller = new AbortController();
    let searchTimer: ReturnType<typeof setTimeout> | undefined;
    const show = async (load: Promise<readonly vscode.QuickPickItem[]>): Promise<void> => {
      qp.busy = true;
      try {
        qp.items = await load;
      } finally {
        qp.busy = false;
      }
    };
    const accepted = new Promise<vscode.QuickPickItem | undefined>((resolve, reject) => {
      qp.onDidAccept(() => resolve(qp.selectedItems[0]));
      qp.onDidHide(() => resolve(undefined));
      show(Promise.resolve(items)).catch(reject);
    });
    if (options.search) {
      const search = options.search;
      qp.onDidChangeValue((value) => {
        clearTimeout(searchTimer);
        searchTimer = setTimeout(() => void show(search(value.trim(), controller.signal)).catch(() => undefined), 300);
      });
    }
    qp.show();
    return accepted
      .finally(() => {
        controller.abort();
        clearTimeout(searchTimer);
        qp.dispose();
      })
      .then((item) => given(item) as never);
  },
  async pickMany(items, options) {
    return given(await vscode.window.showQuickPick(items.map((i) => ({ ...i, picked: options.picked?.(i) ?? i.picked })), { ...options, canPickMany: true }));
  },
  async input(options) {
    return given(await vscode.window.showInputBox(options));
  },
  async confirm(message, detail, action) {
    if ((await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) !== action) throw new UserCancelledError();
  },
  async openFile(options) {
    return given((await vscode.window.showOpenDialog({ ...options, canSelectMany: false }))?.[0]);
  },
  async saveFile(options) {
    return given(await vscode.window.showSaveDialog(options));
  },
  inputStep(options) {
    const box = vscode.window.createInputBox();
    Object.assign(box, { title: options.title, step: options.step, totalSteps: options.totalSteps, value: options.value ?? '', prompt: options.prompt, placeholder: options.placeholder, ignoreFocusOut: true });
    box.buttons = options.step > 1 ? [vscode.QuickInputButtons.Back] : [];
    return new Promise<string | typeof BACK | undefined>((resolve) => {
      box.onDidChangeValue((v) => {
        const warning = v.trim() ? options.warn?.(v) : undefined;
        box.validationMessage = !v.trim() ? undefined : (options.validate(v) ?? (warning ? { message: warning, severity: vscode.InputBoxValidationSeverity.Warning } : undefined));
      });
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
    }).then(given);
  },
  pickStep<T extends vscode.QuickPickItem>(options: StepOptions & { items: T[]; placeholder: string; canSelectMany?: boolean; chosen: (item: T) => boolean }) {
    const pick = vscode.window.createQuickPick<T>();
    Object.assign(pick, { title: options.title, step: options.step, totalSteps: options.totalSteps, placeholder: options.placeholder, canSelectMany: options.canSelectMany ?? false, ignoreFocusOut: true });
    pick.items = options.items;
    const chosen = options.items.filter(options.chosen);
    if (options.canSelectMany) pick.selectedItems = chosen;
    else pick.activeItems = chosen.slice(0, 1);
    pick.buttons = options.step > 1 ? [vscode.QuickInputButtons.Back] : [];
    return new Promise<readonly T[] | typeof BACK | undefined>((resolve) => {
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
    }).then(given);
  },
};
