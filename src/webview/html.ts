// The stats panel's page (its shell and CSP are page.ts's). No data goes into this page: the app fills it in as text
// after the ready handshake. Never imports vscode.
import { pageHtml } from './page';

export interface StatsPageAssets {
  /** `webview.cspSource`: the only origin styles, fonts and images may come from. */
  cspSource: string;
  /** webview URIs of the files in dist/webview. */
  script: string;
  styles: { codicons: string; uplot: string; app: string };
}

function chartSection(id: 'counts' | 'rates', heading: string): string {
  return `
  <section class="chart-section" id="${id}-section" aria-labelledby="${id}-heading" hidden>
    <h2 id="${id}-heading">${heading}</h2>
    <div class="series-toggles" id="${id}-toggles" role="group" aria-label="${heading}: series shown in the chart and table"></div>
    <div class="chart-and-table">
      <div class="chart" id="${id}-chart" role="img" aria-describedby="${id}-caption"></div>
      <div class="table-side">
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby="${id}-caption">
          <table id="${id}-table"><caption id="${id}-caption"></caption><thead></thead><tbody></tbody></table>
        </div>
        <div class="pager" id="${id}-pager" role="group" aria-label="${heading} table pages" hidden>
          <vscode-button id="${id}-previous" icon="chevron-left" secondary>Earlier rows</vscode-button>
          <span id="${id}-position" aria-live="polite"></span>
          <vscode-button id="${id}-next" icon-after="chevron-right" secondary>Later rows</vscode-button>
        </div>
      </div>
    </div>
  </section>`;
}

export function statsHtml(assets: StatsPageAssets, nonce: string): string {
  return pageHtml({
    cspSource: assets.cspSource,
    nonce,
    title: 'Mailgun stats',
    codicons: assets.styles.codicons,
    styles: [assets.styles.uplot, assets.styles.app],
    script: assets.script,
    body: `  <header class="page-header">
    <h1 id="title">Mailgun stats</h1>
    <p id="subtitle" class="subtitle"></p>
  </header>
  <div class="controls" role="toolbar" aria-label="Stats range and actions">
    <div class="field">
      <span class="field-label" aria-hidden="true">Range</span>
      <vscode-single-select id="range" label="Date range">
        <vscode-option value="24h">Last 24 hours</vscode-option>
        <vscode-option value="7d">Last 7 days</vscode-option>
        <vscode-option value="30d">Last 30 days</vscode-option>
        <vscode-option value="60d">Last 60 days</vscode-option>
        <vscode-option value="custom">Custom…</vscode-option>
      </vscode-single-select>
    </div>
    <div class="field custom-range" id="custom-range" hidden>
      <span class="field-label" aria-hidden="true">From (UTC)</span>
      <vscode-textfield id="custom-start" type="date" label="Start date, UTC"></vscode-textfield>
      <span class="field-label" aria-hidden="true">to</span>
      <vscode-textfield id="custom-end" type="date" label="End date, UTC"></vscode-textfield>
      <vscode-button id="custom-apply" secondary>Apply</vscode-button>
    </div>
    <div class="field">
      <span class="field-label" aria-hidden="true">Resolution</span>
      <vscode-single-select id="resolution" label="Resolution">
        <vscode-option value="hour">Hour</vscode-option>
        <vscode-option value="day">Day</vscode-option>
        <vscode-option value="month">Month</vscode-option>
      </vscode-single-select>
    </div>
    <div class="actions">
      <vscode-button id="refresh" icon="refresh" secondary>Refresh</vscode-button>
      <vscode-button id="export" icon="desktop-download" secondary disabled>Export CSV</vscode-button>
    </div>
  </div>
  <p id="range-problem" class="range-problem" role="alert" hidden></p>
  <main id="main">
    <div id="status" class="status" role="status" aria-live="polite"><vscode-progress-ring id="spinner" hidden></vscode-progress-ring><span id="status-text">Waiting for the extension…</span></div>
    <div id="error" class="error" role="alert" hidden>
      <p id="error-message"></p>
      <vscode-button id="retry" icon="debug-restart">Retry</vscode-button>
    </div>
    <p id="source" class="source" hidden></p>
    <dl id="totals" class="totals" aria-label="Totals for the whole range" hidden></dl>
    ${chartSection('counts', 'Events')}
    ${chartSection('rates', 'Rates')}
    <section class="chart-section" id="by-subaccount-section" aria-labelledby="by-subaccount-heading" hidden>
      <h2 id="by-subaccount-heading">By subaccount</h2>
      <div class="controls" role="toolbar" aria-label="By subaccount">
        <vscode-single-select id="by-subaccount-metric" label="Series shown by subaccount"></vscode-single-select>
        <vscode-button id="by-subaccount-export" icon="desktop-download" secondary>Export CSV</vscode-button>
      </div>
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="by-subaccount-caption">
        <table id="by-subaccount-table"><caption id="by-subaccount-caption"></caption><thead></thead><tbody></tbody></table>
      </div>
    </section>
  </main>`,
  });
}
