// Packages the extension as npm run package does and checks the .vsix: only the allowed files, no sourcemaps,
// and no API key of any kind (the fake server's demo keys, the tests' canary) in anything it ships.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_API_KEY, DEMO_SENDING_KEY } from './fake-mailgun';
import { readZip } from './bench/zip';

const root = join(__dirname, '..');
const allowed = [/^extension\.vsixmanifest$/, /^\[Content_Types\]\.xml$/, /^extension\/(package\.json|package\.nls\.json|readme\.md|changelog\.md|LICENSE\.txt)$/, /^extension\/l10n\/bundle\.l10n\.[\w-]+\.json$/, /^extension\/dist\/[\w-]+\.js$/, /^extension\/dist\/webview\/[\w.-]+\.(js|css|ttf|LEGAL\.txt)$/, /^extension\/media\/[\w./-]+$/];
const MAX_VSIX_BYTES = 600 * 1024;
/** What activation reads and compiles (issue 17's goal); the rest waits in chunks. */
const MAX_MAIN_BYTES = 120 * 1024;
const secrets = [DEMO_API_KEY, DEMO_SENDING_KEY, 'key-canary-'];

const dir = mkdtempSync(join(tmpdir(), 'mailgun-package-'));
try {
  const vsix = join(dir, 'mailgun.vsix');
  execFileSync('npx', ['vsce', 'package', '--no-dependencies', '-o', vsix], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const entries = readZip(vsix).filter((e) => !e.name.endsWith('/'));
  const names = entries.map((e) => e.name);
  const problems = names.filter((n) => !allowed.some((re) => re.test(n))).map((n) => `not on the allow-list: ${n}`);
  for (const entry of entries) {
    const text = entry.read().toString('latin1');
    for (const s of secrets) if (text.includes(s)) problems.push(`${entry.name} contains a key (${s.slice(0, 12)}…)`);
  }
  const bundle = entries.find((e) => e.name === 'extension/dist/extension.js');
  if (!bundle) problems.push('dist/extension.js is missing');
  // esbuild.mjs routes every `vscode` import through one module; a second require means a file escaped it.
  const vscodeRequires = bundle?.read().toString('utf8').match(/require\(["']vscode["']\)/g)?.length ?? 0;
  if (bundle && vscodeRequires !== 1) problems.push(`dist/extension.js requires vscode ${vscodeRequires} times; expected once (see esbuild.mjs)`);
  const mainBytes = bundle?.read().length ?? 0;
  if (mainBytes > MAX_MAIN_BYTES) problems.push(`dist/extension.js is ${(mainBytes / 1024).toFixed(1)} KB, over the ${MAX_MAIN_BYTES / 1024} KB budget: move what activation does not need into a chunk (src/chunks)`);
  // The Marketplace page's pictures ship in the .vsix; they must not make the download heavy.
  const size = statSync(vsix).size;
  if (size > MAX_VSIX_BYTES) problems.push(`the .vsix is ${Math.round(size / 1024)} KB, over the ${MAX_VSIX_BYTES / 1024} KB budget`);
  // Chunks (src/chunks/<name>.ts, see esbuild.mjs) ship next to the main module, which requires them on first use.
  // mailgun-more ships inside dist/commands.js (`folded` in esbuild.mjs).
  const folded = ['mailgun-more'];
  const chunks = readdirSync(join(root, 'src/chunks')).filter((f) => f.endsWith('.ts') && f !== 'load.ts').map((f) => f.slice(0, -3)).filter((c) => !folded.includes(c));
  for (const chunk of chunks) {
    const entry = entries.find((e) => e.name === `extension/dist/${chunk}.js`);
    if (!entry) problems.push(`dist/${chunk}.js (a chunk) is missing`);
    // A chunk reaches vscode through the main bundle's instance (`__shared`, see esbuild.mjs), never on its own.
    else if (/require\(["']vscode["']\)/.test(entry.read().toString('utf8'))) problems.push(`dist/${chunk}.js requires vscode itself instead of through dist/extension.js`);
    if (bundle && !bundle.read().toString('utf8').includes(`require("./${chunk}.js")`)) problems.push(`dist/extension.js does not load the chunk ${chunk}.js on demand`);
  }
  const strays = names.filter((n) => /^extension\/dist\/[\w-]+\.js$/.test(n) && n !== 'extension/dist/extension.js' && !chunks.some((c) => n === `extension/dist/${c}.js`));
  for (const n of strays) problems.push(`${n} is neither the main module nor a chunk`);
  if (problems.length > 0) {
    console.error(problems.map((p) => `✘ ${p}`).join('\n'));
    process.exitCode = 1;
  } else {
    console.log(`✔ the .vsix (${Math.round(size / 1024)} KB) holds ${names.length} allowed files and no key: ${names.join(', ')}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' }); // back to a development build
}
