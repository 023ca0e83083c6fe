import * as vscode from 'vscode';
import type { Region } from './mailgun';

/** The `mailgun.*` settings, read fresh each time so changes apply without a reload. */
export const settings = {
  regions(): Region[] {
    const value = vscode.workspace.getConfiguration('mailgun').get<string[]>('regions', ['us', 'eu']);
    const regions = value.filter((r): r is Region => r === 'us' || r === 'eu');
    return regions.length > 0 ? [...new Set(regions)] : ['us', 'eu'];
  },
  pageSize(): number {
    const n = vscode.workspace.getConfiguration('mailgun').get<number>('pageSize', 100);
    return Math.min(1000, Math.max(1, Math.floor(Number.isFinite(n) ? n : 100)));
  },
  requestTimeoutMs(): number {
    const s = vscode.workspace.getConfiguration('mailgun').get<number>('requestTimeoutSeconds', 30);
    return Math.min(300, Math.max(1, Number.isFinite(s) ? s : 30)) * 1000;
  },
  /** 'typeName' asks to type the name of what is deleted; 'button' asks with a modal button. */
  confirmStyle(): 'typeName' | 'button' {
    return vscode.workspace.getConfiguration('mailgun').get<string>('confirmDestructiveActions') === 'button' ? 'button' : 'typeName';
  },
  /** An override of the region's API base URL (proxies, the local fake server), or undefined for Mailgun's own. */
  apiBaseUrl(region: Region): string | undefined {
    const value = vscode.workspace.getConfiguration('mailgun').get<string>(`apiBaseUrl.${region}`, '').trim();
    return value || undefined;
  },
};
