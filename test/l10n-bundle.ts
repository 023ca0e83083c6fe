// Writes l10n/bundle.l10n.json, the English source of every `l10n.t('…')` sentence in src/ (what
// `npx @vscode/l10n-dev export` would write): translators copy it to bundle.l10n.<locale>.json.
// Run: npm run l10n. test/unit/l10n-bundle.test.ts fails when the bundle is out of date.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
export const bundlePath = join(root, 'l10n', 'bundle.l10n.json');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** A quoted string literal's value: its escapes (\n, \', \u2019…) read as JavaScript reads them. */
function unquote(literal: string): string {
  return literal.slice(1, -1).replace(/\\(u\{[0-9a-f]+\}|u[0-9a-f]{4}|x[0-9a-f]{2}|[\s\S])/gi, (_, e: string) => {
    if (/^u\{/i.test(e)) return String.fromCodePoint(parseInt(e.slice(2, -1), 16));
    if (/^[ux]/i.test(e) && e.length > 1) return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r', 0: '\0' } as Record<string, string>)[e] ?? e;
  });
}

const call = /\bl10n\.t\(/g;
const literalArg = /^\s*('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\$]|\\.)*`)\s*[,)]/;

export interface Extracted {
  /** Every sentence, as written in English. */
  messages: Set<string>;
  /** Calls whose first argument is not one plain string literal (`file:line`): the sentence could not be translated. */
  notLiteral: string[];
}

export function extract(dir = join(root, 'src')): Extracted {
  const messages = new Set<string>();
  const notLiteral: string[] = [];
  for (const file of sources(dir)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(call)) {
      const at = m.index + m[0].length;
      const literal = literalArg.exec(text.slice(at, at + 2000))?.[1];
      if (literal) messages.add(unquote(literal));
      // src/extension.ts hands vscode.l10n.t to the seam: the one call that passes a sentence through.
      else if (!file.endsWith(join('src', 'extension.ts'))) notLiteral.push(`${file.slice(root.length + 1)}:${text.slice(0, at).split('\n').length}`);
    }
  }
  return { messages, notLiteral };
}

/** The bundle's JSON: each English sentence keyed by itself, sorted. */
export function bundleText(messages: Set<string>): string {
  return `${JSON.stringify(Object.fromEntries([...messages].sort().map((m) => [m, m])), null, 2)}\n`;
}

if (require.main === module) {
  const { messages, notLiteral } = extract();
  if (notLiteral.length > 0) {
    console.error(`✘ l10n.t needs one string literal (no concatenation, no \${…}) at:\n${notLiteral.join('\n')}`);
    process.exit(1);
  }
  writeFileSync(bundlePath, bundleText(messages));
  console.log(`✔ ${messages.size} sentences in l10n/bundle.l10n.json`);
}
