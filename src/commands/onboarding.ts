import type * as vscode from 'vscode';
import type { Services } from '../services';
import { registerDnsCheckCommands } from './dnsCheck';
import { registerTestMessageCommands } from './testMessage';

/** The commands that take a domain from "added" to "sending" (issue 15). */
export function registerOnboardingCommands(services: Services): vscode.Disposable[] {
  return [...registerDnsCheckCommands(services), ...registerTestMessageCommands(services)];
}
