// Every command the Command Palette shows has an in-host test of its palette flow: run with no explorer item,
// answering its pickers and prompts (issue 13). This keeps a new command from arriving without one.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(import.meta.dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { commands: Array<{ command: string }>; menus: { commandPalette?: Array<{ command: string; when?: string }> } };
};
const inHost = join(root, 'test', 'integration');

/** Command ids a test runs with no argument: `palette('id', …)` in palette-flows, or `executeCommand('id')` anywhere. */
function paletteRuns(): Set<string> {
  const ids = new Set<string>();
  for (const file of readdirSync(inHost).filter((f) => f.endsWith('.test.ts'))) {
    const text = readFileSync(join(inHost, file), 'utf8');
    for (const m of text.matchAll(/executeCommand(?:<[^>]*>)?\('(mailgun\.\w+)'\)/g)) ids.add(m[1]);
    if (file === 'palette-flows.test.ts') for (const m of text.matchAll(/palette(?:<[^>]*>)?\('(mailgun\.\w+)'/g)) ids.add(m[1]);
  }
  return ids;
}

test('every command shown in the Command Palette has an in-host palette-flow test', () => {
  const hidden = new Set((manifest.contributes.menus.commandPalette ?? []).filter((m) => m.when === 'false').map((m) => m.command));
  const shown = manifest.contributes.commands.map((c) => c.command).filter((id) => !hidden.has(id));
  assert.ok(shown.length > 20, 'the manifest lists the commands');
  const tested = paletteRuns();
  assert.deepEqual(shown.filter((id) => !tested.has(id)), []);
});
