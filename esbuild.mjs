// Builds the extension (Node, cjs), the stats webview app (browser, iife) and, with --tests, the in-host test suite.
// Flags: --production (minified, no sourcemaps), --watch, --tests.
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

const args = new Set(process.argv.slice(2));

/**
 * esbuild wraps an external CommonJS module for every file that imports it (`__toESM(require("vscode"))`, a copy of the
 * ~300 properties each time). Every `vscode` import but one resolves to src/vscode-api.ts, which re-exports the module once.
 * @type {esbuild.Plugin}
 */
const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    const shim = join(import.meta.dirname, 'src', 'vscode-api.ts');
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.importer === shim ? { path: 'vscode', external: true } : { path: shim }));
  },
};
/**
 * Chunks: what only some commands need, built as extra entry points (src/chunks/<name>.ts → dist/<name>.js) and
 * required on first use by src/chunks/load.ts. In the main bundle those requires stay external; other builds (the
 * in-host tests) inline them.
 */
const chunksDir = join(import.meta.dirname, 'src', 'chunks');
/**
 * Chunks that ship inside another chunk's file: the API groups of mailgun-more are only reached from commands and
 * panels, so they go into dist/commands.js and use its copy of zod (src/chunks/commands.ts re-exports them). From
 * source (tsx) they stay apart, so unit tests load them without vscode. test/check-package.ts knows this list too.
 */
const folded = { 'mailgun-more': 'commands' };
const chunkEntries = Object.fromEntries(
  readdirSync(chunksDir)
    .filter((f) => f.endsWith('.ts') && f !== 'load.ts' && !(f.slice(0, -3) in folded))
    .map((f) => [f.slice(0, -3), join('src/chunks', f)]),
);
/** @type {esbuild.Plugin} */
const chunksExternal = {
  name: 'chunks-external',
  setup(build) {
    const loader = join(chunksDir, 'load.ts');
    build.onResolve({ filter: /^\.\/[\w-]+\.js$/ }, (args) => {
      if (args.importer !== loader) return undefined;
      const name = args.path.slice(2, -3);
      return { path: name in folded ? `./${folded[name]}.js` : args.path, external: true };
    });
  },
};

/**
 * A chunk must not hold its own copy of a module the main bundle holds when identity or state matters (tree node
 * classes for instanceof, the prompts seam, the notifications tests watch, MailgunError). So the main bundle exports
 * the namespace of each such module (`__shared`; src/mailgun/l10n.ts holds the translator activation sets), and in a chunk every import of one becomes
 * `require("./extension.js").__shared[i]`: Node's module cache hands back the instance the host already loaded.
 * Pure library code (the API client's helpers, CSV, DNS, webhook signing, node_modules) is copied instead: sharing it
 * would keep all of it in the main bundle.
 * @param {string} path relative to the project root, as esbuild's metafile names inputs
 */
const shareable = (path) => path.startsWith('src/') && (path === 'src/mailgun/errors.ts' || path === 'src/mailgun/l10n.ts' || !/^src\/(mailgun|csv|dns|webhooks)\//.test(path)) && !path.startsWith('src/chunks/csv-lib');

/** The modules of the main bundle's graph that chunks reach through `__shared`. */
async function sharedModules() {
  const { metafile } = await esbuild.build({ entryPoints: ['src/extension.ts'], bundle: true, write: false, outdir: 'dist', format: 'cjs', platform: 'node', external: ['vscode'], plugins: [vscodeOnce, chunksExternal], metafile: true, logLevel: 'warning' });
  return Object.keys(metafile.inputs).filter(shareable).sort();
}

/** The main bundle's entry: src/extension.ts plus the shared modules' namespaces, in the order of `shared`. */
function mainEntry(shared) {
  const imports = shared.map((p, i) => `import * as m${i} from ${JSON.stringify(`./${p}`)};`).join('\n');
  return `export * from './src/extension.ts';\n${imports}\nexport const __shared = [${shared.map((_, i) => `m${i}`).join(', ')}];\n`;
}

/**
 * In a chunk, imports of shared modules (and of `vscode`, which the main bundle's src/vscode-api.ts re-exports)
 * resolve to the main bundle's instances.
 * @returns {esbuild.Plugin}
 */
function useShared(shared) {
  const root = import.meta.dirname;
  const toShared = (abs) => {
    const rel = relative(root, abs).split(sep).join('/');
    return shared.includes(rel) ? { path: rel, namespace: 'shared' } : undefined;
  };
  return {
    name: 'use-shared',
    setup(build) {
      build.onResolve({ filter: /^vscode$/ }, () => toShared(join(root, 'src', 'vscode-api.ts')) ?? { path: 'vscode', external: true });
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.namespace === 'shared') return { path: args.path, external: true };
        const base = resolve(args.resolveDir, args.path);
        for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
          if (existsSync(candidate) && statSync(candidate).isFile()) return toShared(candidate);
        }
        return undefined;
      });
      build.onLoad({ filter: /.*/, namespace: 'shared' }, (args) => ({ contents: `module.exports = require("./extension.js").__shared[${shared.indexOf(args.path)}]; // ${args.path}`, loader: 'js' }));
    },
  };
}

const production = args.has('--production');
const watch = args.has('--watch');
const withTests = args.has('--tests');

const shared = await sharedModules();

/** @type {esbuild.BuildOptions} */
const extensionCommon = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  metafile: true,
  logLevel: 'warning',
};

/** @type {esbuild.BuildOptions} */
const extension = {
  ...extensionCommon,
  stdin: { contents: mainEntry(shared), resolveDir: import.meta.dirname, sourcefile: 'extension-entry.js', loader: 'js' },
  outfile: 'dist/extension.js',
  external: ['vscode'],
  plugins: [vscodeOnce, chunksExternal],
};

/** @type {esbuild.BuildOptions} */
const chunks = {
  ...extensionCommon,
  entryPoints: chunkEntries,
  outdir: 'dist',
  plugins: [useShared(shared), chunksExternal],
};

/** @type {esbuild.BuildOptions} */
const webview = {
  entryPoints: { stats: 'src/webview/app/main.ts', logs: 'src/webview/app/logs/main.ts', trace: 'src/webview/app/trace/main.ts' },
  outdir: 'dist/webview',
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  // The libraries' license notices go beside each bundle (stats.js.LEGAL.txt, shipped too) instead of in the script the page parses.
  legalComments: production ? 'linked' : 'eof',
  metafile: true,
  logLevel: 'warning',
};

function integrationEntries() {
  const dir = 'test/integration';
  return readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f));
}

/** @type {esbuild.BuildOptions} */
const tests = {
  entryPoints: withTests ? integrationEntries() : [],
  outdir: 'out/test/integration',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode', 'mocha'],
  sourcemap: true,
  logLevel: 'warning',
};

/** @type {esbuild.BuildOptions} */
const benchHost = {
  entryPoints: ['test/bench/activation-entry.ts', 'test/bench/explorer-entry.ts', 'test/bench/logs-entry.ts'],
  outdir: 'out/test/bench',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  logLevel: 'warning',
};

function copyWebviewAssets() {
  mkdirSync('dist/webview', { recursive: true });
  cpSync('node_modules/uplot/dist/uPlot.min.css', 'dist/webview/uPlot.min.css');
  cpSync('node_modules/@vscode/codicons/dist/codicon.css', 'dist/webview/codicon.css');
  cpSync('node_modules/@vscode/codicons/dist/codicon.ttf', 'dist/webview/codicon.ttf');
}

const configs = [extension, chunks, webview, ...(withTests ? [tests, benchHost] : [])];

// A production build starts from an empty dist/, so no stale sourcemap ends up in the .vsix.
if (production) rmSync('dist', { recursive: true, force: true });
// A test file deleted from test/integration must not live on as a stale bundle that the runner still loads.
if (withTests) rmSync('out/test/integration', { recursive: true, force: true });

if (watch) {
  copyWebviewAssets();
  for (const config of configs) await (await esbuild.context(config)).watch();
  console.log('esbuild: watching for changes');
} else {
  const results = await Promise.all(configs.map((c) => esbuild.build(c)));
  copyWebviewAssets();
  writeFileSync('dist/meta.extension.json', JSON.stringify(results[0].metafile));
  writeFileSync('dist/meta.chunks.json', JSON.stringify(results[1].metafile));
  writeFileSync('dist/meta.webview.json', JSON.stringify(results[2].metafile));
}
