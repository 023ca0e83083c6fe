import * as vscode from 'vscode';

/** Opens a URI outside VS Code (the browser). A seam: the in-host tests read the URI instead of opening it. */
export interface Opener {
  external: (uri: vscode.Uri) => Thenable<boolean>;
}

export const vscodeOpener: Opener = { external: (uri) => vscode.env.openExternal(uri) };
