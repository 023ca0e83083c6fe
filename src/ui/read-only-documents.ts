import * as vscode from 'vscode';

/**
 * Texts served by a TextDocumentContentProvider: read-only editors that never ask to be saved. The provider is
 * registered at activation (src/commands/lazy.ts), so an editor restored after a reload asks here too and gets
 * `gone`.
 */
export class ReadOnlyDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  private readonly closed: vscode.Disposable;

  constructor(
    private readonly scheme: string,
    private readonly gone: string,
  ) {
    // A stored message may weigh megabytes: kept only while its document is open.
    this.closed = vscode.workspace.onDidCloseTextDocument((doc) => this.texts.delete(doc.uri.toString()));
  }

  /**
   * Keeps `text` as the document at `path` (its extension picks the language; an open one is updated in place) and
   * opens it, by default beside the panel.
   */
  async show(path: string, text: string, options: vscode.TextDocumentShowOptions = { preview: false, viewColumn: vscode.ViewColumn.Beside }): Promise<vscode.TextEditor> {
    const uri = vscode.Uri.from({ scheme: this.scheme, path });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(doc, options);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? this.gone;
  }

  dispose(): void {
    this.closed.dispose();
    this.changed.dispose();
  }
}
