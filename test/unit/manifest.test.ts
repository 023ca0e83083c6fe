// What the Marketplace shows: the icon, the walkthrough and README pictures exist and are what the manifest says.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(__dirname, '..', '..');
interface Step { id: string; media: { image?: string; markdown?: string; altText?: string }; completionEvents?: string[] }
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  icon?: string;
  galleryBanner?: { color?: string; theme?: string };
  categories: string[];
  contributes: { commands: Array<{ command: string }>; walkthroughs?: Array<{ steps: Step[] }> };
};

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(path: string): [number, number] {
  const bytes = readFileSync(path);
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', `${path} is a PNG`);
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

test('the icon is a 128×128 PNG in media/ and the gallery banner is set', () => {
  assert.ok(manifest.icon?.startsWith('media/'), 'icon is in media/, which the .vsix ships');
  assert.deepEqual(pngSize(join(root, manifest.icon ?? '')), [128, 128]);
  assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9a-f]{6}$/i);
  assert.ok(['dark', 'light'].includes(manifest.galleryBanner?.theme ?? ''));
});

test('every walkthrough step has an existing picture with alt text and completes on an event', () => {
  const steps = manifest.contributes.walkthroughs?.flatMap((w) => w.steps) ?? [];
  assert.ok(steps.length >= 4, 'add a key, regions, explore a domain, stats');
  const commands = new Set(manifest.contributes.commands.map((c) => c.command));
  for (const step of steps) {
    assert.ok(step.media.image && existsSync(join(root, step.media.image)), `${step.id}: ${step.media.image ?? 'no image'} exists`);
    assert.ok(step.media.altText, `${step.id} has alt text`);
    assert.ok((step.completionEvents ?? []).length > 0, `${step.id} completes on an event`);
    for (const event of step.completionEvents ?? []) {
      const command = /^onCommand:(mailgun\.[\w.]+)$/.exec(event)?.[1];
      if (command) assert.ok(commands.has(command), `${step.id} completes on ${command}, which is declared`);
    }
  }
});

test("README's pictures exist under media/readme/ and say what they show", () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const images = [...readme.matchAll(/!\[([^\]]*)\]\(([^)]+)\)/g)];
  assert.ok(images.length >= 3, 'the explorer and the stats panel, light and dark');
  for (const [, alt, path] of images) {
    assert.ok(path.startsWith('media/readme/'), `${path} is shipped with the .vsix and written by the e2e run`);
    assert.ok(existsSync(join(root, path)), `${path} exists`);
    assert.ok(alt.length > 10, `${path} has alt text`);
  }
});

test('every inline button of the tree is also in its row\'s context menu, which the keyboard opens (Shift+F10)', () => {
  const menu = (manifest.contributes as { menus?: Record<string, Array<{ command: string; when?: string; group?: string }>> }).menus?.['view/item/context'] ?? [];
  const inline = menu.filter((e) => e.group?.startsWith('inline'));
  const inMenu = menu.filter((e) => !e.group?.startsWith('inline'));
  assert.ok(inline.length > 0, 'the tree has inline buttons');
  const missing = inline.filter((e) => !inMenu.some((c) => c.command === e.command)).map((e) => `${e.command} (${e.when ?? ''})`);
  assert.deepEqual(missing, []);
});
