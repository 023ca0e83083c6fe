import * as z from 'zod/mini';
import { $constructor, $ZodObjectJIT } from 'zod/v4/core';
import { zodEnglish } from '../chunks/load';

let english = false;
let englishError: z.core.$ZodErrorMap | undefined;

/**
 * Schemas built on first use, so nothing is constructed when the extension loads. The first build also installs zod's
 * English issue messages (zod/mini carries none of its own), which the malformed-response errors quote.
 * Module-level calls carry esbuild's `@__PURE__` annotation, so a bundle that never asks for a group's schemas leaves
 * them out (esbuild does not carry a function's own no-side-effects annotation across modules).
 */
export function lazySchemas<T>(build: () => T): () => T {
  let built: T | undefined;
  return () => {
    if (built === undefined) {
      // The messages themselves (dist/zod-en.js) load when the first issue needs one.
      if (!english) z.config({ localeError: (issue) => (englishError ??= zodEnglish().en().localeError)(issue) });
      english = true;
      built = build();
    }
    return built;
  };
}

/**
 * `z.looseObject` read by zod's compiled object parser (`$ZodObjectJIT`, what zod classic uses; zod/mini leaves it
 * out to stay small). Same checks, same output, same issues, about 2.5 times faster on a response, where every
 * answer is read (BENCHMARKS.md "per-request overhead": the "ky + zod" row).
 */
const CompiledObject = /* @__PURE__ */ $constructor('MailgunCompiledObject', (inst: z.ZodMiniObject, def: z.core.$ZodObjectDef) => {
  const compiled: $constructor<z.core.$ZodObject> = $ZodObjectJIT;
  const mini: $constructor<z.ZodMiniType> = z.ZodMiniType;
  compiled.init(inst, def);
  mini.init(inst, def);
  Object.defineProperty(inst, 'shape', { get: () => def.shape });
});

export function looseObject<T extends z.core.$ZodLooseShape>(shape: T): z.ZodMiniObject<T, z.core.$loose> {
  return new CompiledObject({ type: 'object', shape, catchall: z.unknown() }) as unknown as z.ZodMiniObject<T, z.core.$loose>;
}

/**
 * A string enum that keeps values Mailgun adds later instead of failing on them. Validated as a
 * plain string (no transform: this runs for every item of a 1,000-item page) and typed as the union.
 */
export function openEnum<const T extends readonly string[]>(_known: T) {
  return z.string() as unknown as z.ZodMiniType<T[number] | (string & {}), string>;
}

/** `items: null` has been seen where an empty list was meant. */
export function list<T extends z.ZodMiniType>(item: T) {
  return z.pipe(
    z.nullish(z.array(item)),
    z.transform((v): z.output<T>[] => v ?? []),
  );
}

// Unions with the common case first: only the rare form pays for a transform.

/** Codes and priorities: strings, sometimes numbers; always returned as strings. */
export const stringish = /* @__PURE__ */ lazySchemas(() => z.union([z.string(), z.pipe(z.number(), z.transform(String))]));

/** Booleans, sometimes sent as `true`/`false`/`yes`/`no` strings; always returned as booleans. */
export const boolish = /* @__PURE__ */ lazySchemas(() => z.union([z.boolean(), z.pipe(z.string(), z.transform((v) => /^(true|yes|1)$/i.test(v)))]));

/** A `{message}` acknowledgement; other fields are kept. */
export const messageResponse = /* @__PURE__ */ lazySchemas(() => looseObject({ message: z.optional(z.string()) }));
export type MessageResponse = z.output<ReturnType<typeof messageResponse>>;

/** Endpoints that answer 204 or with a body we don't need. */
export const anyResponse = /* @__PURE__ */ lazySchemas(() => z.unknown());

/** Form fields: arrays repeat the field, booleans use the endpoint's style. */
export type FormValue = string | number | boolean | undefined | readonly string[];

export function form(fields: Record<string, FormValue>, booleans: 'true/false' | 'yes/no' = 'true/false'): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (typeof value === 'boolean') params.append(key, booleans === 'yes/no' ? (value ? 'yes' : 'no') : String(value));
    else if (Array.isArray(value)) for (const v of value as readonly string[]) params.append(key, v);
    else params.append(key, String(value));
  }
  return params;
}

/** Dates as Mailgun reads them: RFC 2822 with a numeric zone, e.g. `Fri, 01 Nov 2024 01:00:00 +0000`. */
export function rfc2822(date: Date | string): string {
  if (typeof date === 'string') return date;
  return date.toUTCString().replace(/GMT$/, '+0000');
}

/** Parses every date format the API uses (RFC 1123/2822, RFC 3339, ISO without zone as UTC). */
export function parseMailgunDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const isoNoZone = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(value);
  const d = new Date(isoNoZone ? `${value}Z` : value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
