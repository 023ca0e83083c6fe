import type { SuppressionListName } from '../mailgun';

/** The four suppression lists as the tree shows them, in order. */
export const SUPPRESSION_LISTS: readonly SuppressionListName[] = ['bounces', 'allowlist', 'unsubscribes', 'complaints'];

export const suppressionTitles: Record<SuppressionListName, { plural: string; singular: string; icon: string }> = {
  bounces: { plural: 'Bounces', singular: 'bounce', icon: 'mail-reply' },
  allowlist: { plural: 'Allowlist', singular: 'allowlist entry', icon: 'shield' },
  unsubscribes: { plural: 'Unsubscribes', singular: 'unsubscribe', icon: 'bell-slash' },
  complaints: { plural: 'Complaints', singular: 'complaint', icon: 'report' },
};
