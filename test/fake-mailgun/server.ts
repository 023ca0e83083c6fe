// Two listeners (US and EU) sharing one Control: faults, logging, auth, rate limit, routing, replies.
import { createServer, type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { readBody } from './body';
import type { Control } from './control';
import { type ControlInfo, handleControl } from './control-routes';
import type { Fault } from './faults';
import { COMMON_HEADERS, htmlNotFound, json, magnificent, message, type Reply, text, unauthorized } from './http';
import { Router } from './router';
import * as accountWebhooks from './routes/account-webhooks';
import * as alerts from './routes/alerts';
import * as domainWebhooks from './routes/domain-webhooks';
import * as domains from './routes/domains';
import * as logs from './routes/logs';
import * as messages from './routes/messages';
import * as metrics from './routes/metrics';
import * as sandboxRecipients from './routes/sandbox-recipients';
import * as signingKey from './routes/signing-key';
import * as stats from './routes/stats';
import * as subaccounts from './routes/subaccounts';
import * as suppressions from './routes/suppressions';
import * as tracking from './routes/tracking';
import * as x509 from './routes/x509';
import type { ApiKey, Region, Subaccount } from './state';

export function buildRouter(): Router {
  const router = new Router();
  for (const m of [domains, tracking, x509, domainWebhooks, accountWebhooks, alerts, signingKey, suppressions, stats, metrics, logs, messages, sandboxRecipients, subaccounts]) m.register(router);
  return router;
}

function authenticate(control: Control, req: IncomingMessage): ApiKey | undefined {
  const header = req.headers.authorization ?? '';
  const m = /^Basic\s+(\S+)$/i.exec(header);
  if (!m) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0 || decoded.slice(0, colon) !== 'api') return undefined;
  return control.world.keys.get(decoded.slice(colon + 1));
}

async function api(control: Control, router: Router, region: Region, baseUrl: string, req: IncomingMessage, url: URL): Promise<Reply> {
  const method = req.method ?? 'GET';
  const route = router.match(method, url.pathname);
  if (!route) return url.pathname === '/' || /^\/v\d+(\/|$)/.test(url.pathname) ? magnificent() : htmlNotFound();
  const key = authenticate(control, req);
  if (!key) return unauthorized();
  const withKey = (r: Reply): Reply => ({ ...r, headers: { ...r.headers, 'X-Mailgun-Key-Id': key.id } });
  if (key.kind === 'sending') return withKey(message(403, 'Forbidden'));
  const rate = control.limiter.hit(Date.now());
  const rateHeaders = { 'X-Request-Limit': String(rate.limit), 'X-Request-Remaining': String(rate.remaining), 'X-Request-Reset': String(rate.reset) };
  if (rate.limited) {
    const r = withKey(message(429, 'Too Many Requests'));
    return { ...r, headers: { ...r.headers, ...rateHeaders } };
  }
  const body = await readBody(req);
  if (body.tooLarge) return withKey(message(413, 'Request entity too large'));
  const onBehalfOf = req.headers['x-mailgun-on-behalf-of'];
  let subaccount: Subaccount | undefined;
  if (typeof onBehalfOf === 'string' && onBehalfOf !== '') {
    subaccount = control.world.subaccounts.get(onBehalfOf);
    // Not recorded: a subaccount that is not this account's, or is disabled (API access suspended), is refused
    // with the SPEC's generic 403 body.
    if (!subaccount || subaccount.status !== 'open') return withKey(message(403, 'Forbidden'));
  }
  const regionState = subaccount ? subaccount[region] : control.world[region];
  const reply = withKey(route.handler({ world: control.world, region: regionState, params: route.params, query: url.searchParams, body, baseUrl, key, subaccount, accept: req.headers.accept }));
  if (route.rateHeaders) Object.assign(reply.headers, rateHeaders);
  return reply;
}

function faultReply(f: Fault): Reply {
  const status = f.status ?? 500;
  if (typeof f.body === 'string') return text(status, f.body, f.contentType ?? 'text/plain; charset=utf-8');
  const r = json(status, f.body ?? { message: STATUS_CODES[status] ?? 'Injected fault' });
  if (f.contentType) r.headers['Content-Type'] = f.contentType;
  return r;
}

function send(res: ServerResponse, reply: Reply): void {
  const body = typeof reply.body === 'string' ? Buffer.from(reply.body) : reply.body;
  // Recorded 204s carry neither Content-Type nor Content-Length.
  const length: Record<string, string> = reply.status === 204 ? {} : { 'Content-Length': String(body.length) };
  res.writeHead(reply.status, { ...COMMON_HEADERS, ...reply.headers, ...length });
  res.end(body);
}

function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const k of new Set(params.keys())) {
    const all = params.getAll(k);
    out[k] = all.length === 1 ? all[0] : all;
  }
  return out;
}

async function handle(control: Control, router: Router, info: ControlInfo, region: Region, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const baseUrl = region === 'us' ? info.usUrl : info.euUrl;
  const url = new URL(req.url ?? '/', baseUrl);
  if (url.pathname === '/_fake' || url.pathname.startsWith('/_fake/')) {
    send(res, await handleControl(control, info, req, url));
    return;
  }
  const { authorization: _a, 'proxy-authorization': _p, ...headers } = req.headers;
  const entry = control.logRequest({ time: new Date().toISOString(), method: req.method ?? 'GET', region, path: url.pathname, query: queryObject(url.searchParams), headers });
  const fault = control.faultList.take(entry.method, url.pathname, region);
  if (fault?.delayMs) await sleep(fault.delayMs);
  // The client gave up during the delay: logged as nginx does (499), since its body can no longer be read.
  if (req.socket.destroyed) {
    entry.status = 499;
    return;
  }
  if (fault?.drop) {
    req.socket.destroy();
    return;
  }
  let reply: Reply;
  if (fault && fault.status !== undefined && !fault.malformedJson) reply = faultReply(fault);
  else {
    reply = await api(control, router, region, baseUrl, req, url);
    if (fault?.applyThenStatus !== undefined) reply = faultReply({ ...fault, status: fault.applyThenStatus });
    else if (fault?.malformedJson) {
      const full = reply.body.toString();
      reply = { status: fault.status ?? reply.status, headers: { ...reply.headers, 'Content-Type': 'application/json; charset=utf-8' }, body: full.slice(0, Math.max(1, Math.floor(full.trim().length / 2))) };
    }
  }
  if (fault?.headers) reply = { ...reply, headers: { ...reply.headers, ...fault.headers } };
  entry.status = reply.status;
  if (fault?.stallBodyMs !== undefined) await sendStalled(res, reply, fault.stallBodyMs);
  else send(res, reply);
}

/** Like `send`, but holds the second half of the body back (a slow or stuck download). */
async function sendStalled(res: ServerResponse, reply: Reply, ms: number): Promise<void> {
  const body = typeof reply.body === 'string' ? Buffer.from(reply.body) : reply.body;
  res.writeHead(reply.status, { ...COMMON_HEADERS, ...reply.headers, 'Content-Length': String(body.length) });
  const half = Math.floor(body.length / 2);
  res.write(body.subarray(0, half));
  await sleep(ms);
  if (!res.destroyed) res.end(body.subarray(half));
}

export interface Listeners {
  us: Server;
  eu: Server;
  info: ControlInfo;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startListeners(control: Control, usPort = 0, euPort = 0): Promise<Listeners> {
  const router = buildRouter();
  const info: ControlInfo = { usUrl: '', euUrl: '' };
  const make = (region: Region): Server =>
    createServer((req, res) => {
      handle(control, router, info, region, req, res).catch((err: unknown) => {
        if (!res.headersSent) send(res, json(500, { message: `fake-mailgun internal error: ${(err as Error).message}` }));
        else res.destroy();
      });
    });
  const us = make('us');
  const eu = make('eu');
  try {
    info.usUrl = `http://127.0.0.1:${await listen(us, usPort)}/`;
    info.euUrl = `http://127.0.0.1:${await listen(eu, euPort)}/`;
  } catch (err) {
    us.close();
    eu.close();
    throw err;
  }
  return { us, eu, info };
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
