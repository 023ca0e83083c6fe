// The one HTML shell of every Mailgun webview: its Content Security Policy, the nonce of its one script, its style
// sheets. A page puts no data in its markup unless escaped with `attr`. Never imports vscode.
import { randomBytes } from 'node:crypto';

export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

/** No inline script or style, no eval, no network: scripts only with the nonce, everything else only from the extension. */
export function panelCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Text made safe for a double-quoted attribute value or element content. */
export const attr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface PageShell {
  /** `webview.cspSource`: the only origin styles, fonts and images may come from. */
  cspSource: string;
  nonce: string;
  /** The document's title, as text. */
  title: string;
  /** webview URI of the codicon style sheet (the @vscode-elements controls look it up by its id). */
  codicons?: string;
  /** webview URIs of the page's other style sheets, in order. */
  styles: readonly string[];
  /** webview URI of the page's one script. */
  script: string;
  /** The body's markup. */
  body: string;
}

export function pageHtml(page: PageShell): string {
  const links = [
    ...(page.codicons ? [`<link rel="stylesheet" id="vscode-codicon-stylesheet" href="${attr(page.codicons)}">`] : []),
    ...page.styles.map((href) => `<link rel="stylesheet" href="${attr(href)}">`),
  ];
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${attr(panelCsp(page.cspSource, page.nonce))}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  ${links.join('\n  ')}
  <title>${attr(page.title)}</title>
</head>
<body>
${page.body}
  <script nonce="${attr(page.nonce)}" src="${attr(page.script)}"></script>
</body>
</html>`;
}
