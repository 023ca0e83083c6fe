// A minimal fetch wrapper for tests that talk to the fake over real HTTP.
import { DEMO_API_KEY } from '../seeds/names';

export interface Res {
  status: number;
  headers: Headers;
  contentType: string;
  text: string;
  /** The body parsed as JSON (throws if it is not JSON). */
  json: <T = Record<string, unknown>>() => T;
}

export interface RequestOptions {
  /** API key; `null` sends no Authorization header. */
  key?: string | null;
  form?: Record<string, string | string[]>;
  json?: unknown;
  multipart?: FormData;
  headers?: Record<string, string>;
}

export async function call(baseUrl: string, method: string, path: string, opts: RequestOptions = {}): Promise<Res> {
  const headers: Record<string, string> = { ...opts.headers };
  const key = opts.key === undefined ? DEMO_API_KEY : opts.key;
  if (key !== null) headers.authorization = `Basic ${Buffer.from(`api:${key}`).toString('base64')}`;
  let body: BodyInit | undefined;
  if (opts.form) body = new URLSearchParams(Object.entries(opts.form).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]])));
  else if (opts.multipart) body = opts.multipart;
  else if (opts.json !== undefined) {
    body = JSON.stringify(opts.json);
    headers['content-type'] = 'application/json';
  }
  const r = await fetch(new URL(path.replace(/^\//, ''), baseUrl), { method, headers, body });
  const text = await r.text();
  return { status: r.status, headers: r.headers, contentType: r.headers.get('content-type') ?? '', text, json: <T>() => JSON.parse(text) as T };
}

/** Bound to one base URL: `api.get('v4/domains')`. */
export function client(baseUrl: string, key?: string | null) {
  const k = (o: RequestOptions = {}): RequestOptions => ({ key, ...o });
  return {
    get: (path: string, o?: RequestOptions) => call(baseUrl, 'GET', path, k(o)),
    post: (path: string, o?: RequestOptions) => call(baseUrl, 'POST', path, k(o)),
    put: (path: string, o?: RequestOptions) => call(baseUrl, 'PUT', path, k(o)),
    del: (path: string, o?: RequestOptions) => call(baseUrl, 'DELETE', path, k(o)),
  };
}
