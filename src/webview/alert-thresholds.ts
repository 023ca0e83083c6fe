// Send alerts as thresholds on the stats panel's rate chart. Alert limits of rates are fractions and Metrics rates are
// percentages (src/mailgun/alerts.ts says why), so a limit is drawn at limit × 100. Never imports vscode or the DOM.
import { describeAlert, limitAsPercent, type SendAlert } from '../mailgun/alerts';
import { RATE_SERIES, type Threshold } from './protocol';

/** Whether an alert watches what the panel shows: no domain filter, or one that lets the panel's domain through. */
function appliesTo(alert: SendAlert, domain: string | undefined): boolean {
  return alert.filters
    .filter((f) => f.dimension === 'domain')
    .every((f) => {
      if (domain === undefined) return false;
      const hit = f.values.some((v) => (f.comparator.endsWith('contains') ? domain.includes(v) : domain === v));
      return f.comparator === '=' || f.comparator === 'contains' ? hit : f.comparator === '!=' || f.comparator === 'not contains' ? !hit : false;
    });
}

/** The thresholds of the alerts that watch a rate the panel charts. */
export function thresholdsFor(alerts: readonly SendAlert[], domain: string | undefined): Threshold[] {
  const out: Threshold[] = [];
  for (const a of alerts) {
    const series = RATE_SERIES.find((s) => s.metric === a.metric);
    const value = limitAsPercent(a.metric, a.limit);
    if (!series || !Number.isFinite(value) || !appliesTo(a, domain)) continue;
    out.push({ key: series.key, name: a.name, comparator: a.comparator, value, label: `alert: ${describeAlert({ ...a, alert_channels: [] })}` });
  }
  return out;
}
