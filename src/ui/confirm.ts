import * as vscode from 'vscode';

/**
 * The confirmations of destructive actions. A seam: the in-host tests replace `answer` (through the test-only
 * API returned by activate) because a modal dialog can't be clicked from inside the extension host.
 */
export const confirmations = {
  answer: async (message: string, detail: string, action: string): Promise<boolean> =>
    (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action,
};

export function confirm(message: string, detail: string, action: string): Promise<boolean> {
  return confirmations.answer(message, detail, action);
}
