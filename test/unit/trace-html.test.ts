import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TraceResult } from '../../src/mailgun';
import { toMessageLogRow } from '../../src/mailgun/message-logs';
import { traceHtml } from '../../src/webview/trace-html';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const evil = '<script>alert(1)</script>';

const result: TraceResult = {
  address: '"<b>x</b>"@example.com',
  at: NOW,
  regions: [{ region: 'us', source: 'logs' }],
  domains: [
    {
      domain: 'mg.example.com',
      region: 'us',
      ok: true,
      suppressions: {
        bounce: { address: 'x', code: '550', error: evil, created_at: 'Tue, 03 Mar 2026 10:00:00 UTC' },
        unsubscribe: { address: 'x', tags: ['promo', `"><img src=x onerror=alert(1)>`] },
      },
      events: [toMessageLogRow({ id: '1', event: 'failed', '@timestamp': new Date(NOW - 60_000).toISOString(), domain: { name: 'mg.example.com' }, message: { headers: { subject: evil } } })],
    },
    { domain: 'sandbox.mailgun.org', region: 'us', ok: false, error: 'Mailgun refused the request (403).', events: [] },
  ],
};

describe('trace page', () => {
  const assets = { cspSource: 'vscode-resource:', script: 'vscode-resource:/dist/webview/trace.js', style: 'vscode-resource:/dist/webview/trace.css' };
  const html = traceHtml({ result, busy: new Set(['us/mg.example.com']), now: NOW }, assets, 'NONCE');

  test('the verdict comes first, then each domain; a failed domain has Retry', () => {
    assert.ok(html.indexOf('id="verdict"') < html.indexOf('mg.example.com</h2>') || html.indexOf('id="verdict"') < html.indexOf('class="domain"'));
    assert.match(html, /<p class="verdict suppressed" role="status" id="verdict">Suppressed: hard bounce on mg\.example\.com since 3 Mar 2026/);
    assert.match(html, /Not checked: Mailgun refused the request \(403\)\.<\/p><p><button type="button" class="" data-action="retry" data-domain="sandbox\.mailgun\.org" data-region="us">Retry<\/button>/);
    assert.match(html, /data-action="removeUnsubscribeTag" data-tag="promo"/);
    assert.match(html, /Checking…/);
  });

  test('everything from Mailgun is escaped; the one script has the nonce, styles come only from the extension', () => {
    assert.ok(!html.includes(evil));
    assert.ok(!html.includes('<img'));
    assert.ok(!html.includes('<b>x</b>'));
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.match(html, /<script nonce="NONCE" src="vscode-resource:\/dist\/webview\/trace.js"><\/script>/);
    assert.match(html, /content="default-src 'none'; script-src 'nonce-NONCE'; style-src vscode-resource:;/);
    assert.doesNotMatch(html, /<style|\sstyle=|javascript:/i, 'no inline style');
  });
});
