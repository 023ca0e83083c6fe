// Sentences of code that must not import vscode (the API client, DNS, CSV, webhooks): `l10n.t` as vscode.l10n.t
// writes it, in English with `{0}` filled in until the extension hands over vscode.l10n.t at activation.
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

const english: Translate = (message, ...args) => message.replace(/\{(\d+)\}/g, (whole, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : whole));
let translate = english;

export function setTranslator(fn: Translate): void {
  translate = fn;
}

export const l10n = { t: (message: string, ...args: Array<string | number | boolean>): string => translate(message, ...args) };
