// Code that only some commands need ships in its own file next to dist/extension.js and is required on first use,
// so activation doesn't read or compile it. esbuild.mjs builds each chunk as an entry point and leaves these
// requires external in the main bundle; from source (unit tests under tsx) they resolve to the .ts entries.
import type * as CsvLib from './csv-lib';

let csv: typeof CsvLib | undefined;

/** csv-parse and csv-stringify (dist/csv-lib.js). */
export function csvLib(): typeof CsvLib {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (csv ??= require('./csv-lib.js') as typeof CsvLib);
}
