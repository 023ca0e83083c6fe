// Sentences of code that must not import vscode (the API client, DNS, CSV, webhooks), and of the tree, which loads
// at activation: `l10n.t('… {0} …', arg)` as vscode.l10n.t writes it (import * as l10n from this module). It fills
// `{0}` in English until activation hands over vscode.l10n.t. Calls are plain function calls in the bundle, shorter
// than vscode.l10n.t, which keeps dist/extension.js within its budget.
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

const english: Translate = (message, ...args) => message.replace(/\{(\d+)\}/g, (whole, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : whole));
let translate = english;

export function setTranslator(fn: Translate): void {
  translate = fn;
}

export function t(message: string, ...args: Array<string | number | boolean>): string {
  return translate(message, ...args);
}
