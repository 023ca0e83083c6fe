import * as vscode from 'vscode';
import type { AccountStore } from './account-store';

const OFFERED = 'mailgun.demoAccountOffered';

/**
 * `npm start` runs the extension in development mode against the local fake Mailgun and passes its demo key in
 * MAILGUN_DEMO_API_KEY; add it once so the explorer has data at first sight. Never happens in an installed extension.
 */
export async function addDemoAccountInDevelopment(context: vscode.ExtensionContext, accounts: AccountStore): Promise<void> {
  const key = process.env.MAILGUN_DEMO_API_KEY;
  if (context.extensionMode !== vscode.ExtensionMode.Development || !key) return;
  if (context.globalState.get<boolean>(OFFERED) || accounts.list().length > 0) return;
  await context.globalState.update(OFFERED, true);
  await accounts.add('Demo (fake Mailgun)', key);
}
