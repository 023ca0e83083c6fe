import * as vscode from 'vscode';
import type { Account, AccountStore } from '../accounts/accountStore';

/** Asks for an account with a quick pick, or takes the only one. */
export async function pickAccount(accounts: AccountStore, title: string): Promise<Account | undefined> {
  const all = accounts.list();
  if (all.length === 0) {
    void vscode.window.showInformationMessage('No Mailgun API key is stored yet. Add one with "Mailgun: Add API Key…".');
    return undefined;
  }
  if (all.length === 1) return all[0];
  const picked = await vscode.window.showQuickPick(
    all.map((a) => ({ label: a.label, description: `key …${a.keySuffix}`, account: a })),
    { title, placeHolder: 'Choose a Mailgun account' },
  );
  return picked?.account;
}
