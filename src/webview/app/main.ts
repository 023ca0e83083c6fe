// The stats webview's browser app. It never sees the API key: the extension host fetches and posts the data here.
interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscodeApi = acquireVsCodeApi();
vscodeApi.postMessage({ type: 'ready' });
