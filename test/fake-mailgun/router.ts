import type { Reply } from './http';
import type { RequestBody } from './body';
import type { ApiKey, RegionState, Subaccount, World } from './state';

export interface Ctx {
  world: World;
  region: RegionState;
  params: Record<string, string>;
  query: URLSearchParams;
  body: RequestBody;
  /** The listener's own base URL, e.g. `http://127.0.0.1:1234/`. */
  baseUrl: string;
  key: ApiKey;
  /** The request's Accept header (stored messages answer with their MIME for `message/rfc2822`). */
  accept?: string;
  /** The subaccount named by X-Mailgun-On-Behalf-Of (`region` is then its region). */
  subaccount?: Subaccount;
}

export type Handler = (ctx: Ctx) => Reply;

export interface RouteOptions {
  /** Adds X-Request-Limit/Remaining/Reset, as recorded on the suppression endpoints. */
  rateHeaders?: boolean;
}

interface Route extends RouteOptions {
  method: string;
  segments: string[];
  handler: Handler;
}

export interface RouteMatch extends RouteOptions {
  handler: Handler;
  params: Record<string, string>;
}

/** Method + path patterns like `/v3/:domain/bounces/:address`; literal segments win over parameters. */
export class Router {
  private routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler, options: RouteOptions = {}): void {
    this.routes.push({ method, segments: pattern.split('/').slice(1), handler, ...options });
  }

  match(method: string, pathname: string): RouteMatch | undefined {
    let segments: string[];
    try {
      segments = pathname.split('/').slice(1).map(decodeURIComponent);
    } catch {
      return undefined;
    }
    let best: { route: Route; params: Record<string, string>; score: number } | undefined;
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== segments.length) continue;
      const params: Record<string, string> = {};
      let score = 0;
      let ok = true;
      for (let i = 0; i < segments.length && ok; i++) {
        const want = route.segments[i];
        if (want.startsWith(':')) {
          if (segments[i] === '') ok = false;
          else params[want.slice(1)] = segments[i];
        } else if (want === segments[i]) score++;
        else ok = false;
      }
      if (ok && (!best || score > best.score)) best = { route, params, score };
    }
    return best && { handler: best.route.handler, params: best.params, rateHeaders: best.route.rateHeaders };
  }
}
