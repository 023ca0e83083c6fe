import * as vscode from 'vscode';
import {
  ALERT_CHANNELS,
  alertComparatorLabels,
  ALERT_COMPARATORS,
  alertDimensionLabels,
  ALERT_DIMENSIONS,
  alertMetricLabels,
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
import { AlertNode } from '../tree/alert-node';
import type { TreeNode } from '../tree/node';
import { BACK, UserCancelledError } from '../ui/input';
import { reportOutcome, reportRefusal } from '../ui/notify';
import { again, type CommandContext } from './register';
import { clientOf, regionOf, reload, scopeOf, type RegionTarget } from './targets';

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

interface Answers {
  name?: string;
  metric?: string;
  comparator?: string;
  /** As typed: percent for rates. */
  limit?: string;
  period?: string;
  dimension?: string;
  filters?: AlertFilter[];
  channels?: string[];
}

const TOTAL_STEPS = 8;

/** Asks step `step` of Add/Edit Alert into `a`: true when answered, BACK, or false when nothing was picked (asked again). */
async function askStep(ctx: CommandContext, title: string, step: number, a: Answers): Promise<boolean | typeof BACK> {
  const s = { title, step, totalSteps: TOTAL_STEPS };
  const { ui } = ctx;
  switch (step) {
    case 1: {
      const answer = await ui.inputStep({ ...s, value: a.name, prompt: vscode.l10n.t('A name for the alert (it identifies the alert)'), placeholder: vscode.l10n.t('e.g. hard bounce rate'), validate: validateAlertName });
      if (answer === BACK) return BACK;
      a.name = answer;
      return true;
    }
    case 2: {
      const picked = await ui.pickStep({
        ...s,
        placeholder: vscode.l10n.t('The metric to watch'),
        items: ALERT_METRICS.map((m) => ({ label: alertMetricLabels()[m], description: m, metric: m })),
        chosen: (i) => i.metric === a.metric,
      });
      if (picked === BACK) return BACK;
      if (!picked[0]) return false;
      a.metric = picked[0].metric;
      return true;
    }
    case 3: {
      const picked = await ui.pickStep({
        ...s,
        placeholder: vscode.l10n.t('Alert when the {0} is…', (alertMetricLabels() as Record<string, string | undefined>)[a.metric ?? '']?.toLowerCase() ?? a.metric ?? ''),
        items: ALERT_COMPARATORS.map((c) => ({ label: c, description: alertComparatorLabels()[c], comparator: c })),
        chosen: (i) => i.comparator === (a.comparator ?? '>'),
      });
      if (picked === BACK) return BACK;
      if (!picked[0]) return false;
      a.comparator = picked[0].comparator;
      return true;
    }
    case 4: {
      const metric = a.metric ?? '';
      const unit = limitUnit(metric);
      const answer = await ui.inputStep({
        ...s,
        value: a.limit,
        prompt: vscode.l10n.t('The limit, in {0}: alert when the {1} is {2} it', unit === '%' ? vscode.l10n.t('percent (%)') : unit, metric.replace(/_/g, ' '), a.comparator ?? ''),
        placeholder: unit === '%' ? vscode.l10n.t('e.g. 2 for 2 %, 0.1 for 0.1 %') : vscode.l10n.t('e.g. 500'),
        validate: (v) => validateLimitInput(metric, v),
      });
      if (answer === BACK) return BACK;
      a.limit = answer;
      return true;
    }
    case 5: {
      const answer = await ui.inputStep({ ...s, value: a.period ?? '1h', prompt: vscode.l10n.t('Over which period Mailgun computes the metric: hours (h) or days (d)'), placeholder: vscode.l10n.t('1h or 1d'), validate: validatePeriod });
      if (answer === BACK) return BACK;
      a.period = answer;
      return true;
    }
    case 6: {
      const picked = await ui.pickStep({
        ...s,
        placeholder: vscode.l10n.t('Compute the metric per…'),
        items: ALERT_DIMENSIONS.map((d) => ({ label: alertDimensionLabels()[d], description: d, dimension: d })),
        chosen: (i) => i.dimension === (a.dimension ?? 'domain'),
      });
      if (picked === BACK) return BACK;
      if (!picked[0]) return false;
      a.dimension = picked[0].dimension;
      return true;
    }
    case 7: {
      const answer = await ui.inputStep({
        ...s,
        value: (a.filters ?? []).map(formatFilter).join('; '),
        prompt: vscode.l10n.t('Filters (optional), separated by ";": a dimension ({0}), a comparator and values', ALERT_DIMENSIONS.join(', ')),
        placeholder: vscode.l10n.t('e.g. domain = mg.example.com; recipient_provider contains Gmail'),
        validate: (v) => {
          const parsed = parseFilters(v);
          return typeof parsed === 'string' ? parsed : undefined;
        },
      });
      if (answer === BACK) return BACK;
      a.filters = parseFilters(answer) as AlertFilter[];
      return true;
    }
    default: {
      const picked = await ui.pickStep({
        ...s,
        placeholder: vscode.l10n.t('Where Mailgun sends the alert (choose any; the channels are set up in the Control Panel)'),
        canSelectMany: true,
        items: ALERT_CHANNELS.map((c) => ({ label: c, channel: c })),
        chosen: (i) => (a.channels ?? ['email']).includes(i.channel),
      });
      if (picked === BACK) return BACK;
      a.channels = picked.map((i) => i.channel);
      return true;
    }
  }
}

/**
 * The answers of Add/Edit Alert, asked in one multi-step input (Back works); every text is checked in its box,
 * before any request. Undefined when refused (said).
 */
async function askAlert(ctx: CommandContext, title: string, start?: SendAlert): Promise<SendAlertInput | undefined> {
  const a: Answers = {
    name: start?.name,
    metric: start?.metric,
    comparator: start?.comparator,
    limit: start ? String(limitAsPercent(start.metric, start.limit)) : undefined,
    period: start?.period,
    dimension: start?.dimension,
    filters: start?.filters,
    channels: start?.alert_channels,
  };
  for (let step = 1; step <= TOTAL_STEPS; ) {
    const answered = await askStep(ctx, title, step, a);
    if (answered === BACK) step = Math.max(1, step - 1);
    else if (answered) step++;
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
  if (problem) return void reportRefusal(ctx.log, vscode.l10n.t('The alert was not saved. {0}', problem));
  return input;
}

/** The alert a command acts on, fresh from Mailgun: the node's, or one picked. Undefined when it is gone (said). */
async function findAlert(ctx: CommandContext, node: TreeNode | undefined, title: string) {
  const target = await regionOf(ctx, node, title);
  const client = await clientOf(ctx, target);
  const alerts = await client.alerts.list();
  if (node instanceof AlertNode) {
    const alert = alerts.find((a) => a.name === node.alert.name);
    if (!alert) {
      reload(ctx, scopeOf(target, 'alerts'));
      reportRefusal(ctx.log, vscode.l10n.t('The alert "{0}" no longer exists in {1}; the list has been refreshed.', node.alert.name, where(target)));
      return undefined;
    }
    return { target, client, alerts, alert };
  }
  if (alerts.length === 0) {
    reportOutcome(ctx.log, 'info', vscode.l10n.t('{0} has no send alerts.', where(target)));
    throw new UserCancelledError();
  }
  const picked = await ctx.ui.pick(
    alerts.map((a) => ({ label: a.name, description: describeAlert(a), alert: a })),
    { title: `${title} (${where(target)})`, placeHolder: vscode.l10n.t('Choose an alert'), matchOnDescription: true },
  );
  return { target, client, alerts, alert: picked.alert };
}

/** From the Alerts list or the palette; returns the new alert's name. */
export async function addAlert(ctx: CommandContext, node?: TreeNode): Promise<string | undefined> {
  ctx.errorHandling.action = 'Could not add the alert';
  const target = await regionOf(ctx, node, vscode.l10n.t('Add Alert'));
  const input = await askAlert(ctx, vscode.l10n.t('Add Alert to {0}', where(target)));
  if (!input) return undefined;
  const client = await clientOf(ctx, target);
  const created = await client.alerts.create(input);
  reload(ctx, scopeOf(target, 'alerts'));
  reportOutcome(ctx.log, 'info', vscode.l10n.t('Added the alert "{0}": Mailgun notifies {1} when the {2}.', created.name, input.alert_channels?.length ? input.alert_channels.join(', ') : vscode.l10n.t('no channel'), describeAlert(created).split(' → ')[0]));
  return created.name;
}

export async function editAlert(ctx: CommandContext, node?: TreeNode): Promise<boolean> {
  ctx.errorHandling.action = 'Could not change the alert';
  const found = await findAlert(ctx, node, 'Edit Alert');
  if (!found) return false;
  const { target, client, alerts, alert } = found;
  const input = await askAlert(ctx, vscode.l10n.t('Edit Alert "{0}"', alert.name), alert);
  if (!input) return false;
  if (input.name !== alert.name && alerts.some((a) => a.name === input.name)) {
    reportRefusal(ctx.log, vscode.l10n.t('{0} already has an alert called "{1}"; choose another name.', where(target), input.name));
    return false;
  }
  ctx.errorHandling.affected = scopeOf(target, 'alerts');
  await client.alerts.update(alert.name, input);
  reload(ctx, scopeOf(target, 'alerts'));
  reportOutcome(ctx.log, 'info', vscode.l10n.t('Saved the alert "{0}" ({1}).', input.name, describeAlert(input)));
  return true;
}

export async function deleteAlert(ctx: CommandContext, node?: TreeNode): Promise<boolean> {
  ctx.errorHandling.action = 'Could not delete the alert';
  // The retry reads the alerts again and asks again.
  ctx.errorHandling.retry = again(ctx, (c) => deleteAlert(c, node));
  const found = await findAlert(ctx, node, vscode.l10n.t('Delete Alert'));
  if (!found) return false;
  const { target, client, alert } = found;
  await ctx.ui.confirm(vscode.l10n.t('Delete the alert "{0}"?', alert.name), vscode.l10n.t('Mailgun stops watching the {0} in {1}.', describeAlert(alert), where(target)), vscode.l10n.t('Delete'));
  // Sent: it may have been applied when it fails, so the list reloads.
  ctx.errorHandling.affected = scopeOf(target, 'alerts');
  await client.alerts.delete(alert.name);
  reload(ctx, scopeOf(target, 'alerts'));
  reportOutcome(ctx.log, 'info', vscode.l10n.t('Deleted the alert "{0}".', alert.name));
  return true;
}

export async function copyAlertJson(ctx: CommandContext, node?: TreeNode): Promise<string | undefined> {
  ctx.errorHandling.action = 'Could not copy the alert';
  const alert = node instanceof AlertNode ? node.alert : (await findAlert(ctx, node, vscode.l10n.t('Copy Alert as JSON')))?.alert;
  if (!alert) return undefined;
  const text = JSON.stringify(alert, null, 2);
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(`$(copy) ${vscode.l10n.t('Copied the alert "{0}" as JSON (limit {1} is sent as "{2}")', alert.name, describeLimit(alert.metric, alert.limit), alert.limit)}`, 3000);
  return text;
}
