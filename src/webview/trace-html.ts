// The trace panel's page, rendered by the host from a TraceResult: every value escaped, no key anywhere, one inline
// script (app/trace/main.ts) that only posts the clicked button's data back. Never imports vscode.
import type { DomainTrace, TraceResult } from '../mailgun';
import { domainSentence, traceVerdict } from '../mailgun/trace-verdict';
import { newNonce, pageHtml } from './page';
import * as l10n from '../mailgun/l10n';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface TraceView {
  result: TraceResult;
  /** Domains being re-traced or changed now, as `region/domain`. */
  busy: ReadonlySet<string>;
  now: number;
}

export const domainKey = (d: { region: string; domain: string }): string => `${d.region}/${d.domain}`;

function button(label: string, data: Record<string, string>, secondary = true): string {
  const attrs = Object.entries(data).map(([k, v]) => ` data-${k}="${esc(v)}"`).join('');
  return `<button type="button" class="${secondary ? 'secondary' : ''}"${attrs}>${esc(label)}</button>`;
}

function when(time: number): string {
  return new Date(time).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

function domainSection(d: DomainTrace, busy: boolean): string {
  const at = { domain: d.domain, region: d.region };
  const parts: string[] = [`<section class="domain" aria-labelledby="h-${esc(domainKey(d))}">`];
  parts.push(`<h2 id="h-${esc(domainKey(d))}">${esc(d.domain)} <span class="region">${esc(d.region.toUpperCase())}</span>${busy ? ` <span class="busy">${esc(l10n.t('Checking…'))}</span>` : ''}</h2>`);
  parts.push(`<p class="summary ${d.ok ? '' : 'error'}">${esc(domainSentence(d))}</p>`);
  if (!d.ok) {
    parts.push(`<p>${button(l10n.t('Retry'), { action: 'retry', ...at }, false)}</p></section>`);
    return parts.join('');
  }
  const { bounce, unsubscribe, complaint, allowlist } = d.suppressions;
  const rows: string[] = [];
  if (bounce) {
    rows.push(`<tr><th>${esc(l10n.t('Bounce'))}</th><td>${esc([bounce.code, bounce.error].filter(Boolean).join(' ') || l10n.t('no code or error given'))}${bounce.created_at ? `, ${esc(l10n.t('since {0}', bounce.created_at))}` : ''}</td><td>${button(l10n.t('Remove from bounces'), { action: 'removeBounce', ...at })}</td></tr>`);
  }
  if (unsubscribe) {
    const tags = unsubscribe.tags.length > 0 ? unsubscribe.tags : ['*'];
    const tagButtons = tags.length > 1 ? tags.map((t) => button(l10n.t('Remove tag {0}', t), { action: 'removeUnsubscribeTag', tag: t, ...at })).join(' ') : '';
    rows.push(`<tr><th>${esc(l10n.t('Unsubscribe'))}</th><td>${esc(l10n.t('tags {0}', tags.join(', ')))}${unsubscribe.created_at ? `, ${esc(l10n.t('since {0}', unsubscribe.created_at))}` : ''}</td><td>${tagButtons} ${button(tags.length > 1 ? l10n.t('Remove all tags') : l10n.t('Remove unsubscribe'), { action: 'removeUnsubscribe', ...at })}</td></tr>`);
  }
  if (complaint) {
    rows.push(`<tr><th>${esc(l10n.t('Complaint'))}</th><td>${esc(complaint.created_at ? l10n.t('since {0}', complaint.created_at) : l10n.t('on the list'))}</td><td>${button(l10n.t('Remove complaint'), { action: 'removeComplaint', ...at })}</td></tr>`);
  }
  rows.push(
    allowlist
      ? `<tr><th>${esc(l10n.t('Allowlist'))}</th><td>${esc(allowlist.type === 'domain' ? l10n.t('its domain {0}', allowlist.value) : l10n.t('the address {0}', allowlist.value))}</td><td></td></tr>`
      : `<tr><th>${esc(l10n.t('Allowlist'))}</th><td>${esc(l10n.t('not allowlisted'))}</td><td>${button(l10n.t('Add to allowlist'), { action: 'allowlist', ...at })}</td></tr>`,
  );
  parts.push(`<table class="entries"><tbody>${rows.join('')}</tbody></table>`);
  if (d.events.length === 0) parts.push(`<p class="muted">${esc(l10n.t('No events for this address on this domain in the last 3 days.'))}</p>`);
  else {
    const items = [...d.events]
      .sort((a, b) => a.time - b.time)
      .map((e) => `<li class="event ${esc(e.event)}"><span class="time">${esc(when(e.time))}</span> <strong>${esc(e.event)}</strong>${e.severity ? ` (${esc(e.severity)})` : ''}${e.deliveryCode || e.deliveryMessage ? ` ${esc([e.deliveryCode, e.deliveryMessage].filter(Boolean).join(' '))}` : ''}${e.subject ? ` <span class="muted">${esc(e.subject)}</span>` : ''}</li>`);
    parts.push(`<h3>${esc(l10n.t('Timeline (oldest first)'))}</h3><ol class="timeline">${items.join('')}</ol>`);
  }
  parts.push(`<p>${button(l10n.t('Open events in the Logs panel'), { action: 'openLogs', ...at })} ${button(l10n.t('Trace again'), { action: 'retry', ...at })}</p></section>`);
  return parts.join('');
}

export interface TracePageAssets {
  cspSource: string;
  script: string;
  style: string;
}

export function traceHtml(view: TraceView, assets: TracePageAssets, nonce: string = newNonce()): string {
  const { result } = view;
  const verdict = traceVerdict(result, view.now);
  const regionErrors = result.regions.filter((r) => r.error).map((r) => `<p class="error" role="alert">${esc(r.region.toUpperCase())}: ${esc(r.error!)}</p>`);
  const notices = result.regions.filter((r) => r.source === 'events').map((r) => `<p class="muted">${esc(r.region.toUpperCase())}: ${esc(l10n.t("events come from the older Events API; the Logs API isn't available for this account."))}</p>`);
  return pageHtml({
    cspSource: assets.cspSource,
    nonce,
    title: l10n.t('Trace: {0}', result.address),
    styles: [assets.style],
    script: assets.script,
    body: `<h1>${esc(l10n.t('Trace: {0}', result.address))}</h1>
<p class="verdict ${esc(verdict.kind)}" role="status" id="verdict">${esc(verdict.sentence)}</p>
<p class="muted">${esc(result.domains.length === 1 ? l10n.t('Checked {0} on 1 domain.', when(result.at)) : l10n.t('Checked {0} on {1} domains.', when(result.at), result.domains.length))} ${button(l10n.t('Copy report'), { action: 'copyReport' })}</p>
${regionErrors.join('\n')}${notices.join('\n')}
${result.domains.map((d) => domainSection(d, view.busy.has(domainKey(d)))).join('\n')}`,
  });
}
