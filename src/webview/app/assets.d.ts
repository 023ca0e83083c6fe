// esbuild bundles the app's stylesheet imports into dist/webview/stats.css.
declare module '*.css';
