import * as vscode from 'vscode';
import { isMailgunError, trackingHostOf, type CertificateStatus, type ClickActive, type MailgunClient, type TrackingSettings } from '../mailgun';
import { ancestorOf } from '../tree/ancestors';
import { HttpsNode } from '../tree/https-node';
import type { TreeNode } from '../tree/node';
import { TrackingSettingNode, trackingTitles as kindTitles, type TrackingKind } from '../tree/tracking-setting-node';
import type { UserInput } from '../ui/input';
import { notify } from '../ui/notify';
import { inStatusBar } from '../ui/progress';
import type { CommandContext } from './register';
import { clientOf, domainOf, reload, scopeOf, type DomainRef } from './targets';

function stateOf(settings: TrackingSettings, kind: TrackingKind): string {
  if (kind === 'click') return settings.click.active === 'htmlonly' ? vscode.l10n.t('HTML only') : settings.click.active ? vscode.l10n.t('on') : vscode.l10n.t('off');
  return settings[kind].active ? vscode.l10n.t('on') : vscode.l10n.t('off');
}

/** The setting a tracking command acts on: the node's, else a domain and a kind picked in the palette. */
async function resolveSetting(ctx: CommandContext, node: TreeNode | undefined, title: string, kind?: TrackingKind): Promise<{ target: DomainRef; kind: TrackingKind }> {
  const target = await domainOf(ctx, node, title);
  const settingNode = ancestorOf(node, TrackingSettingNode);
  if (settingNode) return { target, kind: settingNode.kind };
  if (kind) return { target, kind };
  const client = await clientOf(ctx, target);
  const items = client.tracking.get(target.domainName).then((settings) =>
    (['click', 'open', 'unsubscribe'] as const).map((k) => ({ label: kindTitles[k], description: vscode.l10n.t('now {0}', stateOf(settings, k)), setting: k })),
  );
  const picked = await ctx.ui.pick(items, { title: `${title}: ${target.domainName}`, placeHolder: vscode.l10n.t('Which tracking?') });
  return { target, kind: picked.setting };
}

function send(client: MailgunClient, domain: string, kind: TrackingKind, value: ClickActive): Promise<unknown> {
  if (kind === 'click') return client.tracking.setClick(domain, value);
  if (kind === 'open') return client.tracking.setOpen(domain, { active: value === true });
  return client.tracking.setUnsubscribe(domain, { active: value === true });
}

/** After a change the domain's tracking node loads again (it holds the HTTPS node and its certificate too). */
function reloadTracking(ctx: CommandContext, target: DomainRef): void {
  reload(ctx, scopeOf(target, 'tracking'));
}

async function setTracking(ctx: CommandContext, node: TreeNode | undefined, title: string, value: ClickActive | undefined, kind?: TrackingKind): Promise<boolean> {
  const setting = await resolveSetting(ctx, node, title, kind);
  const { target } = setting;
  const what = vscode.l10n.t('{0} of {1}', kindTitles[setting.kind], target.domainName);
  ctx.errorHandling.action = `${title} (${what})`;
  const chosen = value ?? (await pickClickValue(ctx.ui, target.domainName));
  const client = await clientOf(ctx, target);
  await inStatusBar(vscode.l10n.t('Setting {0}…', what.toLowerCase()), () => send(client, target.domainName, setting.kind, chosen));
  const state = chosen === 'htmlonly' ? vscode.l10n.t('on for HTML parts only') : chosen ? vscode.l10n.t('on') : vscode.l10n.t('off');
  ctx.log.info(`${what}: now ${state}`);
  vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('{0} is {1}', what, state)}`, 5000);
  reloadTracking(ctx, target);
  return true;
}

async function pickClickValue(ui: UserInput, domainName: string): Promise<ClickActive> {
  const items: Array<vscode.QuickPickItem & { value: ClickActive }> = [
    { label: vscode.l10n.t('On'), detail: vscode.l10n.t('Links in HTML and text parts are rewritten to count clicks.'), value: true },
    { label: vscode.l10n.t('HTML only'), detail: vscode.l10n.t('Only links in the HTML part are rewritten; text parts keep their links as written.'), value: 'htmlonly' },
    { label: vscode.l10n.t('Off'), detail: vscode.l10n.t('Links are left alone.'), value: false },
  ];
  const picked = await ui.pick(items, { title: vscode.l10n.t('Click Tracking: {0}', domainName), placeHolder: vscode.l10n.t('Track clicks on links in messages sent from this domain') });
  return picked.value;
}

const certificateWords: Record<string, string> = { none: vscode.l10n.t('Mailgun has none'), expired: vscode.l10n.t('its certificate has expired'), error: vscode.l10n.t('its certificate failed to issue') };

/**
 * Before turning HTTPS on: a certificate must exist or be on its way. Offers to generate (or regenerate) one;
 * returns a sentence about it.
 */
async function ensureCertificate(ui: UserInput, client: MailgunClient, host: string, status: CertificateStatus): Promise<string> {
  const s = status.status;
  if (s === 'active') return vscode.l10n.t('Its certificate for {0} is active.', host);
  if (s === 'processing') return vscode.l10n.t('Mailgun is still issuing the certificate for {0}; tracked links work over HTTPS once it is active.', host);
  if (!(s in certificateWords)) return vscode.l10n.t('The certificate for {0} is "{1}".', host, s);
  const regenerate = s !== 'none';
  await ui.confirm(
    regenerate
      ? vscode.l10n.t('HTTPS tracking needs a certificate for {0}, and {1}. Regenerate it and turn HTTPS on?', host, certificateWords[s])
      : vscode.l10n.t('HTTPS tracking needs a certificate for {0}, and {1}. Generate it and turn HTTPS on?', host, certificateWords[s]),
    vscode.l10n.t("Mailgun issues it with Let's Encrypt through the tracking CNAME {0}, which must point at Mailgun. It takes a few minutes; until then, tracked links over HTTPS do not open.", host),
    regenerate ? vscode.l10n.t('Regenerate and Turn On') : vscode.l10n.t('Generate and Turn On'),
  );
  await (regenerate ? client.tracking.regenerateCertificate(host) : client.tracking.generateCertificate(host));
  return vscode.l10n.t('Mailgun is issuing the certificate for {0}, which takes a few minutes.', host);
}

/** A 400 from the certificate endpoints means the tracking CNAME isn't in place; the server's own words are terse. */
function certificateHint(host: string): (err: unknown) => string | undefined {
  return (err) => isMailgunError(err) && err.status === 400 ? vscode.l10n.t("The tracking CNAME {0} must point at Mailgun (see the domain's DNS records, then Verify DNS) before a certificate can be issued.", host) : undefined;
}

async function setHttps(ctx: CommandContext, node: TreeNode | undefined, enabled: boolean): Promise<boolean> {
  const title = enabled ? vscode.l10n.t('Turn On HTTPS Tracking') : vscode.l10n.t('Turn Off HTTPS Tracking');
  const target = await domainOf(ctx, node, title);
  const what = vscode.l10n.t('{0} for {1}', title, target.domainName);
  ctx.errorHandling.action = what;
  const client = await clientOf(ctx, target);
  let note = '';
  if (enabled) {
    const domain = target.domain ?? (await client.domains.get(target.domainName)).domain;
    const host = trackingHostOf(domain);
    const status = await inStatusBar(vscode.l10n.t('Checking the certificate of {0}…', host), () => client.tracking.certificateStatus(host));
    ctx.errorHandling.hint = certificateHint(host);
    note = ` ${await ensureCertificate(ctx.ui, client, host, status)}`;
  }
  const detail = await inStatusBar(`${what}…`, () => client.tracking.setHttps(target.domainName, enabled));
  ctx.tree.update(scopeOf(target), detail.domain);
  reloadTracking(ctx, target);
  ctx.log.info(`${what}: done.${note}`);
  if (enabled) notify('info', vscode.l10n.t('Tracked links of {0} now use HTTPS.{1}', target.domainName, note));
  else vscode.window.setStatusBarMessage(`$(unlock) ${vscode.l10n.t('Tracked links of {0} now use HTTP', target.domainName)}`, 5000);
  return true;
}

async function startCertificate(ctx: CommandContext, node: TreeNode | undefined, regenerate: boolean): Promise<boolean> {
  const verb = regenerate ? 'Regenerate' : 'Generate';
  ctx.errorHandling.action = `${verb} certificate`;
  const target = await domainOf(ctx, node, regenerate ? vscode.l10n.t('Regenerate HTTPS Tracking Certificate') : vscode.l10n.t('Generate HTTPS Tracking Certificate'));
  const client = await clientOf(ctx, target);
  const httpsNode = ancestorOf(node, HttpsNode);
  const host = httpsNode?.trackingHost ?? trackingHostOf(target.domain ?? (await client.domains.get(target.domainName)).domain);
  ctx.errorHandling.action = `${verb} certificate for ${host}`;
  ctx.errorHandling.hint = certificateHint(host);
  await inStatusBar(vscode.l10n.t('Asking Mailgun for a certificate for {0}…', host), () => (regenerate ? client.tracking.regenerateCertificate(host) : client.tracking.generateCertificate(host)));
  ctx.log.info(`${verb} certificate: Mailgun started issuing one for ${host}`);
  if (httpsNode) reload(ctx, httpsNode.scope);
  else reloadTracking(ctx, target);
  notify('info', vscode.l10n.t('Mailgun started issuing a certificate for {0}. It usually takes a few minutes; refresh HTTPS tracking to see its status.', host));
  return true;
}

/** From a click, open or unsubscribe setting node, or the palette (asks which). */
export const turnOnTracking = (ctx: CommandContext, target?: TreeNode) => setTracking(ctx, target, vscode.l10n.t('Turn On Tracking'), true);
export const turnOffTracking = (ctx: CommandContext, target?: TreeNode) => setTracking(ctx, target, vscode.l10n.t('Turn Off Tracking'), false);
/** Click tracking has a third state, HTML only: asks which. */
export const setClickTracking = (ctx: CommandContext, target?: TreeNode) => setTracking(ctx, target, vscode.l10n.t('Set Click Tracking'), undefined, 'click');
export const turnOnHttpsTracking = (ctx: CommandContext, target?: TreeNode) => setHttps(ctx, target, true);
export const turnOffHttpsTracking = (ctx: CommandContext, target?: TreeNode) => setHttps(ctx, target, false);
export const generateCertificate = (ctx: CommandContext, target?: TreeNode) => startCertificate(ctx, target, false);
export const regenerateCertificate = (ctx: CommandContext, target?: TreeNode) => startCertificate(ctx, target, true);
