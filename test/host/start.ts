// npm start: builds the extension and opens it in a real VS Code against the fake Mailgun server with demo data
// (or against real Mailgun with --real). Desktop VS Code when `code` is on PATH, else code-server in your browser.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workbenchUrl } from './browser';
import { repoRoot, startCodeServer } from './code-server';
import { DEMO_API_KEY, startFakeMailgun, type FakeMailgun } from '../fake-mailgun';

const args = new Set(process.argv.slice(2));
const real = args.has('--real');
const web = args.has('--web') || spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status !== 0;

async function main(): Promise<void> {
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  const fake: FakeMailgun | undefined = real ? undefined : await startFakeMailgun({ seed: 'demo' });
  const settings = fake ? { 'mailgun.apiBaseUrl.us': fake.usUrl, 'mailgun.apiBaseUrl.eu': fake.euUrl } : { 'mailgun.apiBaseUrl.us': '', 'mailgun.apiBaseUrl.eu': '' };
  const env: Record<string, string> = fake ? { MAILGUN_DEMO_API_KEY: DEMO_API_KEY } : {};
  const stops: Array<() => Promise<void>> = [async () => fake?.close()];

  console.log('');
  if (web) {
    const runDir = process.env.MAILGUN_START_DIR ?? join(repoRoot, '.cache', 'start-web');
    const server = await startCodeServer({ runDir, port: Number(process.env.PORT) || undefined, settings, env });
    stops.unshift(() => server.stop());
    console.log('Mailgun for VS Code is running in code-server (a real VS Code in your browser). Open:\n');
    console.log(`  ${workbenchUrl(server, repoRoot)}\n`);
  } else {
    const profile = join(repoRoot, '.cache', 'start-desktop');
    mkdirSync(join(profile, 'ud', 'User'), { recursive: true });
    writeFileSync(join(profile, 'ud', 'User', 'settings.json'), JSON.stringify(settings, null, 2));
    const code = spawn('code', ['--new-window', '--wait', '--user-data-dir', join(profile, 'ud'), '--extensions-dir', join(profile, 'exts'), `--extensionDevelopmentPath=${repoRoot}`], {
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
    code.once('exit', () => void shutdown());
    console.log('Mailgun for VS Code is running in a new desktop VS Code window (a separate profile under .cache/start-desktop).\n');
  }
  if (fake) {
    console.log(`Fake Mailgun with demo data: US ${fake.usUrl}  EU ${fake.euUrl}`);
    console.log(`Demo API key: ${DEMO_API_KEY} (added for you as the account "Demo (fake Mailgun)").`);
    console.log('For a real Mailgun account instead: npm start -- --real, then "Mailgun: Add API Key…".');
  } else {
    console.log('Using the real Mailgun API: add your key with "Mailgun: Add API Key…".');
  }
  console.log('Press Ctrl+C to stop.');

  let stopping = false;
  async function shutdown(): Promise<void> {
    if (stopping) return;
    stopping = true;
    for (const stop of stops) await stop();
    process.exit(0);
  }
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
