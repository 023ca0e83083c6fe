import type { SuppressionListName } from '../mailgun';
import * as l10n from '../mailgun/l10n';

/** The four suppression lists as the tree shows them, in order. */
export const SUPPRESSION_LISTS: readonly SuppressionListName[] = ['bounces', 'allowlist', 'unsubscribes', 'complaints'];

export const suppressionTitles: Record<SuppressionListName, { plural: string; singular: string; icon: string }> = {
  bounces: {
    get plural() {
      return l10n.t('Bounces');
    },
    get singular() {
      return l10n.t('bounce');
    },
    icon: 'mail-reply',
  },
  allowlist: {
    get plural() {
      return l10n.t('Allowlist');
    },
    get singular() {
      return l10n.t('allowlist entry');
    },
    icon: 'shield',
  },
  unsubscribes: {
    get plural() {
      return l10n.t('Unsubscribes');
    },
    get singular() {
      return l10n.t('unsubscribe');
    },
    icon: 'bell-slash',
  },
  complaints: {
    get plural() {
      return l10n.t('Complaints');
    },
    get singular() {
      return l10n.t('complaint');
    },
    icon: 'report',
  },
};
