import type * as vscode from 'vscode';
import type { Services } from '../services';

export function registerDomainCommands(_services: Services): vscode.Disposable[] {
  return [];
}
