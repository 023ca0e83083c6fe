// Reply values built by route handlers, and the response shapes Mailgun uses (mailgun-api.md §1.5).
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** JSON body with the trailing newline Go's encoder writes (recorded Content-Length values include it). */
export function json(status: number, value: unknown): Reply {
  return { status, headers: { 'Content-Type': JSON_TYPE }, body: JSON.stringify(value) + '\n' };
}

/** A body already serialised as JSON (without the trailing newline). */
export function rawJson(status: number, body: string): Reply {
  return { status, headers: { 'Content-Type': JSON_TYPE }, body: body + '\n' };
}

export function text(status: number, body: string, contentType = 'text/plain; charset=utf-8'): Reply {
  return { status, headers: { 'Content-Type': contentType }, body };
}

export function noContent(): Reply {
  return { status: 204, headers: {}, body: '' };
}

export const message = (status: number, msg: string): Reply => json(status, { message: msg });
export const reason = (status: number, msg: string): Reply => json(status, { Reason: msg });
export const description = (status: number, msg: string): Reply => json(status, { Description: msg });
export const fieldValue = (status: number, field: string, value?: string): Reply =>
  json(status, value === undefined ? { Field: field } : { Field: field, Value: value });

export const domainNotFound = (): Reply => message(404, 'Domain not found');

/** 401 exactly as recorded: text/plain `Forbidden` with a Basic challenge. */
export function unauthorized(): Reply {
  const r = text(401, 'Forbidden');
  r.headers['WWW-Authenticate'] = 'Basic realm="MG API"';
  return r;
}

/** What Mailgun answers for `/` and for a versioned path no route serves (e.g. a doubled version). */
export const magnificent = (): Reply => text(200, 'Mailgun Magnificent API');

/** nginx's page for paths outside the API. */
export const htmlNotFound = (): Reply =>
  text(
    404,
    '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
    'text/html',
  );

/** Headers every recorded API response carries. */
export const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Credentials': 'true',
  'Access-Control-Allow-Origin': '*',
  'Cache-Control': 'no-store',
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
  'X-Xss-Protection': '1; mode=block',
};
