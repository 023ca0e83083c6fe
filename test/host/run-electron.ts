// npm run test:electron: the same in-host suite in desktop VS Code through @vscode/test-electron.
// It downloads VS Code from update.code.visualstudio.com, so it only works where that host is reachable;
// offline (as on our CI machines) use npm run test:integration, which runs the suite in code-server.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from './code-server';
import { startFakeMailgun } from '../fake-mailgun';

async function main(): Promise<void> {
  execFileSync(process.execPath, ['esbuild.mjs', '--tests'], { cwd: repoRoot, stdio: 'inherit' });
  const fake = await startFakeMailgun({ seed: 'demo' });
  const userDataDir = mkdtempSync(join(tmpdir(), 'mailgun-vscode-electron-'));
  try {
    await runTests({
      version: process.env.VSCODE_VERSION ?? '1.100.3',
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: join(repoRoot, 'out/test/integration/index'),
      launchArgs: ['--disable-extensions', '--disable-workspace-trust', '--user-data-dir', userDataDir],
      extensionTestsEnv: {
        MAILGUN_TEST_FAKE_US: fake.usUrl,
        MAILGUN_TEST_FAKE_EU: fake.euUrl,
        MAILGUN_TEST_RESULTS: join(repoRoot, 'test-results', 'electron.json'),
      },
    });
  } finally {
    await fake.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`test:electron failed: ${err instanceof Error ? err.message : String(err)}`);
  if (String(err).includes('ENOTFOUND') || String(err).includes('EAI_AGAIN')) {
    console.error('Desktop VS Code could not be downloaded (no internet). Run the same suite offline with: npm run test:integration');
  }
  process.exit(1);
});
