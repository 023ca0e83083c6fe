import * as l10n from './l10n';
export type Region = 'us' | 'eu';

export const REGION_BASE_URLS: Readonly<Record<Region, string>> = {
  us: 'https://api.mailgun.net/',
  eu: 'https://api.eu.mailgun.net/',
};

export function regionLabel(region: Region): string {
  return region.toUpperCase();
}

export function otherRegion(region: Region): Region {
  return region === 'us' ? 'eu' : 'us';
}

/**
 * Checks a base URL: http(s), no credentials, no API version in the path (versions differ per
 * endpoint), and returns it with a trailing slash so relative paths resolve under it.
 */
export function normalizeBaseUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new Error(l10n.t('The Mailgun API base URL "{0}" is not a valid URL. Use for example https://api.mailgun.net/.', input));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(l10n.t('The Mailgun API base URL must start with https:// (got {0}).', url.protocol));
  }
  if (url.username || url.password) {
    throw new Error(l10n.t('The Mailgun API base URL must not contain a user name or password; the API key is sent separately.'));
  }
  if (/(^|\/)v\d+(\/|$)/.test(url.pathname)) {
    throw new Error(l10n.t('The Mailgun API base URL must not include an API version such as /v3 (got {0}{1}); the client adds the version per endpoint.', url.origin, url.pathname));
  }
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}
