// Code that only some commands need ships in its own file next to dist/extension.js and is required on first use,
// so activation doesn't read or compile it. esbuild.mjs builds each chunk as an entry point and leaves these
// requires external in the main bundle; from source (unit tests under tsx) they resolve to the .ts entries.
import type * as CommandsChunk from './commands';
import type * as CsvLib from './csv-lib';

let csv: typeof CsvLib | undefined;
let commands: typeof CommandsChunk | undefined;

/** csv-parse and csv-stringify (dist/csv-lib.js). */
export function csvLib(): typeof CsvLib {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (csv ??= require('./csv-lib.js') as typeof CsvLib);
}

/** The command handlers and panel hosts (dist/commands.js). */
export function commandsChunk(): typeof CommandsChunk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (commands ??= require('./commands.js') as typeof CommandsChunk);
}
