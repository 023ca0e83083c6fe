// The manifest is localisable: every string VS Code shows from package.json is a %key% of package.nls.json.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;

/** Properties whose value VS Code shows to the user (anywhere under `contributes`, and the two at the top). */
const shown = new Set(['title', 'shortTitle', 'name', 'contextualTitle', 'contents', 'description', 'markdownDescription', 'enumDescriptions', 'markdownEnumDescriptions', 'enumItemLabels', 'deprecationMessage', 'markdownDeprecationMessage', 'altText', 'label', 'category', 'displayName']);

/** Every string the user reads, with where it is, e.g. `contributes.commands[3].title`. */
function shownStrings(value: unknown, path: string, inShown = false): Array<[string, string]> {
  if (typeof value === 'string') return inShown ? [[path, value]] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => shownStrings(v, `${path}[${i}]`, inShown));
  if (value && typeof value === 'object') {
    // A property's schema (`properties.x`) has keys that are setting names, not shown strings; its fields are walked as usual.
    return Object.entries(value).flatMap(([k, v]) => shownStrings(v, `${path}.${k}`, shown.has(k) && !path.endsWith('.properties')));
  }
  return [];
}

const strings = [
  ...shownStrings({ displayName: manifest.displayName, description: manifest.description }, 'package', true),
  ...shownStrings(manifest.contributes, 'contributes'),
];
const placeholder = /^%([\w.-]+)%$/;

test('every string package.json shows the user is a %key% placeholder', () => {
  assert.ok(strings.length > 80, 'the walk finds the command titles, views, settings and walkthrough');
  const bare = strings.filter(([, s]) => !placeholder.test(s)).map(([path, s]) => `${path}: ${s}`);
  assert.deepEqual(bare, []);
});

test('every %key% of package.json is in package.nls.json, and every key there is used', () => {
  const used = new Set(strings.map(([, s]) => placeholder.exec(s)?.[1]).filter((k) => k !== undefined));
  assert.deepEqual([...used].filter((k) => !(k in nls)), [], 'keys missing from package.nls.json');
  assert.deepEqual(Object.keys(nls).filter((k) => !used.has(k)), [], 'keys package.json never uses');
  for (const [key, text] of Object.entries(nls)) assert.ok(text.trim().length > 0, `${key} has a text`);
});

test('the .vsix ships package.nls.json and the translations, not the English source bundle', () => {
  const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8').split('\n');
  assert.ok(ignore.includes('!package.nls.json'), '.vscodeignore lets package.nls.json in');
  assert.ok(ignore.includes('!l10n/bundle.l10n.*.json'), '.vscodeignore lets translations (bundle.l10n.<locale>.json) in');
  assert.ok(!ignore.some((line) => /^!l10n\/(\*\*|bundle\.l10n\.json)$/.test(line)), '.vscodeignore keeps the English source out');
  assert.equal(manifest.l10n, './l10n');
});
