import * as vscode from 'vscode';
import {
  ALERT_CHANNELS,
  ALERT_COMPARATOR_LABELS,
  ALERT_COMPARATORS,
  ALERT_DIMENSION_LABELS,
  ALERT_DIMENSIONS,
  ALERT_METRIC_LABELS,
  ALERT_METRICS,
  type AlertFilter,
  describeAlert,
  describeLimit,
  limitAsPercent,
  limitFromInput,
  limitUnit,
  parseAlertFilter,
  regionLabel,
  type SendAlert,
  type SendAlertInput,
  validateAlertName,
  validateLimitInput,
  validatePeriod,
  validateSendAlert,
} from '../mailgun';
import type { Services } from '../services';
import { AlertNode } from '../tree/alertNode';
import { confirm } from '../ui/confirm';
import { BACK, inputStep, pickStep } from '../ui/multiStep';
import { reportFailure, reportOutcome, reportRefusal } from '../ui/notify';
import { commandOptions } from './commandOptions';
import { reportFailedChange } from './failedChange';
import { clientOf, reload, resolveRegion, type RegionTarget } from './targets';

/** What automation and tests pass instead of answering the steps; `limit` is typed as a person would (percent for rates). */
interface AlertArgs {
  name: string;
  metric: string;
  comparator: string;
  limit: string;
  period: string;
  dimension: string;
  /** Each like `domain = mg.example.com`. */
  filters: string[];
  channels: string[];
  /** From the palette: the alert to edit, delete or copy. */
  alertName: string;
}

const where = (target: RegionTarget): string => `"${target.account.label}" (${regionLabel(target.region)})`;

const formatFilter = (f: AlertFilter): string => `${f.dimension} ${f.comparator} ${f.values.join(', ')}`;

function parseFilters(text: string): AlertFilter[] | string {
  const parts = text.split(';').map((p) => p.trim()).filter(Boolean);
  const out: AlertFilter[] = [];
  for (const p of parts) {
    const f = parseAlertFilter(p);
    if (typeof f === 'string') return f;
    out.push(f);
  }
  return out;
}

/**
 * The answers of Add/Edit Alert, from `args` where given, else asked in one multi-step input (Back works);
 * every text is checked in its box, before any request. Undefined when dismissed or refused.
 */
async function askAlert(services: Services, title: string, args: Partial<AlertArgs>, start?: SendAlert): Promise<SendAlertInput | undefined> {
  const a: { name?: string; metric?: string; comparator?: string; limit?: string; period?: string; dimension?: string; filters?: AlertFilter[]; channels?: string[] } = {
    name: args.name ?? start?.name,
    metric: args.metric ?? start?.metric,
    comparator: args.comparator ?? start?.comparator,
    limit: args.limit ?? (start ? String(limitAsPercent(start.metric, start.limit)) : undefined),
    period: args.period ?? start?.period,
    dimension: args.dimension ?? start?.dimension,
    channels: args.channels ?? start?.alert_channels,
  };
  if (args.filters) {
    const parsed = parseFilters(args.filters.join(';'));
    if (typeof parsed === 'string') return void reportRefusal(services.log, `The alert was not saved. ${parsed}`);
    a.filters = parsed;
  } else a.filters = start?.filters;

  const automated = args.name !== undefined && args.metric !== undefined && args.comparator !== undefined && args.limit !== undefined;
  if (!automated) {
    const total = 8;
    let step = 1;
    while (step <= total) {
      const s = { title, step, totalSteps: total };
      let answer: unknown;
      switch (step) {
        case 1:
          answer = await inputStep({ ...s, value: a.name, prompt: 'A name for the alert (it identifies the alert)', placeholder: 'e.g. hard bounce rate', validate: validateAlertName });
          if (typeof answer === 'string') a.name = answer;
          break;
        case 2: {
          const picked = await pickStep({
            ...s,
            placeholder: 'The metric to watch',
            items: ALERT_METRICS.map((m) => ({ label: ALERT_METRIC_LABELS[m], description: m, metric: m })),
            chosen: (i) => i.metric === a.metric,
          });
          answer = picked;
          if (Array.isArray(picked) && picked[0]) a.metric = (picked[0] as { metric: string }).metric;
          break;
        }
        case 3: {
          const picked = await pickStep({
            ...s,
            placeholder: `Alert when the ${ALERT_METRIC_LABELS[a.metric as keyof typeof ALERT_METRIC_LABELS]?.toLowerCase() ?? a.metric} is…`,
            items: ALERT_COMPARATORS.map((c) => ({ label: c, description: ALERT_COMPARATOR_LABELS[c], comparator: c })),
            chosen: (i) => i.comparator === (a.comparator ?? '>'),
          });
          answer = picked;
          if (Array.isArray(picked) && picked[0]) a.comparator = (picked[0] as { comparator: string }).comparator;
          break;
        }
        case 4: {
          const metric = a.metric ?? '';
          const unit = limitUnit(metric);
          answer = await inputStep({
            ...s,
            value: a.limit,
            prompt: `The limit, in ${unit === '%' ? 'percent (%)' : unit}: alert when the ${metric.replace(/_/g, ' ')} is ${a.comparator ?? ''} it`,
            placeholder: unit === '%' ? 'e.g. 2 for 2 %, 0.1 for 0.1 %' : 'e.g. 500',
            validate: (v) => validateLimitInput(metric, v),
          });
          if (typeof answer === 'string') a.limit = answer;
          break;
        }
        case 5:
          answer = await inputStep({ ...s, value: a.period ?? '1h', prompt: 'Over which period Mailgun computes the metric: hours (h) or days (d)', placeholder: '1h or 1d', validate: validatePeriod });
          if (typeof answer === 'string') a.period = answer;
          break;
        case 6: {
          const picked = await pickStep({
            ...s,
            placeholder: 'Compute the metric per…',
            items: ALERT_DIMENSIONS.map((d) => ({ label: ALERT_DIMENSION_LABELS[d], description: d, dimension: d })),
            chosen: (i) => i.dimension === (a.dimension ?? 'domain'),
          });
          answer = picked;
          if (Array.isArray(picked) && picked[0]) a.dimension = (picked[0] as { dimension: string }).dimension;
          break;
        }
        case 7:
          answer = await inputStep({
            ...s,
            value: (a.filters ?? []).map(formatFilter).join('; '),
            prompt: `Filters (optional), separated by ";": a dimension (${ALERT_DIMENSIONS.join(', ')}), a comparator and values`,
            placeholder: 'e.g. domain = mg.example.com; recipient_provider contains Gmail',
            validate: (v) => {
              const parsed = parseFilters(v);
              return typeof parsed === 'string' ? parsed : undefined;
            },
          });
          if (typeof answer === 'string') a.filters = parseFilters(answer) as AlertFilter[];
          break;
        default: {
          const picked = await pickStep({
            ...s,
            placeholder: 'Where Mailgun sends the alert (choose any; the channels are set up in the Control Panel)',
            canSelectMany: true,
            items: ALERT_CHANNELS.map((c) => ({ label: c, channel: c })),
            chosen: (i) => (a.channels ?? ['email']).includes(i.channel),
          });
          answer = picked;
          if (Array.isArray(picked)) a.channels = (picked as { channel: string }[]).map((i) => i.channel);
        }
      }
      if (answer === undefined) return undefined;
      if (answer === BACK) step = Math.max(1, step - 1);
      else if (Array.isArray(answer) && answer.length === 0 && step !== total) continue;
      else step++;
    }
  }

  const metric = a.metric ?? '';
  const limitProblem = validateLimitInput(metric, a.limit ?? '');
  const input: SendAlertInput = {
    name: (a.name ?? '').trim(),
    metric,
    comparator: a.comparator ?? '',
    limit: limitProblem ? (a.limit ?? '') : limitFromInput(metric, a.limit ?? ''),
    dimension: a.dimension ?? 'domain',
    period: a.period?.trim() || undefined,
    alert_channels: a.channels ?? [],
    filters: a.filters,
    description: start?.description,
  };
  const problem = validateAlertName(input.name) ?? limitProblem ?? validateSendAlert(input);
  if (problem) return void reportRefusal(services.log, `The alert was not saved. ${problem}`);
  return input;
}

async function pickAlert(services: Services, alerts: readonly SendAlert[], title: string, target: RegionTarget): Promise<SendAlert | undefined> {
  if (alerts.length === 0) {
    reportOutcome(services.log, 'info', `${where(target)} has no send alerts.`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    alerts.map((a) => ({ label: a.name, description: describeAlert(a), alert: a })),
    { title, placeHolder: 'Choose an alert', matchOnDescription: true },
  );
  return picked?.alert;
}

/** The alert a command acts on, fresh from Mailgun: the node's, the name given, or one picked. */
async function findAlert(services: Services, node: unknown, args: Partial<AlertArgs>, title: string) {
  const target = await resolveRegion(services, node, title);
  if (!target) return undefined;
  const client = await clientOf(services, target);
  const alerts = await client.alerts.list();
  const name = node instanceof AlertNode ? node.alert.name : args.alertName;
  const alert = name !== undefined ? alerts.find((a) => a.name === name) : await pickAlert(services, alerts, `${title} (${where(target)})`, target);
  if (name !== undefined && !alert) {
    reload(services, target.node?.alerts);
    reportRefusal(services.log, `The alert "${name}" no longer exists in ${where(target)}; the list has been refreshed.`);
    return undefined;
  }
  return alert && { target, client, alerts, alert };
}

async function addAlert(services: Services, node: unknown, arg: unknown): Promise<string | undefined> {
  const args = commandOptions<AlertArgs>(arg);
  try {
    const target = await resolveRegion(services, node, 'Add Alert');
    if (!target) return undefined;
    const input = await askAlert(services, `Add Alert to ${where(target)}`, args);
    if (!input) return undefined;
    const client = await clientOf(services, target);
    const created = await client.alerts.create(input);
    reload(services, target.node?.alerts);
    reportOutcome(services.log, 'info', `Added the alert "${created.name}": Mailgun notifies ${input.alert_channels?.length ? input.alert_channels.join(', ') : 'no channel'} when the ${describeAlert(created).split(' → ')[0]}.`);
    return created.name;
  } catch (err) {
    reportFailure(services.log, 'Could not add the alert', err);
    return undefined;
  }
}

async function editAlert(services: Services, node: unknown, arg: unknown): Promise<boolean> {
  const args = commandOptions<AlertArgs>(arg);
  try {
    const found = await findAlert(services, node, args, 'Edit Alert');
    if (!found) return false;
    const { target, client, alerts, alert } = found;
    const input = await askAlert(services, `Edit Alert "${alert.name}"`, args, alert);
    if (!input) return false;
    if (input.name !== alert.name && alerts.some((a) => a.name === input.name)) {
      reportRefusal(services.log, `${where(target)} already has an alert called "${input.name}"; choose another name.`);
      return false;
    }
    await client.alerts.update(alert.name, input);
    reload(services, target.node?.alerts);
    reportOutcome(services.log, 'info', `Saved the alert "${input.name}" (${describeAlert(input)}).`);
    return true;
  } catch (err) {
    reportFailure(services.log, 'Could not change the alert', err);
    return false;
  }
}

async function deleteAlert(services: Services, node: unknown, arg: unknown): Promise<boolean> {
  const args = commandOptions<AlertArgs>(arg);
  let sent = false;
  let target: RegionTarget | undefined;
  try {
    const found = await findAlert(services, node, args, 'Delete Alert');
    if (!found) return false;
    target = found.target;
    const { client, alert } = found;
    const ok = await confirm(`Delete the alert "${alert.name}"?`, `Mailgun stops watching the ${describeAlert(alert)} in ${where(found.target)}.`, 'Delete');
    if (!ok) return false;
    sent = true;
    await client.alerts.delete(alert.name);
    reload(services, found.target.node?.alerts);
    reportOutcome(services.log, 'info', `Deleted the alert "${alert.name}".`);
    return true;
  } catch (err) {
    // Sent: it may have been applied, so the list reloads; the retry reads the alerts again and asks again.
    const retry = () => deleteAlert(services, node instanceof AlertNode ? undefined : node, { ...args, alertName: node instanceof AlertNode ? node.alert.name : args.alertName });
    if (sent) reportFailedChange(services, 'Could not delete the alert', err, target?.node?.alerts, retry);
    else reportFailure(services.log, 'Could not delete the alert', err, { retry });
    return false;
  }
}

async function copyAlertJson(services: Services, node: unknown, arg: unknown): Promise<string | undefined> {
  try {
    const alert = node instanceof AlertNode ? node.alert : (await findAlert(services, node, commandOptions<AlertArgs>(arg), 'Copy Alert as JSON'))?.alert;
    if (!alert) return undefined;
    const text = JSON.stringify(alert, null, 2);
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(`$(copy) Copied the alert "${alert.name}" as JSON (limit ${describeLimit(alert.metric, alert.limit)} is sent as "${alert.limit}")`, 3000);
    return text;
  } catch (err) {
    reportFailure(services.log, 'Could not copy the alert', err);
    return undefined;
  }
}

export function registerAlertCommands(services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('mailgun.addAlert', (node?: unknown, args?: unknown) => addAlert(services, node, args)),
    vscode.commands.registerCommand('mailgun.editAlert', (node?: unknown, args?: unknown) => editAlert(services, node, args)),
    vscode.commands.registerCommand('mailgun.deleteAlert', (node?: unknown, args?: unknown) => deleteAlert(services, node, args)),
    vscode.commands.registerCommand('mailgun.copyAlertJson', (node?: unknown, args?: unknown) => copyAlertJson(services, node, args)),
  ];
}
