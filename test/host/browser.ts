// Headless Debian Chromium for Playwright, kept off the network: only 127.0.0.1 resolves.
import { chromium, type Browser } from 'playwright-core';
import { ensureChromium } from './system';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: ensureChromium(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
    ],
  });
}

/** The workbench URL that opens `folder` with the extension under development (and, optionally, its test entry). */
export function workbenchUrl(server: { baseUrl: string; authority: string; workspaceDir: string }, extensionDir: string, testsEntry?: string): string {
  const remote = (p: string): string => `vscode-remote://${server.authority}${p}`;
  const payload: Array<[string, string]> = [['extensionDevelopmentPath', remote(extensionDir)], ['skipWelcome', 'true']];
  if (testsEntry) payload.push(['extensionTestsPath', remote(testsEntry)]);
  return `${server.baseUrl}/?folder=${encodeURIComponent(server.workspaceDir)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
