// npm run test:integration: runs the mocha suite of test/integration inside a real VS Code extension host
// (code-server, driven by headless Chromium), against the fake Mailgun server, and exits with the suite's result.
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { launchBrowser, workbenchUrl } from './browser';
import { repoRoot, startCodeServer, type CodeServer } from './code-server';
import { startFakeMailgun, type FakeMailgun } from '../fake-mailgun';
import { BEGIN_MARKER, END_MARKER } from '../integration/markers';

const SUITE_TIMEOUT_MS = 20 * 60_000;

async function main(): Promise<number> {
  execFileSync(process.execPath, ['esbuild.mjs', '--tests'], { cwd: repoRoot, stdio: 'inherit' });
  const resultsDir = join(repoRoot, 'test-results');
  const resultsFile = join(resultsDir, 'integration.json');
  const workbenchLog = join(resultsDir, 'integration-workbench.log');
  mkdirSync(resultsDir, { recursive: true });
  rmSync(resultsFile, { force: true });
  writeFileSync(workbenchLog, '');

  let fake: FakeMailgun | undefined;
  let server: CodeServer | undefined;
  const browser = await launchBrowser();
  try {
    fake = await startFakeMailgun({ seed: 'demo' });
    server = await startCodeServer({
      env: {
        MAILGUN_TEST_FAKE_US: fake.usUrl,
        MAILGUN_TEST_FAKE_EU: fake.euUrl,
        MAILGUN_TEST_RESULTS: resultsFile,
        ...(process.env.MAILGUN_TEST_GREP ? { MAILGUN_TEST_GREP: process.env.MAILGUN_TEST_GREP } : {}),
      },
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let finish: (code: number | 'timeout') => void = () => undefined;
    const exited = new Promise<number | 'timeout'>((r) => (finish = r));
    // The suite's own lines (mocha's report, extension errors while it runs) go to the console; workbench noise to a file.
    let relaying = false;
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const line = format(...(args ?? []));
      if (line.includes(BEGIN_MARKER)) relaying = true;
      else if (line.includes(END_MARKER)) relaying = false;
      else if (relaying) console.log(line);
      else appendFileSync(workbenchLog, `[${type}] ${line}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
    const started = Date.now();
    await page.goto(workbenchUrl(server, repoRoot, join(repoRoot, 'out/test/integration/index')), { timeout: 180_000 }); // slow on a loaded machine
    const timer = setTimeout(() => finish('timeout'), SUITE_TIMEOUT_MS);
    const code = await exited;
    clearTimeout(timer);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (code === 'timeout') {
      console.error(`in-host suite: no result after ${SUITE_TIMEOUT_MS / 60_000} min; code-server log:\n${readFileSync(server.logFile, 'utf8').slice(-4000)}`);
      return 1;
    }
    if (!existsSync(resultsFile)) {
      console.error(`in-host suite: the workbench exited with ${code} but the suite wrote no results (did it load?). code-server log:\n${readFileSync(server.logFile, 'utf8').slice(-4000)}`);
      return 1;
    }
    console.log(`in-host suite: workbench log in ${workbenchLog}`);
    const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as { passes: number; failures: number; pending: number };
    console.log(`in-host suite: ${results.passes} passed, ${results.failures} failed (exit code ${code} after ${seconds} s)`);
    return code === 0 && results.failures === 0 && results.passes > 0 ? 0 : 1;
  } finally {
    await browser.close();
    await server?.stop();
    await fake?.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
