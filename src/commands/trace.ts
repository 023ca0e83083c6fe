// "Trace Recipient…": where one address stands on every domain (suppressions, allowlist, recent events), in a panel.
import * as vscode from 'vscode';
import type { Account } from '../accounts/accountStore';
import { isMailgunError, regionLabel, traceRecipient, validateEmail, type Region, type TraceRegionScope, type TraceResult } from '../mailgun';
import type { Services } from '../services';
import { settings } from '../settings';
import { ancestorOf } from '../tree/ancestors';
import { DomainNode } from '../tree/domainNode';
import { SuppressionNode } from '../tree/suppressionNode';
import { withCancellableProgress } from '../ui/progress';
import { reportFailure, reportRefusal } from '../ui/notify';
import { TRACE_VIEW_TYPE, TracePanel } from '../webview/tracePanel';
import { commandOptions } from './commandOptions';
import { pickAccount } from './pickAccount';
import { isTreeNode } from './targets';

const TITLE = 'Trace Recipient';

/** What automation, tests and the Logs panel's rows pass instead of a tree node. */
export interface TraceArgs {
  accountId: string;
  address: string;
  region: Region;
  domain: string;
  /** Skips the scope question: every domain of every region, every domain of `region`, or only `domain`. */
  scope: 'all' | 'region' | 'domain';
}

type Scope = { kind: 'all' } | { kind: 'region'; region: Region } | { kind: 'domain'; region: Region; domain: string };

async function askAddress(prefill?: string): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title: TITLE,
    prompt: 'The recipient address to look for on every suppression list and in the recent events',
    placeHolder: 'alice@example.com',
    value: prefill,
    validateInput: (v) => validateEmail(v.trim()),
    ignoreFocusOut: true,
  });
  return value?.trim();
}

async function askScope(regions: Region[], known: { region?: Region; domain?: string }): Promise<Scope | undefined> {
  const items: Array<vscode.QuickPickItem & { scope: Scope }> = [{ label: 'Every domain of every region', description: regions.map(regionLabel).join(' and '), scope: { kind: 'all' } }];
  for (const region of regions) items.push({ label: `Every domain in ${regionLabel(region)}`, scope: { kind: 'region', region } });
  if (known.region && known.domain) items.push({ label: `Only ${known.domain}`, description: regionLabel(known.region), scope: { kind: 'domain', region: known.region, domain: known.domain } });
  const picked = await vscode.window.showQuickPick(items, { title: TITLE, placeHolder: 'Where to look' });
  return picked?.scope;
}

/** The account, region, domain and address a tree node or the options name. */
function prefill(services: Services, node: unknown, options: Partial<TraceArgs>): { account?: Account; region?: Region; domain?: string; address?: string } {
  if (isTreeNode(node)) {
    const domainNode = ancestorOf(node, DomainNode);
    const entry = node instanceof SuppressionNode ? node.key : undefined;
    return {
      account: domainNode?.account,
      region: domainNode?.region,
      domain: domainNode?.domainName,
      address: entry?.includes('@') ? entry : undefined,
    };
  }
  return { account: options.accountId ? services.accounts.get(options.accountId) : undefined, region: options.region, domain: options.domain, address: options.address };
}

async function run(services: Services, node: unknown, arg: unknown): Promise<TracePanel | undefined> {
  const options = commandOptions<TraceArgs>(isTreeNode(node) ? arg : (node ?? arg));
  const known = prefill(services, node, options);
  if (options.accountId && !known.account) {
    reportRefusal(services.log, 'That Mailgun account is no longer stored in VS Code, so nothing was traced. Add its API key again with "Mailgun: Add API Key…".');
    return undefined;
  }
  const account = known.account ?? (await pickAccount(services.accounts, TITLE));
  if (!account) return undefined;
  let address = options.address?.trim();
  if (address !== undefined) {
    const problem = validateEmail(address);
    if (problem) {
      reportRefusal(services.log, `${problem} Nothing was traced.`);
      return undefined;
    }
  } else address = known.address ?? (await askAddress()); // an address item of the explorer is the answer already
  if (!address) return undefined;
  const regions = settings.regions();
  let scope: Scope | undefined;
  if (options.scope === 'all') scope = { kind: 'all' };
  else if (options.scope === 'region' && known.region) scope = { kind: 'region', region: known.region };
  else if (options.scope === 'domain' && known.region && known.domain) scope = { kind: 'domain', region: known.region, domain: known.domain };
  else scope = await askScope(regions, known);
  if (!scope) return undefined;
  const chosen = scope;
  const traced = address;

  let cancelled = false;
  try {
    const result = await withCancellableProgress(`Tracing ${traced}`, (signal, progress) => {
      signal.addEventListener('abort', () => (cancelled = true));
      return trace(services, account, chosen, regions, traced, signal, progress);
    });
    const panel = vscode.window.createWebviewPanel(TRACE_VIEW_TYPE, `Trace: ${traced}`, vscode.ViewColumn.Active, { enableScripts: true });
    const tracePanel = new TracePanel(panel, services, account.id, result);
    services.context.subscriptions.push(tracePanel);
    return services.context.extensionMode === vscode.ExtensionMode.Test ? tracePanel : undefined;
  } catch (error) {
    if (cancelled) {
      services.log.info(`Trace of ${traced} cancelled.`);
      return undefined;
    }
    reportFailure(services.log, `Trace ${traced}`, error);
    return undefined;
  }
}

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
  progress.report({ message: 'listing domains…' });
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
    onDomain: () => progress.report({ message: `${++done} of ${total} domains`, increment: total === 0 ? 0 : 100 / total }),
  });
  for (const l of listed) {
    if (!l.error) continue;
    const why = isMailgunError(l.error) ? l.error.userMessage : l.error instanceof Error ? l.error.message : 'no reason was given.';
    result.regions.push({ region: l.region, error: `The domains of ${regionLabel(l.region)} could not be listed: ${why}` });
  }
  return result;
}

export function registerTraceCommands(services: Services): vscode.Disposable[] {
  return [vscode.commands.registerCommand('mailgun.traceRecipient', (node?: unknown, arg?: unknown) => run(services, node, arg))];
}
