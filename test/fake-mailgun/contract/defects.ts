// Every known defect of Mailgun's OpenAPI spec that the contract checks tolerate, in one place
// (../../../../shared/mailgun-openapi/README.md and mailgun-api.md §0.1). Each entry names where the
// recorded behaviour, which the fake follows, comes from.

type Schemas = Record<string, Record<string, unknown>>;
type SchemaNode = Record<string, unknown> & { allOf?: { $ref?: string }[] };

function replaceWhere(node: unknown, match: (n: SchemaNode) => boolean, replacement: object): void {
  if (!node || typeof node !== 'object') return;
  for (const [k, v] of Object.entries(node)) {
    if (v && typeof v === 'object' && !Array.isArray(v) && match(v as SchemaNode)) (node as Record<string, unknown>)[k] = { ...replacement };
    else replaceWhere(v, match, replacement);
  }
}

/** Schema patches applied to a copy of the spec before compiling. */
export function patchSchemas(schemas: Schemas): void {
  // Dates typed `object` (RFC822Time, wrapped as {type: object, allOf: [$ref]}); real responses carry
  // RFC 1123 strings (VCR suppressions.yml).
  schemas['github.com-mailgun-mime-RFC822Time'] = { type: 'string' };
  replaceWhere(schemas, (node) => Array.isArray(node.allOf) && node.allOf.some((s: { $ref?: string }) => s.$ref?.endsWith('/github.com-mailgun-mime-RFC822Time')), { type: 'string' });
  // Domain objects require encrypt_incoming_message and message_ttl; recorded responses omit them (VCR domains.yml).
  const domain = schemas['github.com-mailgun-domains-client-golang-Domain'];
  domain.required = (domain.required as string[]).filter((f) => f !== 'encrypt_incoming_message' && f !== 'message_ttl');
  // click.active may be the string "htmlonly" (MGPHP TrackingResponse fixtures, MGJS types; mailgun-api.md §3).
  const click = schemas['github.com-mailgun-domains-httpapi-clickSettings'] as { properties: Record<string, unknown> };
  click.properties.active = { anyOf: [{ type: 'boolean' }, { const: 'htmlonly' }] };
  // x509 `status` is typed object but documented, and exemplified, as a string.
  const cert = schemas['github.com-mailgun-terminator-httpapi-StatusResponse'] as { properties: Record<string, unknown> };
  cert.properties.status = { enum: ['processing', 'active', 'expired', 'error'] };
}

/**
 * Error bodies: the spec declares one schema while its own examples (and recordings) show another shape,
 * {message} vs {Reason} vs {Description} vs {Field, Value}. An error body passes when its key set equals
 * the key set of one of that response's examples (see spec.ts). Besides, wherever the spec declares
 * {Reason} (GenericAPIError), {message} is accepted too: the examples of that schema mostly show {message}
 * and a recorded v3 webhook 400 is {"message":"Missing parameter 'id'"} (mailgun/mailgun.js#154).
 */
export const REASON_SCHEMA = 'github.com-mailgun-scaffold-httpapi-GenericAPIError';

/** 401 is text/plain `Forbidden` in every recording; the spec documents JSON {message} (mailgun-api.md §1.2). */
export function isRecorded401(contentType: string, body: string): boolean {
  return contentType.startsWith('text/plain') && body === 'Forbidden';
}

/**
 * Statuses Mailgun sends on operations whose spec entry omits them. The body must then be {message}:
 * - 403 {"message":"Forbidden"}: a key without the role (domain sending key), mailgun-api.md §1.8;
 * - 404 {"message":"Domain not found"}: domain-scoped suppression and stats calls for an unknown domain, §1.5;
 * - 413: upload over the size limit, §1.5 (RST status codes);
 * - 429 {"message":"Too Many Requests"}: rate limiting, §1.6.
 * - 400 {message}: validation errors on operations whose spec lists no 400 (tracking and domain updates).
 */
export const UNDECLARED_STATUSES: readonly number[] = [400, 403, 404, 413, 429];

/**
 * Operations missing from the spec's response list for a status the recordings show:
 * DELETE /v1/webhooks answers 204 with no body (VCR account_webhooks.yml); the spec has no 200 there either.
 */
export const EMPTY_BODY_STATUSES: readonly number[] = [204];
