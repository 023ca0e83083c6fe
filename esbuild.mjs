// Builds the extension (Node, cjs), the stats webview app (browser, iife) and, with --tests, the in-host test suite.
// Flags: --production (minified, no sourcemaps), --watch, --tests.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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
 * in-host tests) inline them. Chunks hold pure library code, so no class whose identity matters is duplicated.
 */
const chunksDir = join(import.meta.dirname, 'src', 'chunks');
const chunkEntries = Object.fromEntries(
  readdirSync(chunksDir)
    .filter((f) => f.endsWith('.ts') && f !== 'load.ts')
    .map((f) => [f.slice(0, -3), join('src/chunks', f)]),
);
/** @type {esbuild.Plugin} */
const chunksExternal = {
  name: 'chunks-external',
  setup(build) {
    const loader = join(chunksDir, 'load.ts');
    build.onResolve({ filter: /^\.\/[\w-]+\.js$/ }, (args) => (args.importer === loader ? { path: args.path, external: true } : undefined));
  },
};
const production = args.has('--production');
const watch = args.has('--watch');
const withTests = args.has('--tests');

/** @type {esbuild.BuildOptions} */
const extension = {
  entryPoints: { extension: 'src/extension.ts', ...chunkEntries },
  outdir: 'dist',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  plugins: [vscodeOnce, chunksExternal],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  metafile: true,
  logLevel: 'warning',
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
  entryPoints: ['test/bench/activation-entry.ts', 'test/bench/explorer-entry.ts'],
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

const configs = [extension, webview, ...(withTests ? [tests, benchHost] : [])];

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
  writeFileSync('dist/meta.webview.json', JSON.stringify(results[1].metafile));
}
