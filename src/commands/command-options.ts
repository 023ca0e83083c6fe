import * as vscode from 'vscode';

/**
 * Options passed by automation and tests as a command's second argument. Only a plain object is one: VS Code
 * passes the tree's selection as an array, and the explorer's file commands a Uri.
 */
export function commandOptions<T extends object>(arg: unknown): Partial<T> {
  return typeof arg === 'object' && arg !== null && !Array.isArray(arg) && !(arg instanceof vscode.Uri) ? arg : {};
}
