// The client and ky as the extension ships them: bundled and minified by esbuild (esbuild.mjs's settings), not through
// tsx, whose transform also names every closure when it is created (`__name`), a cost the shipped code doesn't have.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import type * as Entry from './shipped-client-entry';

// load.ts also names the command handlers' chunk, which the client never requires (and which needs vscode).
const noCommands: esbuild.Plugin = {
  name: 'no-commands',
  setup(build) {
    build.onResolve({ filter: /^\.\/commands\.js$/ }, (args) => ({ path: args.path, external: true }));
  },
};

export async function shippedClient(): Promise<typeof Entry> {
  const dir = mkdtempSync(join(tmpdir(), 'mailgun-bench-'));
  try {
    const outfile = join(dir, 'client.js');
    await esbuild.build({ entryPoints: [join(__dirname, 'shipped-client-entry.ts')], outfile, bundle: true, format: 'cjs', platform: 'node', target: 'node20', minify: true, logLevel: 'warning', plugins: [noCommands] });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(outfile) as typeof Entry;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
