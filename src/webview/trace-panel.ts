// The trace panel in the extension host: it holds the TraceResult (the webview never sees the key), renders it, checks
// every message from the page with zod, confirms and runs the remedies, and re-traces the domain each one touched.
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import { traceRecipient, traceReport, withDomainTrace, type Region, type TraceResult } from '../mailgun';
import type { Services } from '../services';
import { isUserCancelled } from '../ui/input';
import { notify, reportFailure, reportOutcome } from '../ui/notify';
import { PanelHost } from './panel-host';
import { domainKey, traceHtml } from './trace-html';

export const TRACE_VIEW_TYPE = 'mailgun.trace';
export const OPEN_LOGS_COMMAND = 'mailgun.openLogs';

const REMEDIES = ['removeBounce', 'removeUnsubscribe', 'removeUnsubscribeTag', 'removeComplaint', 'allowlist'] as const;

function buildActionSchema() {
  const at = { domain: z.string().check(z.minLength(1)), region: z.enum(['us', 'eu']) };
  return z.discriminatedUnion('action', [
    z.object({ type: z.literal('action'), action: z.enum(REMEDIES), ...at, tag: z.optional(z.string()) }),
    z.object({ type: z.literal('action'), action: z.literal('retry'), ...at }),
    z.object({ type: z.literal('action'), action: z.literal('openLogs'), ...at }),
    z.object({ type: z.literal('action'), action: z.literal('copyReport') }),
  ]);
}
let actionSchema: ReturnType<typeof buildActionSchema> | undefined;
export const traceActionSchema = (): ReturnType<typeof buildActionSchema> => (actionSchema ??= buildActionSchema());
export type TraceAction = z.output<ReturnType<typeof buildActionSchema>>;

export class TracePanel extends PanelHost<TraceAction, never> {
  private readonly busy = new Set<string>();
  private readonly changedEmitter = new vscode.EventEmitter<TraceResult>();
  /** Fires after every re-trace (remedy or Retry) with the new result. */
  readonly onDidChange = this.changedEmitter.event;

  constructor(
    panel: vscode.WebviewPanel,
    services: Services,
    readonly accountId: string,
    public result: TraceResult,
  ) {
    super(panel, services, { name: 'Trace panel', incoming: traceActionSchema() });
    panel.title = vscode.l10n.t('Trace: {0}', result.address);
    this.render();
  }

  private render(): void {
    this.setPage(({ cspSource, nonce, asset }) => traceHtml({ result: this.result, busy: this.busy, now: Date.now() }, { cspSource, script: asset('trace.js'), style: asset('trace.css') }, nonce));
  }

  protected override onMessage(action: TraceAction): void {
    void this.run(action);
  }

  /** Runs one action of the page (also what the in-host tests call). Resolves when it and its re-trace are done. */
  async run(action: TraceAction): Promise<void> {
    if (action.action === 'copyReport') {
      await vscode.env.clipboard.writeText(traceReport(this.result, Date.now()));
      notify('info', vscode.l10n.t('The trace report for {0} is on the clipboard.', this.result.address));
      return;
    }
    const target = this.result.domains.find((d) => d.domain === action.domain && d.region === action.region);
    if (!target) {
      this.services.log.warn(`Trace panel: ${action.domain} (${action.region}) is not part of this trace; ignored.`);
      return;
    }
    if (action.action === 'openLogs') return this.openLogs(action.region, action.domain);
    if (action.action === 'retry') return this.retrace(action.region, action.domain);
    if (this.busy.has(domainKey(action))) return;
    const remedy = this.describe(action);
    try {
      await this.services.input.current.confirm(remedy.question, remedy.detail, remedy.button);
    } catch (err) {
      // Declining is an answer: nothing is changed.
      if (isUserCancelled(err)) return;
      throw err;
    }
    this.busy.add(domainKey(action));
    this.render();
    try {
      const client = await this.services.clients.get(this.accountId, action.region);
      await remedy.run(client.suppressions);
      reportOutcome(this.services.log, 'info', remedy.done);
    } catch (error) {
      reportFailure(this.services.log, remedy.button, error);
    } finally {
      this.busy.delete(domainKey(action));
    }
    await this.retrace(action.region, action.domain);
  }

  private describe(action: Extract<TraceAction, { action: (typeof REMEDIES)[number] }>) {
    const { address } = this.result;
    const { domain } = action;
    type Api = Awaited<ReturnType<Services['clients']['get']>>['suppressions'];
    const make = (question: string, detail: string, button: string, done: string, run: (s: Api) => Promise<unknown>) => ({ question, detail, button, done, run });
    switch (action.action) {
      case 'removeBounce':
        return make(vscode.l10n.t('Remove {0} from the bounce list of {1}?', address, domain), vscode.l10n.t('Mailgun will send to this address again; if it still bounces, it goes back on the list.'), vscode.l10n.t('Remove Bounce'), vscode.l10n.t('Removed {0} from the bounce list of {1}.', address, domain), (s) => s.bounces.delete(domain, address));
      case 'removeUnsubscribe':
        return make(vscode.l10n.t('Remove every unsubscribe of {0} on {1}?', address, domain), vscode.l10n.t('Mailgun will send all mail from this domain to the address again, whatever its tags. Only do this if the recipient asked for it.'), vscode.l10n.t('Remove Unsubscribe'), vscode.l10n.t('Removed the unsubscribe of {0} on {1}.', address, domain), (s) => s.unsubscribes.delete(domain, address));
      case 'removeUnsubscribeTag': {
        const tag = action.tag ?? '*';
        return make(vscode.l10n.t('Remove the unsubscribe from "{0}" of {1} on {2}?', tag, address, domain), vscode.l10n.t('Mail tagged "{0}" will reach this address again; its other unsubscribes stay.', tag), vscode.l10n.t('Remove Tag'), vscode.l10n.t('Removed the unsubscribe from "{0}" of {1} on {2}.', tag, address, domain), (s) => s.unsubscribes.deleteTag(domain, address, tag));
      }
      case 'removeComplaint':
        return make(vscode.l10n.t('Remove the spam complaint of {0} on {1}?', address, domain), vscode.l10n.t('Mailgun will send to this address again. Sending to people who complained harms your reputation; only do this if they asked for it.'), vscode.l10n.t('Remove Complaint'), vscode.l10n.t('Removed the spam complaint of {0} on {1}.', address, domain), (s) => s.complaints.delete(domain, address));
      case 'allowlist':
        return make(vscode.l10n.t('Add {0} to the allowlist of {1}?', address, domain), vscode.l10n.t('Mailgun will never add this address to the bounce list of this domain. Complaints and unsubscribes still apply.'), vscode.l10n.t('Add to Allowlist'), vscode.l10n.t('Added {0} to the allowlist of {1}.', address, domain), (s) => s.allowlist.add(domain, { address }));
    }
  }

  private async openLogs(region: Region, domain: string): Promise<void> {
    const args = { accountId: this.accountId, region, domain, recipient: this.result.address };
    if (!(await vscode.commands.getCommands(true)).includes(OPEN_LOGS_COMMAND)) {
      notify('warning', vscode.l10n.t('The Logs panel is not available in this version of the extension, so the events could not be opened there. Copy the report to see them.'));
      return;
    }
    await vscode.commands.executeCommand(OPEN_LOGS_COMMAND, args);
  }

  /** Looks the address up again on one domain and shows the new answer there; the other domains stay. */
  async retrace(region: Region, domain: string): Promise<void> {
    const key = domainKey({ region, domain });
    this.busy.add(key);
    this.render();
    try {
      const client = await this.services.clients.get(this.accountId, region);
      const fresh = await traceRecipient([{ region, client, domains: [domain], domain }], this.result.address);
      this.result = withDomainTrace(this.result, fresh);
    } catch (error) {
      reportFailure(this.services.log, `Trace ${this.result.address} again on ${domain}`, error);
    } finally {
      this.busy.delete(key);
    }
    this.render();
    this.changedEmitter.fire(this.result);
  }

  override dispose(): void {
    this.changedEmitter.dispose();
    super.dispose();
  }
}
