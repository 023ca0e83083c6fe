// The in-host test entry: VS Code calls run() inside the extension host (code-server here, desktop VS Code under
// @vscode/test-electron). It runs every *.test.js beside it with mocha and writes a results file for the runner.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Mocha from 'mocha';
import { BEGIN_MARKER, END_MARKER } from './markers';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000, grep: process.env.MAILGUN_TEST_GREP });
  for (const f of readdirSync(__dirname).sort()) if (f.endsWith('.test.js')) mocha.addFile(join(__dirname, f));
  console.log(BEGIN_MARKER);
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      console.log(END_MARKER);
      const file = process.env.MAILGUN_TEST_RESULTS;
      if (file) {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, JSON.stringify({ passes: runner.stats?.passes ?? 0, failures, pending: runner.stats?.pending ?? 0 }));
      }
      if (failures > 0) reject(new Error(`${failures} in-host tests failed.`));
      else resolve();
    });
  });
}
