export type Redactor = (text: string) => string;

/**
 * Removes API keys from text in every form one could travel in: as is, inside the Basic credentials
 * (base64 of `api:<key>`) and percent-encoded.
 */
export function createRedactor(apiKeys: string | Iterable<string>): Redactor {
  const keys = typeof apiKeys === 'string' ? [apiKeys] : [...apiKeys];
  const secrets = keys
    .flatMap((key) => [key, Buffer.from(`api:${key}`).toString('base64'), encodeURIComponent(key)])
    .filter((s, i, all) => s.length >= 4 && all.indexOf(s) === i)
    // Longest first: a key inside its own base64 or encoded form must not leave the rest behind.
    .sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const secret of secrets) {
      if (out.includes(secret)) out = out.split(secret).join('[redacted]');
    }
    return out;
  };
}

// A path segment that reads like a token (Slack-style hook paths): long, letters and digits mixed.
const SECRET_SEGMENT = /^(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]{20,}$/;
const URL_PARTS = /^([a-z][a-z\d+.-]*:\/\/)(?:[^@/?#\s]*@)?([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/is;

/**
 * A webhook URL as it may be logged: scheme, host and path, without credentials, query or fragment (where
 * tokens travel) and with token-like path segments replaced by `…`. The text is otherwise kept as written.
 */
export function redactUrl(url: string): string {
  const m = URL_PARTS.exec(url);
  if (!m) return url.replace(/([?#])[^]*$/, '$1…');
  const [, scheme, host, path, query, hash] = m;
  const safePath = path
    .split('/')
    .map((segment) => (SECRET_SEGMENT.test(segment) ? '…' : segment))
    .join('/');
  return `${scheme}${host}${safePath}${query === undefined ? '' : '?…'}${hash === undefined ? '' : '#…'}`;
}

/** Every http(s) URL in a line of text through `redactUrl`; punctuation after a URL stays outside it. */
export function redactUrlsIn(text: string): string {
  return text.replace(/https?:\/\/[^\s"'<>()[\]{}]+/gi, (found) => {
    const trailing = /[.,;:!?]+$/.exec(found)?.[0] ?? '';
    return redactUrl(found.slice(0, found.length - trailing.length)) + trailing;
  });
}
