import * as l10n from './l10n';
// Email addresses and domain names as Mailgun takes them: RFC 5321 mailboxes (with RFC 6531 UTF-8 local parts and
// domains) and DNS host names (LDH labels, punycode). Each function returns undefined when the value is fine, else
// the reason as the end of a sentence ("the part before the @ …"), for the caller to put in its own sentence.

const ASCII_ATEXT = "A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~";
/** Any non-ASCII character that is neither a control nor a space (RFC 6531 `UTF8-non-ascii`). */
const UTF8_NON_ASCII = '(?![\\p{C}\\p{Z}])[^\\x00-\\x7F]';
const ATOM = `(?:[${ASCII_ATEXT}]|${UTF8_NON_ASCII})+`;
const DOT_ATOM = new RegExp(`^${ATOM}(?:\\.${ATOM})*$`, 'u');
/** The common all-ASCII case, checked first: several times faster than the Unicode-aware pattern. */
const ASCII_DOT_ATOM = new RegExp(`^[${ASCII_ATEXT}]+(?:\\.[${ASCII_ATEXT}]+)*$`);
/** RFC 5321 Quoted-string: printable ASCII (space included) except `"` and `\`, or a backslash pair. */
const QUOTED = new RegExp(`^"(?:[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]|\\\\[\\x20-\\x7E]|${UTF8_NON_ASCII})+"$`, 'u');

const LDH_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
/** A label written in Unicode (an IDN U-label), as SMTPUTF8 addresses may carry. */
const UNICODE_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}-]*[\p{L}\p{M}\p{N}])?$/u;
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]*[a-z0-9])$/i;
const UNICODE_TOP_LEVEL = /^\p{L}[\p{L}\p{M}]*$/u;
const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

const utf8 = new TextEncoder();
const octets = (s: string): number => (/^[ -~]*$/.test(s) ? s.length : utf8.encode(s).length);

export const MAX_LOCAL_PART = 64;
export const MAX_ADDRESS = 254;
export const MAX_DOMAIN = 253;
export const MAX_LABEL = 63;

export interface HostNameRules {
  /** Whether labels may be written in Unicode (email addresses: yes, RFC 6531; names given to Mailgun's domain API: punycode only). */
  unicode: boolean;
}

/** Why `name` is not a host name Mailgun can use, or undefined. */
export function hostNameProblem(name: string, rules: HostNameRules): string | undefined {
  if (!name) return l10n.t('the domain is missing.');
  if (name.endsWith('.')) return l10n.t('the domain ends with a dot.');
  if (octets(name) > MAX_DOMAIN) return l10n.t('the domain is longer than {0} characters.', MAX_DOMAIN);
  const labels = name.split('.');
  if (labels.some((l) => l === '')) return l10n.t('the domain has an empty label (a dot at its start or two dots in a row).');
  if (labels.length < 2) return l10n.t('the domain "{0}" has no dot; use a full domain such as example.com.', name);
  for (const label of labels) {
    if (octets(label) > MAX_LABEL) return l10n.t('the domain label "{0}" is longer than {1} characters.', label, MAX_LABEL);
    const ascii = LDH_LABEL.test(label);
    if (!ascii && !(rules.unicode && UNICODE_LABEL.test(label))) {
      if (/[^ -~]/.test(label) && !rules.unicode) return l10n.t('the domain label "{0}" has non-ASCII characters; write it in punycode (xn--…).', label);
      return l10n.t('the domain label "{0}" may hold only letters, digits and inner hyphens.', label);
    }
    if (/^xn--/i.test(label) && label.length === 4) return l10n.t('the domain label "{0}" is an empty punycode label.', label);
  }
  const top = labels[labels.length - 1];
  if (!TOP_LEVEL.test(top) && !(rules.unicode && UNICODE_TOP_LEVEL.test(top))) return l10n.t('the top-level domain "{0}" is not a valid one (letters, or punycode xn--…).', top);
  return undefined;
}

function domainLiteralProblem(literal: string): string | undefined {
  const inner = literal.slice(1, -1);
  if (IPV4.test(inner)) return undefined;
  if (/^IPv6:/i.test(inner) && isIPv6(inner.slice(5))) return undefined;
  return l10n.t('the address literal "{0}" is not an IPv4 address such as [192.0.2.1] or [IPv6:2001:db8::1].', literal);
}

/** RFC 4291 text forms, including the `::` shorthand and a trailing IPv4 part. */
function isIPv6(text: string): boolean {
  const v4 = /(?:^|:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4 && !IPV4.test(v4[1])) return false;
  const body = v4 ? `${text.slice(0, text.length - v4[1].length)}0:0` : text;
  const halves = body.split('::');
  if (halves.length > 2) return false;
  const groups = halves.map((h) => (h === '' ? [] : h.split(':')));
  if (groups.flat().some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return false;
  const count = groups.flat().length;
  return halves.length === 2 ? count < 8 : count === 8;
}

/**
 * Why `address` is not a mailbox Mailgun accepts (RFC 5321 `Mailbox`, with UTF-8 per RFC 6531), or undefined.
 * Quoted local parts (`"john doe"@example.com`) are accepted: they are valid RFC 5321 mailboxes and Mailgun's own
 * address parser (flanker) reads them. Dotless domains (`user@localhost`) are refused: they are not internet mail domains.
 */
export function mailboxProblem(address: string): string | undefined {
  const at = address.lastIndexOf('@');
  if (at < 0) return l10n.t('it has no @.');
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (!local) return l10n.t('there is nothing before the @.');
  if (!domain) return l10n.t('there is nothing after the @.');
  if (octets(address) > MAX_ADDRESS) return l10n.t('it is longer than {0} characters.', MAX_ADDRESS);
  if (octets(local) > MAX_LOCAL_PART) return l10n.t('the part before the @ is longer than {0} characters.', MAX_LOCAL_PART);
  if (local.startsWith('"')) {
    if (!QUOTED.test(local)) return l10n.t('the quoted part before the @ must be one "…" with no " or \\ inside unless escaped with \\.');
  } else if (!ASCII_DOT_ATOM.test(local) && !DOT_ATOM.test(local)) {
    if (/^\.|\.$|\.\./.test(local)) return l10n.t('a dot cannot start or end the part before the @, nor follow another dot.');
    if (local.includes('@')) return l10n.t('it has more than one @ (put the part before the last @ in quotes if it really holds one).');
    return l10n.t("the part before the @ may hold only letters, digits and ! # $ % & ' * + - / = ? ^ _ ` { | } ~ (or be quoted).");
  }
  if (domain.startsWith('[') && domain.endsWith(']')) return domainLiteralProblem(domain);
  return hostNameProblem(domain, { unicode: true });
}
