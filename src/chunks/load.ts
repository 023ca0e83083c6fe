// Code that only some commands need ships in its own file next to dist/extension.js and is required on first use,
// so activation doesn't read or compile it. esbuild.mjs builds each chunk as an entry point and leaves these
// requires external in the main bundle; from source (unit tests under tsx) they resolve to the .ts entries.
/* eslint-disable @typescript-eslint/no-require-imports */
import type * as CommandsChunk from './commands';
import type * as CsvLib from './csv-lib';
import type * as Ky from './ky';
import type * as ListWalk from './list-walk';
import type * as MailgunMore from './mailgun-more';
import type * as RequestErrors from './request-errors';
import type * as ZodEn from './zod-en';

let csv: typeof CsvLib | undefined;
let commands: typeof CommandsChunk | undefined;
let more: typeof MailgunMore | undefined;
let walk: typeof ListWalk | undefined;
let zodEn: typeof ZodEn | undefined;
let failures: typeof RequestErrors | undefined;
let ky: typeof Ky | undefined;

/** csv-parse and csv-stringify (dist/csv-lib.js). */
export function csvLib(): typeof CsvLib {
  return (csv ??= require('./csv-lib.js') as typeof CsvLib);
}

/** The command handlers and panel hosts (dist/commands.js). */
export function commandsChunk(): typeof CommandsChunk {
  return (commands ??= require('./commands.js') as typeof CommandsChunk);
}

/** The API groups the explorer never calls (dist/mailgun-more.js). */
export function mailgunMore(): typeof MailgunMore {
  return (more ??= require('./mailgun-more.js') as typeof MailgunMore);
}

/** The whole-list walk (dist/list-walk.js). */
export function listWalk(): typeof ListWalk {
  return (walk ??= require('./list-walk.js') as typeof ListWalk);
}

/** zod's English issue messages (dist/zod-en.js). */
export function zodEnglish(): typeof ZodEn {
  return (zodEn ??= require('./zod-en.js') as typeof ZodEn);
}

/** The sentences a failed request ends in (dist/request-errors.js). */
export function requestErrors(): typeof RequestErrors {
  return (failures ??= require('./request-errors.js') as typeof RequestErrors);
}

/** ky (dist/ky.js), for the first request. */
export function kyLib(): typeof Ky {
  return (ky ??= require('./ky.js') as typeof Ky);
}
