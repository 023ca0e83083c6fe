import { isMailgunError, regionLabel, type MailgunError, type Region } from '../mailgun';
import * as l10n from '../mailgun/l10n';
import type { MailgunClients } from './clients';

export type KeyCheck =
  | { verdict: 'valid'; domainCounts: Partial<Record<Region, number>>; warnings: string[] }
  | { verdict: 'rejected' | 'cannotManage'; message: string }
  | { verdict: 'unreachable'; message: string };

const REGIONS: Region[] = ['us', 'eu'];

/**
 * Checks a key the cheap way Mailgun allows, GET /v4/domains?limit=1, in both regions (keys are global,
 * domains are per region): 200 means it can manage domains, 401 that it is wrong, 403 that it can only send.
 */
export async function checkApiKey(clients: MailgunClients, key: string, signal?: AbortSignal): Promise<KeyCheck> {
  const results = await Promise.all(
    REGIONS.map(async (region) => {
      try {
        const page = await clients.forKey(key, region).domains.list({ limit: 1 }, { signal });
        return { region, count: page.totalCount };
      } catch (err) {
        if (!isMailgunError(err)) throw err;
        return { region, error: err };
      }
    }),
  );
  const ok = results.filter((r) => r.count !== undefined);
  const failed = results.filter((r): r is { region: Region; error: MailgunError } => r.error !== undefined);
  if (failed.some((f) => f.error.kind === 'cancelled')) throw failed.find((f) => f.error.kind === 'cancelled')!.error;
  if (ok.length > 0) {
    return {
      verdict: 'valid',
      domainCounts: Object.fromEntries(ok.map((r) => [r.region, r.count])),
      warnings: failed.map((f) => `${regionLabel(f.region)} region: ${f.error.userMessage}`),
    };
  }
  if (failed.every((f) => f.error.kind === 'auth')) {
    return {
      verdict: 'rejected',
      message: l10n.t('Mailgun rejected this API key in both regions (401). Check that you copied the whole key from Settings → API Keys in the Mailgun Control Panel and that it is still active. The key was not saved.'),
    };
  }
  if (failed.some((f) => f.error.kind === 'forbidden')) {
    return {
      verdict: 'cannotManage',
      message: l10n.t('This API key cannot manage domains (403): it is probably a domain sending key, which can only send mail. Create a key with the Admin or Developer role in the Mailgun Control Panel. The key was not saved.'),
    };
  }
  return { verdict: 'unreachable', message: failed[0].error.userMessage };
}
