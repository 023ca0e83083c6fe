// Runs a benchmark entry inside a real extension host (code-server + headless Chromium) and returns what it wrote.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, workbenchUrl } from '../host/browser';
import { repoRoot, startCodeServer } from '../host/code-server';

/**
 * `entry` is a compiled test entry (out/test/bench/<name>, without .js) whose run() writes JSON to the file named by
 * MAILGUN_BENCH_RESULT. A fresh server and extension host per call.
 */
export async function runInHost<T>(entry: string, env: Record<string, string>, extensionDir = repoRoot): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'mailgun-bench-'));
  const resultFile = join(dir, 'result.json');
  const server = await startCodeServer({ env: { ...env, MAILGUN_BENCH_RESULT: resultFile } });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const exited = new Promise<number>((resolve) => void page.exposeFunction('codeAutomationExit', resolve));
    await page.exposeFunction('codeAutomationLog', () => undefined);
    // A generous load timeout: on a busy shared machine the workbench can take over 30 s to load.
    await page.goto(workbenchUrl(server, extensionDir, join(repoRoot, 'out/test/bench', entry)), { timeout: 180_000 });
    const code = await Promise.race([exited, new Promise<number>((r) => setTimeout(() => r(-1), 300_000))]);
    if (code !== 0) throw new Error(`the in-host benchmark ${entry} ended with ${code}; code-server log: ${server.logFile}`);
    return JSON.parse(readFileSync(resultFile, 'utf8')) as T;
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
