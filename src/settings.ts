import * as vscode from 'vscode';
import type { Region } from './mailgun';

/**
 * A setting only the user may set (`"scope": "application"` in package.json): VS Code already ignores it in
 * workspace settings; reading only the user's value keeps that true even if the scope were ever dropped.
 */
function userValue<T>(key: string, fallback: T): T {
  const inspected = vscode.workspace.getConfiguration('mailgun').inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
}

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
    const s = userValue<number>('requestTimeoutSeconds', 30);
    return Math.min(300, Math.max(1, Number.isFinite(s) ? s : 30)) * 1000;
  },
  /** 'typeName' asks to type the name of what is deleted; 'button' asks with a modal button. */
  confirmStyle(): 'typeName' | 'button' {
    return userValue<string>('confirmDestructiveActions', 'typeName') === 'button' ? 'button' : 'typeName';
  },
  /** An override of the region's API base URL (proxies, the local fake server), or undefined for Mailgun's own. */
  apiBaseUrl(region: Region): string | undefined {
    const value = userValue<unknown>(`apiBaseUrl.${region}`, '');
    return (typeof value === 'string' && value.trim()) || undefined;
  },
  /** DNS servers for Check DNS Now; empty for the system's resolver. */
  dnsServers(): string[] {
    const value = vscode.workspace.getConfiguration('mailgun').get<unknown>('dnsServers', []);
    return Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string' && s.trim() !== '').map((s) => s.trim()) : [];
  },
};
