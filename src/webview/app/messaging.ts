// The page side of a panel's messages, the same for every Mailgun webview: posts typed messages to the host, checks
// every message from the host with the panel's zod schema before handing it on, and tells the host (a few times at
// most) what the page could not read or show, including what the Content Security Policy blocked.
import { describeIssues } from '../protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface Schema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: Parameters<typeof describeIssues>[0] };
}

export interface PageChannel<Out> {
  post(message: Out): void;
  /** Said in the Mailgun log through the host (the first 20 only). */
  problem(message: string): void;
  getState(): unknown;
  setState(state: unknown): void;
}

const MAX_PROBLEMS = 20;

/**
 * Connects the page to its host. `name` says which panel in the problems ("the logs panel"); `measure` names the
 * performance measure of each check (`<measure>:check:<type>`, read by a benchmark).
 */
export function connect<In extends { type: string }, Out>(options: {
  name: string;
  incoming?: Schema<In>;
  handle?: (message: In) => void;
  measure?: string;
}): PageChannel<Out> {
  const vscode = acquireVsCodeApi();
  let problems = 0;
  const channel: PageChannel<Out> = {
    post: (message) => vscode.postMessage(message),
    problem: (message) => {
      if (problems++ < MAX_PROBLEMS) vscode.postMessage({ type: 'problem', message: message.slice(0, 2000) });
    },
    getState: () => vscode.getState(),
    setState: (state) => vscode.setState(state),
  };
  const { incoming, handle } = options;
  if (incoming && handle) {
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      const checking = performance.now();
      const parsed = incoming.safeParse(event.data);
      if (options.measure) performance.measure(`${options.measure}:check:${parsed.success ? parsed.data.type : 'rejected'}`, { start: checking });
      if (!parsed.success) {
        channel.problem(`The ${options.name} ignored a message it could not read: ${describeIssues(parsed.error)}`);
        return;
      }
      try {
        handle(parsed.data);
      } catch (err) {
        channel.problem(`The ${options.name} failed to show a "${parsed.data.type}" message: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  }
  document.addEventListener('securitypolicyviolation', (e) => {
    channel.problem(`Content Security Policy blocked ${e.blockedURI || 'inline content'} (${e.violatedDirective}).`);
  });
  return channel;
}
