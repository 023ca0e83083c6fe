// The Logs panel's HTML: controls and empty containers only; the app fills them in as text. Never imports vscode.
import { LOG_EVENT_NAMES } from '../../mailgun/log-event-names';
import { pageHtml } from '../page';

export interface LogsPageAssets {
  cspSource: string;
  script: string;
  styles: { codicons: string; app: string };
}

const textField = (id: string, label: string, placeholder: string): string =>
  `<div class="field"><label for="${id}">${label}</label><vscode-textfield id="${id}" placeholder="${placeholder}"></vscode-textfield></div>`;

export function logsHtml(assets: LogsPageAssets, nonce: string): string {
  const events = LOG_EVENT_NAMES.map((e) => `<vscode-option value="${e}">${e}</vscode-option>`).join('');
  return pageHtml({
    cspSource: assets.cspSource,
    nonce,
    title: 'Mailgun message logs',
    codicons: assets.styles.codicons,
    styles: [assets.styles.app],
    script: assets.script,
    body: `  <header class="page-header">
    <h1 id="title">Mailgun message logs</h1>
    <p id="subtitle" class="subtitle"></p>
  </header>
  <form id="filters" class="filters" aria-label="Filters">
    <div class="field"><label for="range">Time</label>
      <vscode-single-select id="range" label="Time">
        <vscode-option value="1h">Last hour</vscode-option>
        <vscode-option value="24h">Last 24 hours</vscode-option>
        <vscode-option value="7d">Last 7 days</vscode-option>
        <vscode-option value="30d">Last 30 days</vscode-option>
        <vscode-option value="custom">Custom…</vscode-option>
      </vscode-single-select>
    </div>
    <div class="field" id="custom-start-field" hidden><label for="custom-start">From (UTC)</label><vscode-textfield id="custom-start" type="datetime-local"></vscode-textfield></div>
    <div class="field" id="custom-end-field" hidden><label for="custom-end">Until (UTC, empty: now)</label><vscode-textfield id="custom-end" type="datetime-local"></vscode-textfield></div>
    <div class="field wide"><label for="events">Event types (none ticked: all)</label><vscode-multi-select id="events" placeholder="All events">${events}</vscode-multi-select></div>
    ${textField('recipient', 'Recipient', 'address, or part of one')}
    ${textField('from', 'Sender', 'part of the From header')}
    ${textField('subject', 'Subject', 'part of the subject')}
    ${textField('message-id', 'Message-ID', '…@mg.example.com')}
    ${textField('tag', 'Tag', 'exact tag')}
    <div class="field"><label for="severity">Severity</label>
      <vscode-single-select id="severity" label="Severity">
        <vscode-option value="">Any</vscode-option>
        <vscode-option value="temporary">Temporary</vscode-option>
        <vscode-option value="permanent">Permanent</vscode-option>
      </vscode-single-select>
    </div>
    <div class="field" id="subaccounts-field" hidden><vscode-checkbox id="subaccounts" label="Include subaccounts">Include the subaccounts' events</vscode-checkbox></div>
    <div class="actions">
      <vscode-button id="apply" icon="filter">Apply</vscode-button>
      <vscode-button id="clear" icon="clear-all" secondary>Clear</vscode-button>
    </div>
  </form>
  <div class="toolbar" role="toolbar" aria-label="Logs actions">
    <vscode-button id="refresh" icon="refresh" secondary>Refresh</vscode-button>
    <vscode-button id="tail" icon="play" secondary>Live tail</vscode-button>
    <span id="tail-state" class="tail-state" role="status" aria-live="polite"></span>
    <span class="spacer"></span>
    <vscode-single-select id="export-scope" label="What to export" aria-label="What to export">
      <vscode-option value="loaded">Loaded events</vscode-option>
      <vscode-option value="range">Whole filtered range</vscode-option>
    </vscode-single-select>
    <vscode-button id="export-ndjson" icon="desktop-download" secondary disabled>Export NDJSON</vscode-button>
    <vscode-button id="export-csv" icon="desktop-download" secondary disabled>Export CSV</vscode-button>
  </div>
  <p id="notice" class="notice" role="note" hidden></p>
  <div id="status" class="status" role="status" aria-live="polite"><vscode-progress-ring id="spinner" hidden></vscode-progress-ring><span id="status-text">Waiting for the extension…</span></div>
  <div id="error" class="error" role="alert" hidden>
    <p id="error-message"></p>
    <vscode-button id="retry" icon="debug-restart">Retry</vscode-button>
  </div>
  <main class="content">
    <div class="table-side">
      <div id="grid-head-box" class="grid-head-box" aria-hidden="true"><div class="grid-head">
        <span>Time (UTC)</span><span>Event</span><span>Recipient</span><span>Sender</span><span>Subject</span><span>Status</span><span>Tags</span>
      </div></div>
      <div id="grid" class="grid" role="grid" tabindex="0" aria-label="Message events, newest first. Up and down arrows move, Enter shows the details." aria-rowcount="0">
        <div id="grid-space" class="grid-space"></div>
      </div>
      <div class="more">
        <vscode-button id="older" icon="fold-down" secondary hidden>Load older</vscode-button>
        <span id="count" aria-live="polite"></span>
      </div>
    </div>
    <aside id="detail" class="detail" aria-label="Event details" hidden>
      <div class="detail-actions" role="toolbar" aria-label="Event actions">
        <vscode-button id="copy-json" icon="copy" secondary>Copy JSON</vscode-button>
        <vscode-button id="copy-message-id" icon="copy" secondary>Copy Message-ID</vscode-button>
        <vscode-button id="filter-recipient" icon="filter" secondary>This recipient</vscode-button>
        <vscode-button id="filter-message" icon="filter" secondary>This message</vscode-button>
        <vscode-button id="open-stored" icon="mail" secondary hidden>Open Stored Message</vscode-button>
        <vscode-button id="show-suppressions" icon="circle-slash" secondary hidden>Show the Recipient's Suppressions</vscode-button>
        <vscode-button id="close-detail" icon="close" secondary>Close</vscode-button>
      </div>
      <pre id="detail-json" class="detail-json" tabindex="0"></pre>
    </aside>
  </main>`,
  });
}
