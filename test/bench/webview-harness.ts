// The stats webview outside VS Code, for the benchmark: the production bundle served from 127.0.0.1 under the panel's
// own CSP, with a stand-in for acquireVsCodeApi and a dark theme's --vscode-* variables.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import * as esbuild from 'esbuild';
import { repoRoot } from '../host/code-server';
import { statsHtml } from '../../src/webview/html';
import { newNonce } from '../../src/webview/page';

export interface WebviewHarness {
  /** The panel page; it also loads uPlot's own iife build and has an empty #baseline-chart for the baseline. */
  panelUrl: string;
  /** Bytes of the minified bundle and its stylesheet. */
  bundle: { js: number; css: number; jsGzip: number };
  close(): Promise<void>;
}

// What VS Code puts on <html style> for Dark Modern, trimmed to the variables the panel reads.
const DARK_THEME = `:root {
  --vscode-font-family: system-ui, sans-serif; --vscode-font-size: 13px; --vscode-foreground: #cccccc;
  --vscode-descriptionForeground: #9d9d9d; --vscode-editor-background: #1f1f1f; --vscode-errorForeground: #f85149;
  --vscode-charts-foreground: #cccccc; --vscode-charts-lines: rgba(204, 204, 204, 0.5); --vscode-charts-red: #f14c4c;
  --vscode-charts-blue: #3794ff; --vscode-charts-yellow: #cca700; --vscode-charts-orange: #d18616;
  --vscode-charts-green: #89d185; --vscode-charts-purple: #b180d7; --vscode-widget-border: #313131;
  --vscode-focusBorder: #0078d4; --vscode-list-hoverBackground: #2a2d2e;
}`;

const STUB = `window.__posted = [];
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
window.acquireVsCodeApi = () => ({
  postMessage: (m) => window.__posted.push(m),
  getState: () => window.__state,
  setState: (s) => { window.__state = s; },
});`;

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf' };

export async function startWebviewHarness(): Promise<WebviewHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'mailgun-webview-'));
  // The same options as the webview entry of esbuild.mjs with --production, written to a temporary folder.
  await esbuild.build({
    entryPoints: { stats: join(repoRoot, 'src/webview/app/main.ts') },
    outdir: dir,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'linked',
    logLevel: 'warning',
  });
  cpSync(join(repoRoot, 'node_modules/uplot/dist/uPlot.min.css'), join(dir, 'uPlot.min.css'));
  cpSync(join(repoRoot, 'node_modules/uplot/dist/uPlot.iife.min.js'), join(dir, 'uPlot.iife.min.js'));
  cpSync(join(repoRoot, 'node_modules/@vscode/codicons/dist/codicon.css'), join(dir, 'codicon.css'));
  cpSync(join(repoRoot, 'node_modules/@vscode/codicons/dist/codicon.ttf'), join(dir, 'codicon.ttf'));
  writeFileSync(join(dir, 'stub.js'), STUB);
  writeFileSync(join(dir, 'theme.css'), DARK_THEME);

  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no port');
  const origin = `http://127.0.0.1:${address.port}`;

  const page = (body: (nonce: string) => string): string => body(newNonce());
  const panelHtml = (): string =>
    page((nonce) =>
      statsHtml({ cspSource: origin, script: `${origin}/stats.js`, styles: { codicons: `${origin}/codicon.css`, uplot: `${origin}/uPlot.min.css`, app: `${origin}/stats.css` } }, nonce)
        .replace('<body>', '<body class="vscode-dark">')
        .replace('</main>', '</main>\n  <div id="baseline-chart"></div>')
        .replace(
          '</head>',
          `  <link rel="stylesheet" href="${origin}/theme.css">\n  <script nonce="${nonce}" src="${origin}/stub.js"></script>\n  <script nonce="${nonce}" src="${origin}/uPlot.iife.min.js"></script>\n</head>`,
        ),
    );

  server.on('request', (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    let body: string | Buffer;
    if (path === '/' || path === '/index.html') body = panelHtml();
    else {
      try {
        body = readFileSync(join(dir, path.replace(/^\/+/, '').replace(/\.\./g, '')));
      } catch {
        res.writeHead(404).end();
        return;
      }
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path) || '.html'] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(body);
  });

  const js = readFileSync(join(dir, 'stats.js'));
  const { gzipSync } = await import('node:zlib');
  return {
    panelUrl: `${origin}/index.html`,
    bundle: { js: js.length, css: readFileSync(join(dir, 'stats.css')).length, jsGzip: gzipSync(js, { level: 9 }).length },
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
