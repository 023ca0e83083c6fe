import type { SuppressionListName } from '../mailgun';
import * as l10n from '../mailgun/l10n';

/** The four suppression lists as the tree shows them, in order. */
export const SUPPRESSION_LISTS: readonly SuppressionListName[] = ['bounces', 'allowlist', 'unsubscribes', 'complaints'];

/** How the tree names a suppression list, in the user's language: made when asked (translations load after the tree's code). */
export function suppressionTitle(kind: SuppressionListName): { plural: string; singular: string; icon: string } {
  switch (kind) {
    case 'bounces':
      return { plural: l10n.t('Bounces'), singular: l10n.t('bounce'), icon: 'mail-reply' };
    case 'allowlist':
      return { plural: l10n.t('Allowlist'), singular: l10n.t('allowlist entry'), icon: 'shield' };
    case 'unsubscribes':
      return { plural: l10n.t('Unsubscribes'), singular: l10n.t('unsubscribe'), icon: 'bell-slash' };
    case 'complaints':
      return { plural: l10n.t('Complaints'), singular: l10n.t('complaint'), icon: 'report' };
  }
}
