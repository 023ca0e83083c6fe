// Entry point of `npm start`, `npm test` and `npm run bench` on a fresh clone: plain Node, no dependencies.
// Installs the npm packages when node_modules is missing or older than package-lock.json, then hands over to tasks.ts.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const stamp = join(root, 'node_modules', '.mailgun-lock-hash');
const lockHash = createHash('sha256').update(readFileSync(join(root, 'package-lock.json'))).digest('hex');

if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== lockHash) {
  console.log('bootstrap: installing npm packages (npm ci)…');
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (npm.status !== 0) {
    console.error('bootstrap: npm ci failed; the npm registry must be reachable.');
    process.exit(npm.status ?? 1);
  }
  writeFileSync(stamp, lockHash);
}

const task = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'test/host/tasks.ts'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(task.status ?? 1);
