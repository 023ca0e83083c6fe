// What activation registers for the commands: one small callback per declared command id and the providers VS
// Code asks for before any command runs (stats panels to restore, Check DNS Now reports and stored messages to
// show). Each loads the handlers (dist/commands.js) on first use, so activation neither reads nor compiles them.
import * as vscode from 'vscode';
import { commandsChunk } from '../chunks/load';
import type { Services } from '../services';
import { STATS_VIEW_TYPE } from '../webview/view-types';
import type { LoadedCommands } from './index';

export const DNS_CHECK_SCHEME = 'mailgun-dns-check';
/** Stored messages opened from the Logs panel. */
export const STORED_MESSAGE_SCHEME = 'mailgun-message';

/** Registers every command package.json declares; the handlers are built when the first one runs. */
export function registerAllCommands(services: Services): vscode.Disposable[] {
  const dnsChanged = new vscode.EventEmitter<vscode.Uri>();
  const messageChanged = new vscode.EventEmitter<vscode.Uri>();
  const disposables: vscode.Disposable[] = [dnsChanged, messageChanged];
  let loaded: LoadedCommands | undefined;
  const load = (): LoadedCommands => {
    if (loaded) return loaded;
    loaded = commandsChunk().loadCommands(services);
    disposables.push(
      ...loaded.disposables,
      loaded.dnsReports.onDidChange((uri) => dnsChanged.fire(uri)),
      loaded.storedMessages.onDidChange((uri) => messageChanged.fire(uri)),
    );
    return loaded;
  };
  const manifest = services.context.extension.packageJSON as { contributes: { commands: Array<{ command: string }> } };
  for (const { command: id } of manifest.contributes.commands) {
    disposables.push(
      vscode.commands.registerCommand(id, (target?: unknown) => {
        const run = load().run.get(id);
        if (!run) throw new Error(`The command ${id} is declared in package.json but has no handler.`);
        return run(target);
      }),
    );
  }
  disposables.push(
    vscode.window.registerWebviewPanelSerializer(STATS_VIEW_TYPE, { deserializeWebviewPanel: (panel, state) => load().statsPanels.deserializeWebviewPanel(panel, state) }),
    vscode.workspace.registerTextDocumentContentProvider(DNS_CHECK_SCHEME, {
      onDidChange: dnsChanged.event,
      provideTextDocumentContent: (uri, token) => load().dnsReports.provideTextDocumentContent(uri, token),
    }),
    vscode.workspace.registerTextDocumentContentProvider(STORED_MESSAGE_SCHEME, {
      onDidChange: messageChanged.event,
      provideTextDocumentContent: (uri) => load().storedMessages.provideTextDocumentContent(uri),
    }),
  );
  return [
    {
      dispose: () => {
        for (const d of disposables) d.dispose();
      },
    },
  ];
}
