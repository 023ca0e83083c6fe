import * as vscode from 'vscode';
import type { Account } from '../accounts/account-store';
import { pollUntil } from '../mailgun/poll';
import { regionLabel, validateDomainName, type CreateDomainInput, type DomainDetail, type Region } from '../mailgun';
import type { Services } from '../services';
import type { TreeNode } from '../tree/node';
import { confirmDestructive } from '../ui/confirm';
import { BACK, isUserCancelled, type UserInput } from '../ui/input';
import { notify, retryLabel } from '../ui/notify';
import { inStatusBar, withCancellableProgress } from '../ui/progress';
import { recordsAsZone, verificationReport } from '../mailgun/dns-report';
import type { DnsCheck } from '../dns/dns-check';
import { dnsCheckSummary, sendingRecordsInPlace, verifyWithLiveCheck, type VerifyWithLiveCheck } from '../dns/dns-check-report';
import { describeError } from '../tree/error-node';
import { checkDnsOf, liveDnsCheck, showDnsCheckReport } from './dns-check';
import { again, type CommandContext } from './register';
import { clientOf, domainOf, regionOf, reload, scopeOf, type DomainRef, type RegionTarget } from './targets';

type SpamAction = NonNullable<CreateDomainInput['spam_action']>;

/** What Add Domain asks. */
interface AddDomainOptions {
  name: string;
  spamAction: SpamAction;
  dkimKeySize: 1024 | 2048;
  wildcard: boolean;
}

const DEFAULTS: Omit<AddDomainOptions, 'name'> = { spamAction: 'disabled', dkimKeySize: 2048, wildcard: false };

/**
 * The waits before each read of the domain after PUT verify: about 20 seconds in all, as Mailgun usually answers
 * within seconds and a missing record won't appear sooner. A seam: the in-host tests shorten them.
 */
export const verifyPolling = { delaysMs: [1000, 2000, 3000, 4000, 5000, 5000] };

const copyRecordsLabel = (): string => vscode.l10n.t('Copy All Records');

async function copyRecords(domainName: string, detail: Pick<DomainDetail, 'sending_dns_records' | 'receiving_dns_records'>): Promise<string> {
  const text = recordsAsZone(domainName, detail);
  await vscode.env.clipboard.writeText(text);
  const n = detail.sending_dns_records.length + detail.receiving_dns_records.length;
  vscode.window.setStatusBarMessage(`$(copy) ${vscode.l10n.t('Copied {0} DNS records of {1}', n, domainName)}`, 4000);
  return text;
}

type SpamItem = vscode.QuickPickItem & { value: SpamAction };
const spamItems = (): SpamItem[] => [
  { label: vscode.l10n.t('No spam filtering'), description: vscode.l10n.t("Mailgun's default"), detail: vscode.l10n.t('Incoming mail is delivered as it is.'), value: 'disabled' },
  { label: vscode.l10n.t('Tag spam'), detail: vscode.l10n.t('Incoming spam is delivered with an X-Mailgun-SFlag header.'), value: 'tag' },
  { label: vscode.l10n.t('Block spam'), detail: vscode.l10n.t('Incoming spam is not delivered.'), value: 'block' },
];

type OptionItem = vscode.QuickPickItem & { option: 'dkim2048' | 'wildcard' };
const optionItems = (): OptionItem[] => [
  { label: vscode.l10n.t('2048-bit DKIM key'), detail: vscode.l10n.t('Stronger. Unselect for 1024 bits if your DNS host cannot store TXT values longer than 255 characters.'), option: 'dkim2048' },
  { label: vscode.l10n.t('Receive mail for subdomains (wildcard)'), detail: vscode.l10n.t('Mail to any subdomain whose MX records point at Mailgun is accepted too.'), option: 'wildcard' },
];

/** The three steps of Add Domain, with Back. */
async function askNewDomain(ui: UserInput, account: Account, region: Region): Promise<AddDomainOptions> {
  const title = vscode.l10n.t('Add Domain to "{0}" ({1})', account.label, regionLabel(region));
  const answers: AddDomainOptions = { name: '', ...DEFAULTS };
  for (let step = 1; step <= 3; ) {
    if (step === 1) {
      const name = await ui.inputStep({
        title,
        step,
        totalSteps: 3,
        value: answers.name,
        prompt: vscode.l10n.t('The domain to send from. Mailgun recommends a subdomain, such as mg.example.com, so that its records leave the root domain alone.'),
        placeholder: 'mg.example.com',
        validate: validateDomainName,
      });
      if (name !== BACK) answers.name = name;
      step++;
      continue;
    }
    const picked =
      step === 2
        ? await ui.pickStep({ title, step, totalSteps: 3, items: spamItems(), placeholder: vscode.l10n.t('Spam filtering for mail Mailgun receives for this domain'), chosen: (i) => i.value === answers.spamAction })
        : await ui.pickStep({
            title,
            step,
            totalSteps: 3,
            items: optionItems(),
            canSelectMany: true,
            placeholder: vscode.l10n.t('Options (press Enter to create the domain)'),
            chosen: (i) => (i.option === 'dkim2048' ? answers.dkimKeySize === 2048 : answers.wildcard),
          });
    if (picked === BACK) {
      step--;
      continue;
    }
    if (step === 2) answers.spamAction = (picked[0] as SpamItem | undefined)?.value ?? answers.spamAction;
    else {
      const options = new Set((picked as OptionItem[]).map((i) => i.option));
      answers.dkimKeySize = options.has('dkim2048') ? 2048 : 1024;
      answers.wildcard = options.has('wildcard');
    }
    step++;
  }
  return answers;
}

/** Reloads the region, then shows the new domain with its DNS records open. */
async function revealNewDomain(services: Services, where: RegionTarget, name: string): Promise<void> {
  const domain = { ...scopeOf(where), domain: name };
  services.tree.domainAdded(domain);
  try {
    // Not when the region isn't shown, the domain is beyond its first page, or its filter hides it.
    await services.tree.reveal(services.view, scopeOf(where), [domain, { ...domain, part: 'dns' }], { select: true, focus: false, expand: true });
  } catch (err) {
    // The domain was added: not showing it is no reason to report the command as failed.
    services.log.warn(`Add Domain: could not reveal ${name} in the tree: ${String(err)}`);
  }
}

/** From a region, its "no domains" line, or the palette. */
export async function addDomain(ctx: CommandContext, target?: TreeNode): Promise<string> {
  const { log } = ctx;
  const where = await regionOf(ctx, target, vscode.l10n.t('Add Mailgun Domain'));
  const input = await askNewDomain(ctx.ui, where.account, where.region);
  const name = input.name.trim().toLowerCase();
  const client = await clientOf(ctx, where);
  const detail = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Adding {0} to Mailgun ({1})…', name, regionLabel(where.region)) }, () =>
    client.domains.create({ name, spam_action: input.spamAction, dkim_key_size: input.dkimKeySize, wildcard: input.wildcard }),
  );
  log.info(`Add Domain: created ${name} in ${where.account.label} (${where.region})`);
  // The region's count shows before its list reloads.
  const known = where.account.subaccount ? undefined : ctx.accounts.get(where.account.id)?.domainCounts?.[where.region];
  if (known !== undefined) await ctx.accounts.setDomainCount(where.account.id, where.region, known + 1);
  await revealNewDomain(ctx, where, name);
  await checkNewDomain(ctx, { account: where.account, region: where.region, domainName: name }, detail);
  return name;
}

/**
 * After Add Domain, the live check at once, so the user sees which records to publish with their exact values.
 * The domain was added whatever happens here: a failed or stopped check is said, with a way to run it again.
 */
async function checkNewDomain(ctx: CommandContext, domain: DomainRef, detail: DomainDetail): Promise<void> {
  const name = domain.domainName;
  const added = vscode.l10n.t('Mailgun added {0} to the {1} region.', name, regionLabel(domain.region));
  const records = detail.sending_dns_records.length + detail.receiving_dns_records.length;
  const publish = vscode.l10n.t('Publish its {0} DNS records at your DNS host, then run Verify DNS.', records);
  const copy = { [copyRecordsLabel()]: () => copyRecords(name, detail) };
  const retry = { [retryLabel()]: again(ctx, (c) => checkDnsOf(c, domain)) };
  let live: DnsCheck | string;
  try {
    live = await withCancellableProgress(vscode.l10n.t('Checking the DNS records of {0}', name), (signal) => liveDnsCheck(name, detail, signal));
  } catch (err) {
    if (isUserCancelled(err)) {
      notify('info', vscode.l10n.t('{0} The DNS check was stopped. {1}', added, publish), { ...copy, [vscode.l10n.t('Check DNS Now')]: retry[retryLabel()] }, ctx.log);
      return;
    }
    live = describeError(err);
  }
  if (typeof live === 'string' || (live.records.length > 0 && live.records.every((r) => r.status === 'unknown'))) {
    const why = typeof live === 'string' ? live : live.records[0].problem;
    ctx.log.warn(`Add Domain: ${name} was added, but its DNS could not be checked: ${why}`);
    if (typeof live !== 'string') await showDnsCheckReport(live);
    notify('warning', vscode.l10n.t('{0} Its DNS records could not be looked up: {1} {2}', added, why, publish), { ...retry, ...copy }, ctx.log);
    return;
  }
  await showDnsCheckReport(live);
  const summary = dnsCheckSummary(live);
  ctx.log.info(`Add Domain: ${summary}`);
  const next = sendingRecordsInPlace(live) ? vscode.l10n.t('Run Verify DNS so Mailgun checks too.') : vscode.l10n.t('The report beside lists each record to publish with its exact value; once they are published, run Verify DNS.');
  // Records still to publish are what a new domain is expected to have: news, not a warning.
  notify('info', vscode.l10n.t('{0} {1} {2}', added, summary, next), { ...copy, [vscode.l10n.t('Verify DNS')]: again(ctx, (c) => verifyDomainOf(c, domain)) }, ctx.log);
}

/** Mailgun checks asynchronously, so this polls for the result. */
export async function verifyDomain(ctx: CommandContext, target?: TreeNode): Promise<VerifyWithLiveCheck | undefined> {
  return verifyDomainOf(ctx, await domainOf(ctx, target, vscode.l10n.t('Verify DNS of a Mailgun Domain')));
}

/**
 * Verifies a known domain: the live DNS check first, then Mailgun's own check, polled for its verdict. Both are
 * said together: Mailgun's verdict, and what is wrong in DNS as seen from here.
 */
export async function verifyDomainOf(ctx: CommandContext, domain: DomainRef): Promise<VerifyWithLiveCheck | undefined> {
  const { log } = ctx;
  const name = domain.domainName;
  ctx.errorHandling.action = `Verify DNS of ${name}`;
  if (domain.domain?.type === 'sandbox') {
    notify('info', vscode.l10n.t('{0} is a sandbox domain: Mailgun set up its DNS, so there is nothing to verify.', name));
    return undefined;
  }
  const client = await clientOf(ctx, domain);
  ctx.errorHandling.cancelled = vscode.l10n.t('Stopped verifying {0}; if Mailgun was asked, it goes on checking. Refresh the domain later to see the result.', name);
  const { checked, result } = await withCancellableProgress(vscode.l10n.t('Verifying the DNS records of {0}', name), async (cancel, progress) => {
    progress.report({ message: vscode.l10n.t('looking the records up in DNS…') });
    // Mailgun is asked even when records are wrong here: its verdict is what counts, and it may see them differently.
    const checked = await liveDnsCheck(name, await client.domains.get(name, { signal: cancel }), cancel);
    progress.report({ message: vscode.l10n.t('asking Mailgun to check…') });
    const started = await client.domains.verify(name, { signal: cancel });
    const result = await pollUntil(started, (signal) => client.domains.get(name, { signal }), (d) => d.domain.state !== 'unverified', {
      delaysMs: verifyPolling.delaysMs,
      signal: cancel,
      onAttempt: (n, of) => progress.report({ message: vscode.l10n.t("waiting for Mailgun's result (look {0} of {1})…", n, of), increment: 100 / of }),
    });
    return { checked, result };
  });
  ctx.tree.update(scopeOf(domain), result.value.domain);
  reload(ctx, scopeOf(domain, 'dns'));
  const mailgun = verificationReport(result.value, Math.round(result.waitedMs / 1000));
  const report = verifyWithLiveCheck(mailgun, checked, result.value.domain.state === 'active');
  if (report.live && !sendingRecordsInPlace(report.live)) await showDnsCheckReport(report.live);
  log.info(`Verify DNS: ${report.message}`);
  notify(report.severity, report.message, report.recordsMissing ? { [copyRecordsLabel()]: () => copyRecords(name, result.value) } : {}, log);
  return report;
}

export async function deleteDomain(ctx: CommandContext, target?: TreeNode): Promise<boolean> {
  const domain = await domainOf(ctx, target, vscode.l10n.t('Delete Mailgun Domain'));
  const name = domain.domainName;
  ctx.errorHandling.action = `Delete Domain ${name}`;
  ctx.errorHandling.retry = again(ctx, (c) => deleteDomain(c, target));
  if (domain.domain?.type === 'sandbox') {
    notify('warning', vscode.l10n.t('{0} is a sandbox domain, and Mailgun does not let sandbox domains be deleted.', name));
    return false;
  }
  if (domain.domain?.state === 'disabled') {
    notify('warning', vscode.l10n.t('{0} is disabled, and Mailgun does not delete disabled domains. Contact Mailgun support to remove it.', name));
    return false;
  }
  return removeDomain(ctx, domain);
}

/**
 * Asks to type the name, then deletes the domain. After a failure the region's list reloads (the deletion may have
 * gone through), and Retry asks again and deletes the same domain.
 */
async function removeDomain(ctx: CommandContext, target: DomainRef): Promise<boolean> {
  const name = target.domainName;
  await confirmDestructive(
    ctx.ui,
    name,
    vscode.l10n.t('Delete {0} from Mailgun?', name),
    vscode.l10n.t('Its DNS settings, tracking, webhooks and suppression lists go with it, and nothing can be sent from it any more. This cannot be undone.'),
    vscode.l10n.t('Delete Domain'),
  );
  const domain = { ...scopeOf(target), domain: name };
  ctx.errorHandling.affected = { accountId: target.account.id, region: target.region };
  ctx.errorHandling.retry = again(ctx, (c) => removeDomain(c, target));
  const client = await clientOf(ctx, target);
  await ctx.tree.runWithTemporaryDescription(domain, vscode.l10n.t('Deleting…'), () => inStatusBar(vscode.l10n.t('Deleting {0}…', name), () => client.domains.delete(name)));
  ctx.log.info(`Delete Domain: Mailgun accepted the deletion of ${name} (${target.region})`);
  ctx.tree.domainDeleted(domain);
  notify('info', vscode.l10n.t('Mailgun is deleting {0} in the background. It may stay in the list, marked as being deleted, for a few minutes.', name));
  return true;
}

/** The records as zone-file text: from a domain or its DNS records, or the palette. */
export async function copyDnsRecords(ctx: CommandContext, target?: TreeNode): Promise<string> {
  ctx.errorHandling.action = 'Copy DNS Records';
  const domain = await domainOf(ctx, target, vscode.l10n.t('Copy DNS Records of a Mailgun Domain'));
  const client = await clientOf(ctx, domain);
  const detail = await inStatusBar(vscode.l10n.t('Reading the DNS records of {0}…', domain.domainName), () => client.domains.get(domain.domainName));
  return copyRecords(domain.domainName, detail);
}
