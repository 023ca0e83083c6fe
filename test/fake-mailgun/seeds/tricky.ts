// Suppression records that are hard to carry through CSV: formula-like first characters (and the guard's own '),
// RFC 5321 characters zod refuses, quoted local parts holding @, Unicode local parts, domains and tags, commas, quotes
// and line breaks in cells. Stored exactly like this, they must come back exactly like this after export → import.
import type { Allowlisted, Bounce, Complaint, Unsubscribe } from '../state';

const at = (iso: string) => new Date(iso).toUTCString().replace(/GMT$/, 'UTC');

export const TRICKY_ADDRESSES = [
  '-info@example.com',
  '=x@example.com',
  '+tag@example.com',
  "'-apostrophe@example.com",
  "''twice@example.com",
  "o'brien@example.com",
  '"@home"@example.com',
  '"john doe"@example.com',
  'bounce=x@example.com',
  'a%b@example.com',
  'first&last@example.com',
  '~x@example.com',
  'user@b.xn--p1ai',
  'ünïcödé@example.com',
  '用户@例子.广告',
  '＝fullwidth@example.com',
  'Mixed.Case@Example.COM',
] as const;

export const TRICKY_BOUNCES: Bounce[] = TRICKY_ADDRESSES.map((address, i) => ({
  address,
  code: ['550', '421', '554', '552'][i % 4],
  error: ['', '=HYPERLINK("http://evil.example")', 'Mailbox full, "really"', '-5.1.1 unknown\nsecond line', '@mention'][i % 5],
  created_at: at(`2026-0${1 + (i % 9)}-1${i % 10}T0${i % 10}:${10 + i}:0${i % 10}Z`),
}));

export const TRICKY_UNSUBSCRIBES: Unsubscribe[] = TRICKY_ADDRESSES.map((address, i) => ({
  address,
  tags: [['*'], ['newsletter', 'promo'], ['=formula'], ['-minus', 'ünïcode-tag'], ['@at'], ['news letter']][i % 6],
  created_at: at(`2025-1${i % 3}-0${1 + (i % 9)}T12:${10 + i}:59Z`),
}));

export const TRICKY_COMPLAINTS: Complaint[] = TRICKY_ADDRESSES.map((address, i) => ({ address, created_at: at(`2024-02-${10 + i}T23:59:${10 + i}Z`) }));

/**
 * Mailgun's allowlist import takes only `address` and `domain`: the value and its type survive a round trip, while
 * `createdAt` is set by Mailgun when it imports and `reason` cannot be given. These entries have no reason.
 */
export const TRICKY_ALLOWLIST: Allowlisted[] = [
  ...TRICKY_ADDRESSES.map((value): Allowlisted => ({ value, reason: '', type: 'address', createdAt: at('2026-01-01T00:00:00Z') })),
  ...['example.org', 'mg.example.xn--p1ai', 'xn--bcher-kva.de', 'a-b.example.io'].map((value): Allowlisted => ({ value, reason: '', type: 'domain', createdAt: at('2026-01-01T00:00:00Z') })),
];

export const TRICKY_LISTS = {
  bounces: TRICKY_BOUNCES,
  unsubscribes: TRICKY_UNSUBSCRIBES,
  complaints: TRICKY_COMPLAINTS,
  whitelists: TRICKY_ALLOWLIST,
} as const;
