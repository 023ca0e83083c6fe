export type Redactor = (text: string) => string;

/**
 * Removes the API key from text in every form it could travel in: as is, inside the Basic
 * credentials (base64 of `api:<key>`) and percent-encoded.
 */
export function createRedactor(apiKey: string): Redactor {
  const secrets = [apiKey, Buffer.from(`api:${apiKey}`).toString('base64'), encodeURIComponent(apiKey)]
    .filter((s, i, all) => s.length >= 4 && all.indexOf(s) === i)
    .sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const secret of secrets) {
      if (out.includes(secret)) out = out.split(secret).join('[redacted]');
    }
    return out;
  };
}
