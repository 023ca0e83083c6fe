// Request bodies: urlencoded or multipart forms (both accepted, mailgun-api.md §1.3) and JSON.
import type { IncomingMessage } from 'node:http';

/** CSV imports may be up to 25 MB; leave room for the multipart envelope. */
export const MAX_BODY_BYTES = 25 * 1024 * 1024 + 64 * 1024;

export interface UploadedFile {
  filename: string;
  contentType: string;
  content: Buffer;
}

export class Form {
  constructor(private readonly entries: [string, string][] = []) {}
  get(name: string): string | undefined {
    return this.entries.find(([k]) => k === name)?.[1];
  }
  all(name: string): string[] {
    return this.entries.filter(([k]) => k === name).map(([, v]) => v);
  }
  has(name: string): boolean {
    return this.entries.some(([k]) => k === name);
  }
}

export interface RequestBody {
  contentType: string;
  form: Form;
  files: Map<string, UploadedFile>;
  /** Parsed JSON when the request was application/json; `invalidJson` when it did not parse. */
  json?: unknown;
  invalidJson?: boolean;
  tooLarge?: boolean;
}

export async function readBody(req: IncomingMessage): Promise<RequestBody> {
  const contentType = (req.headers['content-type'] ?? '').toLowerCase();
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) tooLarge = true;
    else chunks.push(chunk);
  }
  const body: RequestBody = { contentType, form: new Form(), files: new Map() };
  if (tooLarge) return { ...body, tooLarge };
  const raw = Buffer.concat(chunks);
  if (contentType.startsWith('application/json')) {
    try {
      body.json = JSON.parse(raw.toString('utf8'));
    } catch {
      body.invalidJson = true;
    }
  } else if (contentType.startsWith('multipart/form-data')) {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(req.headers['content-type'] ?? '');
    if (boundary) parseMultipart(raw, boundary[1] ?? boundary[2], body);
  } else if (raw.length > 0) {
    body.form = new Form([...new URLSearchParams(raw.toString('utf8'))]);
  }
  return body;
}

function parseMultipart(raw: Buffer, boundary: string, body: RequestBody): void {
  const delimiter = Buffer.from(`--${boundary}`);
  const entries: [string, string][] = [];
  let pos = raw.indexOf(delimiter);
  while (pos !== -1) {
    const start = pos + delimiter.length;
    if (raw.subarray(start, start + 2).toString() === '--') break;
    const next = raw.indexOf(delimiter, start);
    if (next === -1) break;
    const part = raw.subarray(start + 2, next - 2); // skip CRLF after the delimiter and before the next one
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const content = part.subarray(headerEnd + 4);
      const name = /name="([^"]*)"/i.exec(headers)?.[1];
      const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
      if (name !== undefined && filename !== undefined) {
        const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? 'application/octet-stream';
        body.files.set(name, { filename, contentType: type, content });
      } else if (name !== undefined) {
        entries.push([name, content.toString('utf8')]);
      }
    }
    pos = next;
  }
  body.form = new Form(entries);
}

/** Form booleans arrive as strings; SDKs send true/false or yes/no (mailgun-api.md §1.3). */
export function parseBool(value: string | undefined): boolean | undefined | 'invalid' {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  if (v === 'true' || v === 'yes') return true;
  if (v === 'false' || v === 'no') return false;
  return 'invalid';
}
