// The steps behind `npm test`, `npm start` and `npm run bench` (called by bootstrap.mjs once npm packages are installed).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './code-server';
import { writeReliabilityReport } from './reliability-report';

interface Step {
  name: string;
  script: string;
}

const testSteps: Step[] = [
  { name: 'lint', script: 'lint' },
  { name: 'type-check', script: 'typecheck' },
  { name: 'commands registered', script: 'check:commands' },
  { name: 'unit (node --test)', script: 'test:unit' },
  { name: 'package (.vsix allow-list, no keys)', script: 'check:package' },
  { name: 'in-host (mocha in code-server)', script: 'test:integration' },
  { name: 'e2e (Playwright)', script: 'test:e2e' },
];

function npmRun(script: string, args: string[] = []): number {
  const r = spawnSync('npm', ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])], { cwd: repoRoot, stdio: 'inherit' });
  return r.status ?? 1;
}

function runTests(): number {
  rmSync(join(repoRoot, 'test-results', 'screenshots'), { recursive: true, force: true }); // count only this run's
  rmSync(join(repoRoot, 'test-results', 'reliability.jsonl'), { force: true }); // likewise: RELIABILITY.md tells of this run
  const results: Array<{ name: string; ok: boolean; seconds: number }> = [];
  for (const step of testSteps) {
    console.log(`\n=== ${step.name} ===`);
    const started = Date.now();
    const code = npmRun(step.script);
    results.push({ name: step.name, ok: code === 0, seconds: (Date.now() - started) / 1000 });
  }
  const shots = join(repoRoot, 'test-results', 'screenshots');
  const pngs = existsSync(shots) ? readdirSync(shots).filter((f) => f.endsWith('.png')) : [];
  console.log('\n=== summary ===');
  console.log(`e2e screenshots: ${pngs.length} in ${shots}`);
  console.log(writeReliabilityReport(repoRoot) ? 'RELIABILITY.md written from test-results/reliability.jsonl' : 'RELIABILITY.md left as it was: no test recorded anything');
  for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.name} (${r.seconds.toFixed(1)} s)`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

const [task, ...rest] = process.argv.slice(2);
switch (task) {
  case 'test':
    process.exit(runTests());
    break;
  case 'start':
    process.exit(spawnSync(process.execPath, ['--import', 'tsx', 'test/host/start.ts', ...rest], { cwd: repoRoot, stdio: 'inherit' }).status ?? 1);
    break;
  case 'bench':
    process.exit(spawnSync(process.execPath, ['--import', 'tsx', 'test/bench/run.ts', ...rest], { cwd: repoRoot, stdio: 'inherit' }).status ?? 1);
    break;
  default:
    console.error(`Unknown task "${task ?? ''}". Use: test | start | bench`);
    process.exit(2);
}
