import * as vscode from 'vscode';
import { isMailgunError, trackingHostOf, type CertificateStatus, type ClickActive, type MailgunClient, type TrackingSettings } from '../mailgun';
import type { Services } from '../services';
import { ancestorOf } from '../tree/ancestors';
import { HttpsNode } from '../tree/httpsNode';
import type { TreeNode } from '../tree/node';
import { TrackingSettingNode, type TrackingKind } from '../tree/trackingSettingNode';
import { confirm } from '../ui/confirm';
import { notify, reportFailure } from '../ui/notify';
import { inStatusBar } from '../ui/progress';
import { clientOf, reload, resolveDomain, type DomainRef } from './targets';

const kindTitles: Record<TrackingKind, string> = { click: 'Click tracking', open: 'Open tracking', unsubscribe: 'Unsubscribe tracking' };

function stateOf(settings: TrackingSettings, kind: TrackingKind): string {
  if (kind === 'click') return settings.click.active === 'htmlonly' ? 'HTML only' : settings.click.active ? 'on' : 'off';
  return settings[kind].active ? 'on' : 'off';
}

/** The setting a tracking command acts on: the node's, else a domain and a kind picked in the palette. */
async function resolveSetting(services: Services, node: TreeNode | undefined, title: string, kind?: TrackingKind): Promise<{ target: DomainRef; kind: TrackingKind } | undefined> {
  const target = await resolveDomain(services, node, title);
  if (!target) return undefined;
  const settingNode = ancestorOf(node, TrackingSettingNode);
  if (settingNode) return { target, kind: settingNode.kind };
  if (kind) return { target, kind };
  const client = await clientOf(services, target);
  const items = client.tracking.get(target.domainName).then((settings) =>
    (['click', 'open', 'unsubscribe'] as const).map((k) => ({ label: kindTitles[k], description: `now ${stateOf(settings, k)}`, setting: k })),
  );
  const picked = await vscode.window.showQuickPick(items, { title: `${title}: ${target.domainName}`, placeHolder: 'Which tracking?' });
  return picked && { target, kind: picked.setting };
}

function send(client: MailgunClient, domain: string, kind: TrackingKind, value: ClickActive): Promise<unknown> {
  if (kind === 'click') return client.tracking.setClick(domain, value);
  if (kind === 'open') return client.tracking.setOpen(domain, { active: value === true });
  return client.tracking.setUnsubscribe(domain, { active: value === true });
}

/** After a change the domain's tracking node loads again (it holds the HTTPS node and its certificate too). */
function reloadTracking(services: Services, target: DomainRef): void {
  reload(services, target.node?.tracking);
}

async function setTracking(services: Services, node: TreeNode | undefined, title: string, value: ClickActive | undefined, kind?: TrackingKind): Promise<boolean> {
  let action = title;
  try {
    const setting = await resolveSetting(services, node, title, kind);
    if (!setting) return false;
    const { target } = setting;
    const what = `${kindTitles[setting.kind]} of ${target.domainName}`;
    action = `${title} (${what})`;
    const chosen = value ?? (await pickClickValue(target.domainName));
    if (chosen === undefined) return false;
    const client = await clientOf(services, target);
    await inStatusBar(`Setting ${what.toLowerCase()}…`, () => send(client, target.domainName, setting.kind, chosen));
    const state = chosen === 'htmlonly' ? 'on for HTML parts only' : chosen ? 'on' : 'off';
    services.log.info(`${what}: now ${state}`);
    vscode.window.setStatusBarMessage(`$(check) ${what} is ${state}`, 5000);
    reloadTracking(services, target);
    return true;
  } catch (err) {
    reportFailure(services.log, action, err);
    return false;
  }
}

async function pickClickValue(domainName: string): Promise<ClickActive | undefined> {
  const items: Array<vscode.QuickPickItem & { value: ClickActive }> = [
    { label: 'On', detail: 'Links in HTML and text parts are rewritten to count clicks.', value: true },
    { label: 'HTML only', detail: 'Only links in the HTML part are rewritten; text parts keep their links as written.', value: 'htmlonly' },
    { label: 'Off', detail: 'Links are left alone.', value: false },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: `Click Tracking: ${domainName}`, placeHolder: 'Track clicks on links in messages sent from this domain' });
  return picked?.value;
}

const certificateWords: Record<string, string> = { none: 'Mailgun has none', expired: 'its certificate has expired', error: 'its certificate failed to issue' };

/**
 * Before turning HTTPS on: a certificate must exist or be on its way. Offers to generate (or regenerate) one;
 * returns a sentence about it, or undefined when the user declined.
 */
async function ensureCertificate(client: MailgunClient, host: string, status: CertificateStatus): Promise<string | undefined> {
  const s = status.status;
  if (s === 'active') return `Its certificate for ${host} is active.`;
  if (s === 'processing') return `Mailgun is still issuing the certificate for ${host}; tracked links work over HTTPS once it is active.`;
  if (!(s in certificateWords)) return `The certificate for ${host} is "${s}".`;
  const regenerate = s !== 'none';
  const ok = await confirm(
    `HTTPS tracking needs a certificate for ${host}, and ${certificateWords[s]}. ${regenerate ? 'Regenerate' : 'Generate'} it and turn HTTPS on?`,
    `Mailgun issues it with Let's Encrypt through the tracking CNAME ${host}, which must point at Mailgun. It takes a few minutes; until then, tracked links over HTTPS do not open.`,
    regenerate ? 'Regenerate and Turn On' : 'Generate and Turn On',
  );
  if (!ok) return undefined;
  await (regenerate ? client.tracking.regenerateCertificate(host) : client.tracking.generateCertificate(host));
  return `Mailgun is issuing the certificate for ${host}, which takes a few minutes.`;
}

/** A 400 from the certificate endpoints means the tracking CNAME isn't in place; the server's own words are terse. */
function certificateHint(err: unknown, host: string): string | undefined {
  return isMailgunError(err) && err.status === 400 ? `The tracking CNAME ${host} must point at Mailgun (see the domain's DNS records, then Verify DNS) before a certificate can be issued.` : undefined;
}

async function setHttps(services: Services, node: TreeNode | undefined, enabled: boolean): Promise<boolean> {
  let what = `Turn ${enabled ? 'On' : 'Off'} HTTPS Tracking`;
  let host = '';
  try {
    const target = await resolveDomain(services, node, what);
    if (!target) return false;
    what = `${what} for ${target.domainName}`;
    const client = await clientOf(services, target);
    let note = '';
    if (enabled) {
      const domain = target.domain ?? (await client.domains.get(target.domainName)).domain;
      host = trackingHostOf(domain);
      const status = await inStatusBar(`Checking the certificate of ${host}…`, () => client.tracking.certificateStatus(host));
      const said = await ensureCertificate(client, host, status);
      if (said === undefined) return false;
      note = ` ${said}`;
    }
    const detail = await inStatusBar(`${what}…`, () => client.tracking.setHttps(target.domainName, enabled));
    if (target.node) target.node.domain = { ...target.node.domain, ...detail.domain };
    reloadTracking(services, target);
    services.log.info(`${what}: done.${note}`);
    if (enabled) notify('info', `Tracked links of ${target.domainName} now use HTTPS.${note}`);
    else vscode.window.setStatusBarMessage(`$(unlock) Tracked links of ${target.domainName} now use HTTP`, 5000);
    return true;
  } catch (err) {
    reportFailure(services.log, what, err, host ? certificateHint(err, host) : undefined);
    return false;
  }
}

async function startCertificate(services: Services, node: TreeNode | undefined, regenerate: boolean): Promise<boolean> {
  const verb = regenerate ? 'Regenerate' : 'Generate';
  let host = '';
  try {
    const target = await resolveDomain(services, node, `${verb} HTTPS Tracking Certificate`);
    if (!target) return false;
    const client = await clientOf(services, target);
    const httpsNode = ancestorOf(node, HttpsNode);
    host = httpsNode?.trackingHost ?? trackingHostOf(target.domain ?? (await client.domains.get(target.domainName)).domain);
    await inStatusBar(`Asking Mailgun for a certificate for ${host}…`, () => (regenerate ? client.tracking.regenerateCertificate(host) : client.tracking.generateCertificate(host)));
    services.log.info(`${verb} certificate: Mailgun started issuing one for ${host}`);
    if (httpsNode) reload(services, httpsNode);
    else reloadTracking(services, target);
    notify('info', `Mailgun started issuing a certificate for ${host}. It usually takes a few minutes; refresh HTTPS tracking to see its status.`);
    return true;
  } catch (err) {
    reportFailure(services.log, `${verb} certificate${host ? ` for ${host}` : ''}`, err, host ? certificateHint(err, host) : undefined);
    return false;
  }
}

export function registerTrackingCommands(services: Services): vscode.Disposable[] {
  return [
    // From a click, open or unsubscribe setting node, or the palette (asks which).
    vscode.commands.registerCommand('mailgun.turnOnTracking', (node?: TreeNode) => setTracking(services, node, 'Turn On Tracking', true)),
    vscode.commands.registerCommand('mailgun.turnOffTracking', (node?: TreeNode) => setTracking(services, node, 'Turn Off Tracking', false)),
    // Click tracking has a third state, HTML only; `value` skips the question.
    vscode.commands.registerCommand('mailgun.setClickTracking', (node?: TreeNode, value?: unknown) =>
      setTracking(services, node, 'Set Click Tracking', value === true || value === false || value === 'htmlonly' ? value : undefined, 'click'),
    ),
    vscode.commands.registerCommand('mailgun.turnOnHttpsTracking', (node?: TreeNode) => setHttps(services, node, true)),
    vscode.commands.registerCommand('mailgun.turnOffHttpsTracking', (node?: TreeNode) => setHttps(services, node, false)),
    vscode.commands.registerCommand('mailgun.generateCertificate', (node?: TreeNode) => startCertificate(services, node, false)),
    vscode.commands.registerCommand('mailgun.regenerateCertificate', (node?: TreeNode) => startCertificate(services, node, true)),
  ];
}
