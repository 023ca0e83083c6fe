import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { launchBrowser } from '../host/browser';
import { repoRoot } from '../host/code-server';
import { screenshotDir } from './workbench';

test('npm start prints a 127.0.0.1 URL where the Mailgun container shows the demo account, and stops on Ctrl+C', async () => {
  const runDir = mkdtempSync(join(tmpdir(), 'mailgun-start-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/host/start.ts', '--web'], {
    cwd: repoRoot,
    env: { ...process.env, MAILGUN_START_DIR: runDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed within 120 s:\n${output}`)), 120_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)/.exec(output);
      if (m && output.includes('Press Ctrl+C')) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  const browser = await launchBrowser();
  try {
    assert.match(output, /Demo API key: key-demo-/);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(url, { timeout: 180_000 });
    await page.locator('.activitybar a.action-label[aria-label^="Mailgun"]').click();
    await page.locator('#workbench\\.parts\\.sidebar .monaco-list-row', { hasText: 'Demo (fake Mailgun)' }).waitFor({ timeout: 60_000 });
    const shot = join(screenshotDir, '00-npm-start.png');
    await page.screenshot({ path: shot });
  } finally {
    await browser.close();
    child.kill('SIGINT');
    assert.equal(await exited, 0, 'npm start exits cleanly on Ctrl+C');
    rmSync(runDir, { recursive: true, force: true });
  }
});
