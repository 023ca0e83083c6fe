// Debian packages that the in-host and e2e tests need, installed with apt when missing and running as root.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function hasDebPackage(name: string): boolean {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

/** Installs the packages whose check fails; throws with the exact command to run when that is not possible. */
export function ensureDebianPackages(wanted: Array<{ pkg: string; present: () => boolean }>): void {
  const missing = wanted.filter((w) => !w.present()).map((w) => w.pkg);
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0 || !has('apt-get')) {
    throw new Error(`Missing system packages: ${missing.join(', ')}. Install them first, e.g.: sudo sh -c '${command}'`);
  }
  console.log(`system: installing ${missing.join(', ')} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
}

export function chromiumPath(): string {
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(p)) return p;
  throw new Error('Chromium was not found at /usr/bin/chromium; install the Debian package "chromium".');
}

/** Chromium for Playwright. */
export function ensureChromium(): string {
  ensureDebianPackages([{ pkg: 'chromium', present: () => existsSync('/usr/bin/chromium') }]);
  return chromiumPath();
}

/** What code-server's npm install needs: kerberos headers and a ripgrep binary to seed @vscode/ripgrep's download cache. */
export function ensureCodeServerBuildDeps(): void {
  ensureDebianPackages([
    { pkg: 'libkrb5-dev', present: () => hasDebPackage('libkrb5-dev') },
    { pkg: 'ripgrep', present: () => has('rg') },
    { pkg: 'python3', present: () => has('python3') },
    { pkg: 'make', present: () => has('make') },
    { pkg: 'g++', present: () => has('g++') },
  ]);
}
