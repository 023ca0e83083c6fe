// SPF records as terms: enough to say whether one includes Mailgun and to merge two into the one to publish.

export const isSpf = (txt: string): boolean => /^v=spf1(\s|$)/i.test(txt.trim());

const terms = (spf: string): string[] => spf.trim().split(/\s+/).slice(1);
const isAll = (term: string): boolean => /^[-~+?]?all$/i.test(term);

/** The `include:` terms of the required record that `spf` lacks (Mailgun asks for include:mailgun.org). */
export function missingIncludes(spf: string, required: string): string[] {
  const have = new Set(terms(spf).map((t) => t.toLowerCase()));
  return terms(required).filter((t) => /^\+?include:/i.test(t) && !have.has(t.toLowerCase()) && !have.has(`+${t.toLowerCase()}`));
}

/**
 * One SPF record with every mechanism of `records` and the required includes, ending with the first record's
 * `all` (or the required one's). `redirect=` is dropped when an `all` ends the record, as RFC 7208 ignores it then.
 */
export function mergeSpf(records: string[], required: string): string {
  const seen = new Set<string>();
  const merged: string[] = [];
  let all: string | undefined;
  for (const term of [...records.flatMap(terms), ...terms(required)]) {
    if (isAll(term)) {
      all ??= term;
      continue;
    }
    if (/^redirect=/i.test(term) || seen.has(term.toLowerCase())) continue;
    seen.add(term.toLowerCase());
    merged.push(term);
  }
  return ['v=spf1', ...merged, all ?? '~all'].join(' ');
}
