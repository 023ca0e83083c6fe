// The in-host test entry: VS Code calls run() inside the extension host (code-server here, desktop VS Code under
// @vscode/test-electron). It runs every *.test.js beside it with mocha and writes a results file for the runner.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Mocha from 'mocha';
import { BEGIN_MARKER, END_MARKER } from './markers';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000, grep: process.env.MAILGUN_TEST_GREP });
  // extension.test.js first: it checks that activation itself makes no request.
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.test.js'));
  files.sort((a, b) => Number(b === 'extension.test.js') - Number(a === 'extension.test.js') || a.localeCompare(b));
  for (const f of files) mocha.addFile(join(__dirname, f));
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
