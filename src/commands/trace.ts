// "Trace Recipient…": where one address stands on every domain (suppressions, allowlist, recent events), in a panel.
// Run on a domain or a suppression item, from the palette, or by other code with a plain object (`traceArgument`).
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import type { Account } from '../accounts/account-store';
import { isMailgunError, regionLabel, traceRecipient, validateEmail, type Region, type TraceRegionScope, type TraceResult } from '../mailgun';
import type { Services } from '../services';
import { settings } from '../settings';
import { ancestorOf } from '../tree/ancestors';
import { DomainNode } from '../tree/domain-node';
import type { TreeNode } from '../tree/node';
import { SuppressionNode } from '../tree/suppression-node';
import type { UserInput } from '../ui/input';
import { reportRefusal } from '../ui/notify';
import { withCancellableProgress } from '../ui/progress';
import { TRACE_VIEW_TYPE, TracePanel } from '../webview/trace-panel';
import { again, takesArgument, type CommandContext } from './register';
import { accountOf, isTreeNode } from './targets';

const TITLE = vscode.l10n.t('Trace Recipient');

const text = z.string().check(z.minLength(1), z.maxLength(1000));
const region = z.enum(['us', 'eu']);
const who = { accountId: text, address: z.string() };

/** What other code passes instead of an explorer item: whose address to trace, and where (nothing is asked). */
export const traceArgument = z.discriminatedUnion('scope', [
  z.object({ ...who, scope: z.literal('all') }),
  z.object({ ...who, scope: z.literal('region'), region }),
  z.object({ ...who, scope: z.literal('domain'), region, domain: text }),
]);
export type TraceArgument = z.infer<typeof traceArgument>;

type Scope = { kind: 'all' } | { kind: 'region'; region: Region } | { kind: 'domain'; region: Region; domain: string };

async function askAddress(ui: UserInput): Promise<string> {
  const value = await ui.input({
    title: TITLE,
    prompt: vscode.l10n.t('The recipient address to look for on every suppression list and in the recent events'),
    placeHolder: 'alice@example.com',
    validateInput: (v) => validateEmail(v.trim()),
    ignoreFocusOut: true,
  });
  return value.trim();
}

async function askScope(ui: UserInput, regions: Region[], domainNode: DomainNode | undefined): Promise<Scope> {
  const items: Array<vscode.QuickPickItem & { scope: Scope }> = [{ label: vscode.l10n.t('Every domain of every region'), description: regions.map(regionLabel).join(vscode.l10n.t(' and ')), scope: { kind: 'all' } }];
  for (const r of regions) items.push({ label: vscode.l10n.t('Every domain in {0}', regionLabel(r)), scope: { kind: 'region', region: r } });
  if (domainNode) items.push({ label: vscode.l10n.t('Only {0}', domainNode.domainName), description: regionLabel(domainNode.region), scope: { kind: 'domain', region: domainNode.region, domain: domainNode.domainName } });
  return (await ui.pick(items, { title: TITLE, placeHolder: vscode.l10n.t('Where to look') })).scope;
}

function scopeOf(arg: TraceArgument): Scope {
  if (arg.scope === 'all') return { kind: 'all' };
  if (arg.scope === 'region') return { kind: 'region', region: arg.region };
  return { kind: 'domain', region: arg.region, domain: arg.domain };
}

/** The account, address and scope: from the argument, else from the item (a suppressed address is the answer already) and asked. */
async function whatToTrace(ctx: CommandContext, target: TreeNode | TraceArgument | undefined): Promise<{ account: Account; address: string; scope: Scope } | undefined> {
  if (target !== undefined && !isTreeNode(target)) {
    const account = ctx.accounts.get(target.accountId);
    if (!account) {
      reportRefusal(ctx.log, vscode.l10n.t('That Mailgun account is no longer stored in VS Code, so nothing was traced. Add its API key again with "Mailgun: Add API Key…".'));
      return undefined;
    }
    const address = target.address.trim();
    const problem = validateEmail(address);
    if (problem) {
      reportRefusal(ctx.log, vscode.l10n.t('{0} Nothing was traced.', problem));
      return undefined;
    }
    return { account, address, scope: scopeOf(target) };
  }
  const domainNode = ancestorOf(target, DomainNode);
  const account = domainNode?.account ?? (await accountOf(ctx, target, TITLE));
  const entry = target instanceof SuppressionNode ? target.key : undefined;
  const address = entry?.includes('@') ? entry : await askAddress(ctx.ui);
  return { account, address, scope: await askScope(ctx.ui, settings.regions(), domainNode) };
}

/** Traces behind a cancellable progress and opens the report; Cancel ends the command silently. */
async function showTrace(ctx: CommandContext, account: Account, address: string, scope: Scope): Promise<TracePanel | undefined> {
  const result = await withCancellableProgress(vscode.l10n.t('Tracing {0}', address), (signal, progress) => trace(ctx, account, scope, settings.regions(), address, signal, progress));
  const panel = vscode.window.createWebviewPanel(TRACE_VIEW_TYPE, vscode.l10n.t('Trace: {0}', address), vscode.ViewColumn.Active, { enableScripts: true });
  const tracePanel = new TracePanel(panel, ctx, account.id, result);
  ctx.context.subscriptions.push(tracePanel);
  // The in-host tests drive the panel through this handle; the UI gets nothing it would have to serialise.
  return ctx.context.extensionMode === vscode.ExtensionMode.Test ? tracePanel : undefined;
}

export const traceRecipientCommand = takesArgument(traceArgument, '{ accountId, address, scope, region?, domain? }', async (ctx, target) => {
  const what = await whatToTrace(ctx, target);
  if (!what) return undefined;
  const { account, address, scope } = what;
  ctx.errorHandling.action = vscode.l10n.t('Trace {0}', address);
  ctx.errorHandling.retry = again(ctx, (c) => showTrace(c, account, address, scope));
  return showTrace(ctx, account, address, scope);
});

async function trace(
  services: Services,
  account: Account,
  scope: Scope,
  regions: Region[],
  address: string,
  signal: AbortSignal,
  progress: vscode.Progress<{ message?: string; increment?: number }>,
): Promise<TraceResult> {
  const wanted = scope.kind === 'all' ? regions : [scope.region];
  const listed: { scope?: TraceRegionScope; region: Region; error?: unknown }[] = [];
  progress.report({ message: vscode.l10n.t('listing domains…') });
  await Promise.all(
    wanted.map(async (region) => {
      try {
        const client = await services.clients.get(account.id, region);
        if (scope.kind === 'domain') {
          listed.push({ region, scope: { region, client, domains: [scope.domain], domain: scope.domain } });
          return;
        }
        const domains: string[] = [];
        for await (const d of client.domains.iterate({}, { signal })) domains.push(d.name);
        listed.push({ region, scope: { region, client, domains } });
      } catch (error) {
        signal.throwIfAborted();
        listed.push({ region, error });
      }
    }),
  );
  const scopes = listed.flatMap((l) => (l.scope ? [l.scope] : []));
  const total = scopes.reduce((n, s) => n + (s.domain ? 1 : s.domains.length), 0);
  let done = 0;
  const result = await traceRecipient(scopes, address, {
    signal,
    onDomain: () => progress.report({ message: vscode.l10n.t('{0} of {1} domains', ++done, total), increment: total === 0 ? 0 : 100 / total }),
  });
  for (const l of listed) {
    if (!l.error) continue;
    const why = isMailgunError(l.error) ? l.error.userMessage : l.error instanceof Error ? l.error.message : vscode.l10n.t('no reason was given.');
    result.regions.push({ region: l.region, error: vscode.l10n.t('The domains of {0} could not be listed: {1}', regionLabel(l.region), why) });
  }
  return result;
}
