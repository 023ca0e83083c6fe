// A real VS Code for tests and `npm start`: code-server from npm, installed once into .cache/ (like .vscode-test/),
// started per run on 127.0.0.1 with its own HOME, user-data-dir and extensions-dir, and stopped with its whole process group.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { tmpdir, arch } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setInterval } from 'node:timers/promises';
import { ensureCodeServerBuildDeps } from './system';

/** The newest code-server whose engines.node is 20; it carries VS Code 1.100.3 (engines.vscode must not be newer). */
export const CODE_SERVER_VERSION = '4.100.3';
/** The @vscode/ripgrep version pinned in that code-server's lib/vscode/npm-shrinkwrap.json. */
const RIPGREP_VERSION = '1.15.11';

export const repoRoot = resolve(__dirname, '..', '..');
const installDir = join(repoRoot, '.cache', `code-server-${CODE_SERVER_VERSION}`);
const launcher = join(installDir, 'node_modules', '.bin', 'code-server');
const installedStamp = join(installDir, '.installed');

/** Installs code-server into .cache/ on first use (about a minute), offline apart from the npm registry. */
export function ensureCodeServer(): string {
  if (existsSync(installedStamp)) return launcher;
  ensureCodeServerBuildDeps();
  console.log(`code-server: installing ${CODE_SERVER_VERSION} into ${installDir} (first run only)…`);
  rmSync(installDir, { recursive: true, force: true });
  mkdirSync(installDir, { recursive: true });
  writeFileSync(join(installDir, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true }));

  // @vscode/ripgrep's postinstall downloads from GitHub unless its cache already holds the asset: seed it with Debian's rg.
  const tmp = join(installDir, 'tmp');
  const cache = join(tmp, `vscode-ripgrep-cache-${RIPGREP_VERSION}`);
  const rgDir = join(tmp, 'rg');
  mkdirSync(cache, { recursive: true });
  mkdirSync(rgDir, { recursive: true });
  const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
  cpSync(rg, join(rgDir, 'rg'));
  const target = arch() === 'arm64' ? 'aarch64-unknown-linux-musl' : 'x86_64-unknown-linux-musl';
  execFileSync('tar', ['czf', join(cache, `ripgrep-v13.0.0-10-${target}.tar.gz`), '-C', rgDir, 'rg']);

  const env = {
    ...process.env,
    TMPDIR: tmp,
    npm_config_nodedir: dirname(dirname(process.execPath)), // node-gyp must not download headers
    npm_config_yes: 'true', // node-pty's postinstall runs `npx node-gyp`
    npm_config_unsafe_perm: 'true', // code-server's postinstall insists on it as root
  };
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--unsafe-perm', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: installDir,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  rmSync(tmp, { recursive: true, force: true });
  writeFileSync(installedStamp, new Date().toISOString());
  return launcher;
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

export interface CodeServer {
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  /** host:port, for vscode-remote:// URIs */
  authority: string;
  runDir: string;
  workspaceDir: string;
  userDataDir: string;
  logFile: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Extra environment for the server; it reaches the extension host. */
  env?: Record<string, string>;
  /** User settings merged over the quiet defaults. */
  settings?: Record<string, unknown>;
  port?: number;
  /** Keep the run folder after stop (npm start keeps state between runs in its own folder). */
  runDir?: string;
}

const quietSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
};

// Nothing listens on port 9: the workbench's gallery lookups stay on loopback and fail fast.
const offlineGallery = JSON.stringify({
  serviceUrl: 'http://127.0.0.1:9/gallery',
  itemUrl: 'http://127.0.0.1:9/item',
  resourceUrlTemplate: 'http://127.0.0.1:9/r/{publisher}/{name}/{version}/{path}',
});

/** Resolves once /healthz answers; fails as soon as code-server exits, or after 60 s. */
async function waitHealthy(baseUrl: string, child: ChildProcess, logFile: string): Promise<void> {
  if (child.exitCode !== null) throw new Error(`code-server exited with code ${child.exitCode}; see ${logFile}`);
  const done = new AbortController();
  const exited = once(child, 'exit', { signal: done.signal }).then(([code]) => {
    throw new Error(`code-server exited with code ${String(code)}; see ${logFile}`);
  });
  const healthy = (async () => {
    // Nothing announces readiness on a channel we can listen to, so ask /healthz every 100 ms.
    for await (const _ of setInterval(100, undefined, { signal: AbortSignal.any([done.signal, AbortSignal.timeout(60_000)]) })) {
      const res = await fetch(`${baseUrl}/healthz`).catch(() => undefined); // not listening yet
      if (res?.ok) return;
    }
  })().catch((err: unknown) => {
    if (err instanceof Error && err.name === 'AbortError' && !done.signal.aborted) throw new Error(`code-server did not become healthy within 60 s; see ${logFile}`);
    throw err;
  });
  try {
    await Promise.race([healthy, exited]);
  } finally {
    done.abort();
    exited.catch(() => undefined);
    healthy.catch(() => undefined);
  }
}

export async function startCodeServer(options: StartOptions = {}): Promise<CodeServer> {
  const bin = ensureCodeServer();
  const keep = options.runDir !== undefined;
  const runDir = options.runDir ?? mkdtempSync(join(tmpdir(), 'mailgun-vscode-run-'));
  const home = join(runDir, 'home');
  const userDataDir = join(runDir, 'ud');
  const extensionsDir = join(runDir, 'exts');
  const workspaceDir = join(runDir, 'ws');
  for (const d of [home, join(userDataDir, 'User'), extensionsDir, workspaceDir]) mkdirSync(d, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...quietSettings, ...options.settings }, null, 2));

  const port = options.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const logFile = join(runDir, 'code-server.log');
  const out = openSync(logFile, 'a');
  const child = spawn(
    bin,
    [
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      workspaceDir,
    ],
    {
      detached: true, // its own process group, so stop() ends the file watchers and extension hosts too
      stdio: ['ignore', out, out],
      env: {
        ...process.env,
        HOME: home,
        XDG_CONFIG_HOME: join(home, '.config'),
        XDG_DATA_HOME: join(home, '.local', 'share'),
        XDG_CACHE_HOME: join(home, '.cache'),
        EXTENSIONS_GALLERY: offlineGallery,
        ...options.env,
      },
    },
  );
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const killGroupOnExit = (): void => {
    try {
      if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', killGroupOnExit);
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 5_000);
      await exited;
      clearTimeout(timer);
    }
    process.off('exit', killGroupOnExit);
    if (!keep) rmSync(runDir, { recursive: true, force: true });
  };
  try {
    await waitHealthy(baseUrl, child, logFile);
  } catch (err) {
    await stop();
    throw err;
  }
  return { baseUrl, authority: `127.0.0.1:${port}`, runDir, workspaceDir, userDataDir, logFile, stop };
}
