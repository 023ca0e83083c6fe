import type { SuppressionListName } from '../mailgun';
import { l10n } from 'vscode';

/** The four suppression lists as the tree shows them, in order. */
export const SUPPRESSION_LISTS: readonly SuppressionListName[] = ['bounces', 'allowlist', 'unsubscribes', 'complaints'];

export const suppressionTitles: Record<SuppressionListName, { plural: string; singular: string; icon: string }> = {
  bounces: { plural: l10n.t('Bounces'), singular: l10n.t('bounce'), icon: 'mail-reply' },
  allowlist: { plural: l10n.t('Allowlist'), singular: l10n.t('allowlist entry'), icon: 'shield' },
  unsubscribes: { plural: l10n.t('Unsubscribes'), singular: l10n.t('unsubscribe'), icon: 'bell-slash' },
  complaints: { plural: l10n.t('Complaints'), singular: l10n.t('complaint'), icon: 'report' },
};
