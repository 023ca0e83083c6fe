// Validates fake (or real) Mailgun responses against the response schemas of the official OpenAPI 3.1 spec
// with ajv's 2020-12 dialect, tolerating the documented spec defects listed in ./defects.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { EMPTY_BODY_STATUSES, isRecorded401, patchSchemas, REASON_SCHEMA, UNDECLARED_STATUSES } from './defects';

// A copy of ../shared/mailgun-openapi/mailgun.yaml (Mailgun's official OpenAPI spec, unmodified) kept in the repo so
// the contract tests run on a clone that has nothing beside it. sha256 eb79bd4ab4cfeebe17ff7f9c0556d2410f8b72cc26d8585eeb9e43fcffe29876.
export const SPEC_PATH = join(__dirname, 'mailgun.yaml');

interface MediaType {
  schema?: unknown;
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}
interface Operation {
  operationId: string;
  responses: Record<string, { content?: Record<string, MediaType> }>;
}
interface Doc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Record<string, unknown>> };
}

export interface CheckResult {
  operationId?: string;
  errors: string[];
}

function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `spec${v}` : rewriteRefs(v);
    return out;
  }
  return node;
}

export class SpecValidator {
  private readonly doc: Doc;
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly templates: { method: string; path: string; segments: string[]; literal: number }[] = [];

  constructor(specPath = SPEC_PATH) {
    this.doc = parse(readFileSync(specPath, 'utf8')) as Doc;
    patchSchemas(this.doc.components.schemas);
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: 'spec', components: this.doc.components }, 'spec');
    for (const [path, ops] of Object.entries(this.doc.paths)) {
      const segments = path.split('/').slice(1);
      for (const method of Object.keys(ops)) this.templates.push({ method: method.toUpperCase(), path, segments, literal: segments.filter((s) => !s.startsWith('{')).length });
    }
  }

  /** The spec path template serving `method path` (most literal segments wins), e.g. `/v3/{domain_name}/bounces`. */
  findOperation(method: string, path: string): { path: string; op: Operation } | undefined {
    const segs = path.split('?')[0].split('/').slice(1);
    const hits = this.templates.filter((t) => t.method === method && t.segments.length === segs.length && t.segments.every((s, i) => s.startsWith('{') || s === segs[i]));
    hits.sort((a, b) => b.literal - a.literal);
    const hit = hits[0];
    return hit && { path: hit.path, op: this.doc.paths[hit.path][method.toLowerCase()] };
  }

  private validator(key: string, schema: unknown): ValidateFunction {
    let v = this.compiled.get(key);
    if (!v) this.compiled.set(key, (v = this.ajv.compile(rewriteRefs(schema) as object)));
    return v;
  }

  check(method: string, path: string, status: number, contentType: string, body: string): CheckResult {
    const found = this.findOperation(method, path);
    if (!found) return { errors: [`no spec operation for ${method} ${path}`] };
    const { op } = found;
    const res = { operationId: op.operationId, errors: [] as string[] };
    if (status === 401 && isRecorded401(contentType, body)) return res;
    if (EMPTY_BODY_STATUSES.includes(status)) {
      if (body !== '') res.errors.push(`${status} must have an empty body`);
      return res;
    }
    if (!contentType.startsWith('application/json')) return { ...res, errors: [`expected JSON, got ${contentType}`] };
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return { ...res, errors: ['body is not JSON'] };
    }
    // OpenAPI's `default` covers every error status the operation does not list (e.g. 409 on POST alerts).
    const declared = (op.responses[String(status)] ?? (status >= 400 ? op.responses.default : undefined))?.content?.['application/json'];
    if (!declared) {
      if (UNDECLARED_STATUSES.includes(status) && isShape(value, ['message'])) return res;
      return { ...res, errors: [`status ${status} is not declared for ${op.operationId}`] };
    }
    const validate = this.validator(`${op.operationId}/${status}`, declared.schema ?? {});
    if (validate(value)) return res;
    if (status >= 400 && exampleShapes(declared).some((keys) => isShape(value, keys))) return res;
    const ref = (declared.schema as { $ref?: string } | undefined)?.$ref ?? '';
    if (status >= 400 && ref.endsWith(`/${REASON_SCHEMA}`) && isShape(value, ['message'])) return res;
    res.errors.push(...(validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`));
    return res;
  }
}

function exampleShapes(media: MediaType): string[][] {
  const values = [media.example, ...Object.values(media.examples ?? {}).map((e) => e.value)].filter((v) => v && typeof v === 'object');
  return values.map((v) => Object.keys(v as object).sort());
}

function isShape(value: unknown, keys: string[]): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const actual = Object.keys(value).sort();
  return actual.length === keys.length && actual.every((k, i) => k === [...keys].sort()[i] && typeof (value as Record<string, unknown>)[k] === 'string');
}
