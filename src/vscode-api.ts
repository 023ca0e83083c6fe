// The one place the bundle requires `vscode`: esbuild points every other `import … from 'vscode'` here (esbuild.mjs),
// so the API object is wrapped once instead of once per importing file.
export * from 'vscode';
