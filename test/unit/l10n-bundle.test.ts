// The code's sentences are localisable: each is one l10n.t literal, l10n/bundle.l10n.json lists them all, and the
// seam of the code that can't import vscode fills {0}… in English until the extension hands it vscode.l10n.t.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as l10n from '../../src/mailgun/l10n';
import { bundlePath, bundleText, extract } from '../l10n-bundle';

const { messages, notLiteral } = extract();

test('every l10n.t call gives its sentence as one string literal', () => {
  assert.ok(messages.size > 300, 'the sentences of the tree, the commands and the client are found');
  assert.deepEqual(notLiteral, []);
});

test('l10n/bundle.l10n.json holds exactly the sentences of the code (npm run l10n writes it)', () => {
  assert.equal(readFileSync(bundlePath, 'utf8'), bundleText(messages));
});

test('each sentence numbers its placeholders from {0} without a gap', () => {
  const gaps = [...messages].filter((m) => {
    const used = new Set([...m.matchAll(/\{(\d+)\}/g)].map((g) => Number(g[1])));
    return [...used].some((n) => n > 0 && !used.has(n - 1));
  });
  assert.deepEqual(gaps, []);
});

test('the seam fills placeholders in English, then translates once given a translator', () => {
  assert.equal(l10n.t('{0} of {1} valid', 2, 5), '2 of 5 valid');
  assert.equal(l10n.t('No {0} starting with "{1}".', 'bounce', 'a'), 'No bounce starting with "a".');
  assert.equal(l10n.t('{1} left as {0}', 'x'), '{1} left as x', 'a missing argument leaves its placeholder');
  l10n.setTranslator((message, ...args) => `[${message}|${args.join(',')}]`);
  try {
    assert.equal(l10n.t('{0} of {1} valid', 2, 5), '[{0} of {1} valid|2,5]');
  } finally {
    l10n.setTranslator((message, ...args) => message.replace(/\{(\d+)\}/g, (w, i: string) => String(args[Number(i)] ?? w)));
  }
});
