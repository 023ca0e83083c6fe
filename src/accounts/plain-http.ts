import * as l10n from '../mailgun/l10n';
/** Whether a URL's host is this machine: 127.0.0.0/8, localhost or [::1] (the URL parser has normalised it). */
function isLoopback(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Why a base URL must not carry the API key, or undefined when it may: plain http to any host but this machine
 * would send the key in clear text (Basic auth). Loopback stays allowed for local proxies and the fake server.
 */
export function plainHttpProblem(baseUrl: string | undefined, setting: string): string | undefined {
  if (!baseUrl || !URL.canParse(baseUrl)) return undefined;
  const url = new URL(baseUrl);
  if (url.protocol !== 'http:' || isLoopback(url)) return undefined;
  return l10n.t(
    'The setting {0} ({1}) uses http:// to a host other than this machine; the API key would travel in clear text, so nothing was sent. Use https:// (or http:// only to 127.0.0.1, localhost or [::1]) in your user settings.',
    setting,
    url.origin,
  );
}
