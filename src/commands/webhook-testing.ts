import * as vscode from 'vscode';
import type { Account } from '../accounts/account-store';
import type { Region } from '../mailgun';
import { settings } from '../settings';
import { AccountWebhookNode } from '../tree/account-webhook-node';
import { ancestorOf } from '../tree/ancestors';
import { DomainNode } from '../tree/domain-node';
import type { TreeNode } from '../tree/node';
import { RegionNode } from '../tree/region-node';
import { SubaccountNode } from '../tree/subaccount-node';
import { WebhookUrlNode } from '../tree/webhook-url-node';
import { UserCancelledError, type UserInput } from '../ui/input';
import { notifyWithLogs, reportOutcome, type Severity } from '../ui/notify';
import { withCancellableProgress } from '../ui/progress';
import { mailgunWouldSay, postWebhook, type WebhookDelivery } from '../webhooks/delivery';
import { testWebhookPayload } from '../webhooks/sample-event';
import { describeAge, parseSignatureInput, verifyWebhookSignature as verifySignature, type SignatureCheck } from '../webhooks/signature';
import type { CommandContext } from './register';
import { accountOf, clientOf, domainOf, firstRegion } from './targets';
import { domainWebhooks } from './webhooks';

/** Where a test event goes and whose signing key signs it. */
interface TestTarget {
  account: Account;
  region: Region;
  url: string;
  eventType: string;
  /** The sending domain the sample event names. */
  domainName: string;
}

async function pickEventType(ui: UserInput, types: readonly string[], url: string): Promise<string> {
  if (types.length === 1) return types[0];
  return (await ui.pick(types.map((label) => ({ label })), { title: vscode.l10n.t('Send Test Webhook Event to {0}', url), placeHolder: vscode.l10n.t('Which event should the sample be?') })).label;
}

async function testTarget(ctx: CommandContext, node: TreeNode | undefined): Promise<TestTarget> {
  if (node instanceof WebhookUrlNode) {
    const d = ancestorOf(node, DomainNode)!;
    return { account: d.account, region: d.region, url: node.url, eventType: node.parent.eventType, domainName: d.domainName };
  }
  if (node instanceof AccountWebhookNode) {
    const r = ancestorOf<RegionNode>(node, RegionNode)!;
    const eventType = await pickEventType(ctx.ui, node.webhook.event_types, node.url);
    // Account webhooks fire for every domain, so the sample names a reserved example domain.
    return { account: r.account, region: r.region, url: node.url, eventType, domainName: 'mg.example.com' };
  }
  const target = await domainOf(ctx, node, vscode.l10n.t('Send Test Webhook Event'));
  const { map } = await domainWebhooks(ctx, target);
  const entries = Object.entries(map).flatMap(([type, urls]) => urls.map((u) => ({ label: type, description: u, url: u })));
  if (entries.length === 0) {
    reportOutcome(ctx.log, 'info', vscode.l10n.t('{0} has no webhooks to test.', target.domainName));
    throw new UserCancelledError();
  }
  const picked = await ctx.ui.pick(entries, { title: vscode.l10n.t('Send Test Webhook Event ({0})', target.domainName), placeHolder: vscode.l10n.t('Choose an event type and URL'), matchOnDescription: true });
  return { account: target.account, region: target.region, url: picked.url, eventType: picked.label, domainName: target.domainName };
}

/** "the webhook signing key of "Production"", or of a subaccount of it: whose key signs or verifies. */
function keyOf(account: Account): string {
  return account.subaccount
    ? vscode.l10n.t('the webhook signing key of subaccount "{0}" (of "{1}")', account.subaccount.name, account.label)
    : vscode.l10n.t('the webhook signing key of "{0}"', account.label);
}

function summary(t: TestTarget, r: WebhookDelivery): string {
  const body = r.body ? vscode.l10n.t('Body: "{0}".', `${r.body}${r.truncated ? '…' : ''}`) : vscode.l10n.t('Empty body.');
  const status = `${r.status}${r.statusText ? ` ${r.statusText}` : ''}`;
  return vscode.l10n.t('Test "{0}" event to {1}, signed with {2}: {3} in {4} ms. {5} {6}', t.eventType, t.url, keyOf(t.account), status, r.elapsedMs, body, mailgunWouldSay(r.status));
}

/**
 * Posts a sample event, signed with the webhook signing key of the account (or of the subaccount the webhook
 * belongs to: it signs its own webhooks) as Mailgun signs, from the extension host
 * to the webhook's URL. Only the signature travels: neither the API key nor the signing key is sent.
 */
export async function sendTestWebhook(ctx: CommandContext, node?: TreeNode): Promise<WebhookDelivery | undefined> {
  ctx.errorHandling.action = 'Could not send a test event';
  const t = await testTarget(ctx, node);
  ctx.errorHandling.action = `The test "${t.eventType}" event was not delivered`;
  const client = await clientOf(ctx, t);
  const signingKey = await client.signingKey.get();
  const payload = testWebhookPayload(t.eventType, signingKey, { domain: t.domainName });
  const version = (ctx.context.extension.packageJSON as { version?: string }).version ?? '0';
  ctx.errorHandling.cancelled = vscode.l10n.t('The test event was cancelled.');
  const result = await withCancellableProgress(vscode.l10n.t('Posting a test "{0}" event to {1}…', t.eventType, t.url), (signal) =>
    postWebhook(t.url, payload, { timeoutMs: settings.requestTimeoutMs(), signal, userAgent: `mailgun-vscode/${version} (test event)` }),
  );
  ctx.log.debug(`Test event id ${String(payload['event-data'].id)} posted to ${t.url}.`);
  reportOutcome(ctx.log, result.status === 200 ? 'info' : 'warning', summary(t, result));
  return result;
}

export interface VerifyResult extends SignatureCheck {
  event?: string;
}

/** Prefills the input from the editor when its selection (or the whole small document) is a webhook payload. */
function signatureFromEditor(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const selected = editor.document.getText(editor.selection);
  const text = selected.trim() ? selected : editor.document.getText();
  if (text.length > 200_000) return undefined;
  const parsed = parseSignatureInput(text);
  return parsed.ok ? `${parsed.signature.timestamp} ${parsed.signature.token} ${parsed.signature.signature}` : undefined;
}

function askSignature(ui: UserInput, account: Account): Promise<string> {
  return ui.input({
    title: account.subaccount
      ? vscode.l10n.t('Verify Webhook Signature (signing key of subaccount "{0}" of "{1}")', account.subaccount.name, account.label)
      : vscode.l10n.t('Verify Webhook Signature (signing key of "{0}")', account.label),
    prompt: vscode.l10n.t('Paste the JSON body Mailgun posted, or its timestamp, token and signature separated by spaces.'),
    placeHolder: '{"signature":{"timestamp":"…","token":"…","signature":"…"},"event-data":{…}}',
    value: signatureFromEditor(),
    validateInput: (v) => {
      const parsed = parseSignatureInput(v);
      return parsed.ok ? undefined : parsed.problem;
    },
    ignoreFocusOut: true,
  });
}

/**
 * From an account (or anything below it), or the palette. Under a subaccount, the subaccount's key: it signs the
 * webhooks of its own domains.
 */
export async function verifyWebhookSignature(ctx: CommandContext, node?: TreeNode): Promise<VerifyResult | undefined> {
  ctx.errorHandling.action = 'Could not check the signature';
  const account = ancestorOf(node, SubaccountNode)?.account ?? (await accountOf(ctx, node, vscode.l10n.t('Verify Webhook Signature')));
  const parsed = parseSignatureInput(await askSignature(ctx.ui, account));
  if (!parsed.ok) throw new Error(parsed.problem); // the box accepts only what parses
  // The signing key belongs to the (sub)account, not the region: either region's API answers with it.
  const client = await clientOf(ctx, { account, region: firstRegion() });
  const signingKey = await client.signingKey.get();
  const check = verifySignature(signingKey, parsed.signature, {});
  const event = parsed.event;
  const key = keyOf(account);
  const age = Number.isNaN(check.ageSeconds) ? '' : check.ageSeconds >= 0 ? vscode.l10n.t('{0} ago', describeAge(check.ageSeconds)) : vscode.l10n.t('{0} in the future', describeAge(check.ageSeconds));
  const maxAge = describeAge(check.maxAgeSeconds);
  const verdicts: Record<SignatureCheck['verdict'], [Severity, string]> = {
    valid: ['info', event ? vscode.l10n.t('Valid: this "{0}" event was signed with {1}, {2}.', event, key, age) : vscode.l10n.t('Valid: this payload was signed with {0}, {1}.', key, age)],
    stale: [
      'warning',
      age
        ? vscode.l10n.t('Stale: the signature matches {0}, but it was made {1}, more than {2} from now. A receiver should reject it: it may be a replay.', key, age, maxAge)
        : vscode.l10n.t('Stale: the signature matches {0}, but its timestamp is not a time in seconds, more than {1} from now. A receiver should reject it: it may be a replay.', key, maxAge),
    ],
    invalid: [
      'error',
      event
        ? vscode.l10n.t('Invalid: this "{0}" event was not signed with {1}. It was altered, signed for another account, or signed with a key that has since been rotated.', event, key)
        : vscode.l10n.t('Invalid: this payload was not signed with {0}. It was altered, signed for another account, or signed with a key that has since been rotated.', key),
    ],
  };
  const [severity, text] = verdicts[check.verdict];
  ctx.log.info(`Signature check (timestamp ${parsed.signature.timestamp}, "${account.label}"${account.subaccount ? `, subaccount ${account.subaccount.id}` : ''}): ${check.verdict}.`);
  notifyWithLogs(ctx.log, severity, text);
  return { ...check, event: parsed.event };
}

