// Entry of dist/csv-lib.js: the CSV libraries, bundled apart from the main module and loaded the first time a
// command reads or writes CSV (src/chunks/load.ts). Pure library code only: no class of ours crosses this boundary.
export { parse as parseStream } from 'csv-parse';
export { parse } from 'csv-parse/sync';
export { stringify } from 'csv-stringify/sync';
