import * as vscode from 'vscode';
import type { Account } from '../accounts/accountStore';
import type { Region } from '../mailgun';
import type { Services } from '../services';
import { settings } from '../settings';
import { AccountWebhookNode } from '../tree/accountWebhookNode';
import { ancestorOf } from '../tree/ancestors';
import { DomainNode } from '../tree/domainNode';
import { RegionNode } from '../tree/regionNode';
import { WebhookUrlNode } from '../tree/webhookUrlNode';
import { notifyWithLogs, reportFailure, reportOutcome, reportRefusal, type Severity } from '../ui/notify';
import { withCancellableProgress } from '../ui/progress';
import { mailgunWouldSay, postWebhook, WebhookDeliveryError, type WebhookDelivery } from '../webhooks/delivery';
import { testWebhookPayload } from '../webhooks/sampleEvent';
import { describeAge, parseSignatureInput, verifyWebhookSignature, type SignatureCheck } from '../webhooks/signature';
import { commandOptions } from './commandOptions';
import { clientOf, resolveAccount, resolveDomain } from './targets';
import { domainWebhooks } from './webhooks';

interface SendTestArgs {
  /** The event type to send (account webhooks and the palette); a URL node sends its own. */
  eventType: string;
  /** From the palette: the URL to post to. */
  url: string;
  timeoutMs: number;
}

/** Where a test event goes and whose signing key signs it. */
interface TestTarget {
  account: Account;
  region: Region;
  url: string;
  eventType: string;
  /** The sending domain the sample event names. */
  domainName: string;
}

async function pickEventType(types: readonly string[], url: string): Promise<string | undefined> {
  if (types.length === 1) return types[0];
  return vscode.window.showQuickPick([...types], { title: `Send Test Webhook Event to ${url}`, placeHolder: 'Which event should the sample be?' });
}

async function testTarget(services: Services, node: unknown, args: Partial<SendTestArgs>): Promise<TestTarget | undefined> {
  if (node instanceof WebhookUrlNode) {
    const d = ancestorOf(node, DomainNode)!;
    return { account: d.account, region: d.region, url: node.url, eventType: node.parent.eventType, domainName: d.domainName };
  }
  if (node instanceof AccountWebhookNode) {
    const r = ancestorOf<RegionNode>(node, RegionNode)!;
    const eventType = args.eventType ?? (await pickEventType(node.webhook.event_types, node.url));
    if (!eventType) return undefined;
    // Account webhooks fire for every domain, so the sample names a reserved example domain.
    return { account: r.account, region: r.region, url: node.url, eventType, domainName: 'mg.example.com' };
  }
  const target = await resolveDomain(services, node, 'Send Test Webhook Event');
  if (!target) return undefined;
  let { url, eventType } = args;
  if (url === undefined || eventType === undefined) {
    const { map } = await domainWebhooks(services, target);
    const entries = Object.entries(map).flatMap(([type, urls]) => urls.map((u) => ({ label: type, description: u, url: u })));
    if (entries.length === 0) {
      reportOutcome(services.log, 'info', `${target.domainName} has no webhooks to test.`);
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(entries, { title: `Send Test Webhook Event (${target.domainName})`, placeHolder: 'Choose an event type and URL', matchOnDescription: true });
    if (!picked) return undefined;
    url = picked.url;
    eventType = picked.label;
  }
  return { account: target.account, region: target.region, url, eventType, domainName: target.domainName };
}

function summary(t: TestTarget, r: WebhookDelivery): string {
  const body = r.body ? ` Body: "${r.body}${r.truncated ? '…' : ''}".` : ' Empty body.';
  return `Test "${t.eventType}" event to ${t.url}: ${r.status}${r.statusText ? ` ${r.statusText}` : ''} in ${r.elapsedMs} ms.${body} ${mailgunWouldSay(r.status)}`;
}

/**
 * Posts a sample event, signed with the account's webhook signing key as Mailgun signs, from the extension host
 * to the webhook's URL. Only the signature travels: neither the API key nor the signing key is sent.
 */
async function sendTestEvent(services: Services, node: unknown, arg: unknown): Promise<WebhookDelivery | undefined> {
  const args = commandOptions<SendTestArgs>(arg);
  let target: TestTarget | undefined;
  try {
    target = await testTarget(services, node, args);
    if (!target) return undefined;
    const t = target;
    const client = await clientOf(services, t);
    const signingKey = await client.signingKey.get();
    const payload = testWebhookPayload(t.eventType, signingKey, { domain: t.domainName });
    const version = (services.context.extension.packageJSON as { version?: string }).version ?? '0';
    const result = await withCancellableProgress(`Posting a test "${t.eventType}" event to ${t.url}…`, (signal) =>
      postWebhook(t.url, payload, { timeoutMs: args.timeoutMs ?? settings.requestTimeoutMs(), signal, userAgent: `mailgun-vscode/${version} (test event)` }),
    );
    services.log.debug(`Test event id ${String(payload['event-data'].id)} posted to ${t.url}.`);
    reportOutcome(services.log, result.status === 200 ? 'info' : 'warning', summary(t, result));
    return result;
  } catch (err) {
    if (err instanceof WebhookDeliveryError && err.reason === 'cancelled') {
      reportOutcome(services.log, 'info', 'The test event was cancelled.');
      return undefined;
    }
    reportFailure(services.log, target ? `The test "${target.eventType}" event was not delivered` : 'Could not send a test event', err);
    return undefined;
  }
}

interface VerifyArgs {
  /** What the user would paste: the payload JSON, or timestamp, token and signature. */
  payload: string;
  accountId: string;
  maxAgeSeconds: number;
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

async function askSignature(account: Account): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: `Verify Webhook Signature (signing key of "${account.label}")`,
    prompt: 'Paste the JSON body Mailgun posted, or its timestamp, token and signature separated by spaces.',
    placeHolder: '{"signature":{"timestamp":"…","token":"…","signature":"…"},"event-data":{…}}',
    value: signatureFromEditor(),
    validateInput: (v) => {
      const parsed = parseSignatureInput(v);
      return parsed.ok ? undefined : parsed.problem;
    },
    ignoreFocusOut: true,
  });
}

async function verifySignature(services: Services, node: unknown, arg: unknown): Promise<VerifyResult | undefined> {
  const args = commandOptions<VerifyArgs>(arg);
  try {
    const account =
      (args.accountId !== undefined ? services.accounts.get(args.accountId) : undefined) ?? (await resolveAccount(services, node, 'Verify Webhook Signature'));
    if (!account) return undefined;
    const input = args.payload ?? (await askSignature(account));
    if (input === undefined) return undefined;
    const parsed = parseSignatureInput(input);
    if (!parsed.ok) return void reportRefusal(services.log, parsed.problem);

    // The signing key belongs to the account, not the region: either region's API answers with it.
    const client = await services.clients.get(account.id, settings.regions()[0]);
    const signingKey = await client.signingKey.get();
    const check = verifyWebhookSignature(signingKey, parsed.signature, { maxAgeSeconds: args.maxAgeSeconds });
    const event = parsed.event ? `"${parsed.event}" event` : 'payload';
    const key = `the webhook signing key of "${account.label}"`;
    const age = Number.isNaN(check.ageSeconds) ? '' : check.ageSeconds >= 0 ? `${describeAge(check.ageSeconds)} ago` : `${describeAge(check.ageSeconds)} in the future`;
    const verdicts: Record<SignatureCheck['verdict'], [Severity, string]> = {
      valid: ['info', `Valid: this ${event} was signed with ${key}, ${age}.`],
      stale: [
        'warning',
        `Stale: the signature matches ${key}, but ${age ? `it was made ${age}` : 'its timestamp is not a time in seconds'}, more than ${describeAge(check.maxAgeSeconds)} from now. A receiver should reject it: it may be a replay.`,
      ],
      invalid: ['error', `Invalid: this ${event} was not signed with ${key}. It was altered, signed for another account, or signed with a key that has since been rotated.`],
    };
    const [severity, text] = verdicts[check.verdict];
    services.log.info(`Signature check (timestamp ${parsed.signature.timestamp}, "${account.label}"): ${check.verdict}.`);
    notifyWithLogs(services.log, severity, text);
    return { ...check, event: parsed.event };
  } catch (err) {
    reportFailure(services.log, 'Could not check the signature', err);
    return undefined;
  }
}

export function registerWebhookTestingCommands(services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('mailgun.sendTestWebhook', (node?: unknown, args?: unknown) => sendTestEvent(services, node, args)),
    vscode.commands.registerCommand('mailgun.verifyWebhookSignature', (node?: unknown, args?: unknown) => verifySignature(services, node, args)),
  ];
}
