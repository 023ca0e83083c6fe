// The control API over HTTP under /_fake/ on both listeners: JSON in and out, no auth, not logged.
import type { IncomingMessage } from 'node:http';
import { readBody } from './body';
import type { Control, RequestFilter } from './control';
import { validateFault, type FaultSpec } from './faults';
import { json, noContent, type Reply } from './http';
import { SEED_NAMES, type SeedName } from './seeds';
import type { SeedListOptions } from './seeds/util';
import { LIST_NAMES, type ListName, type Region } from './state';

export interface ControlInfo {
  usUrl: string;
  euUrl: string;
}

const bad = (error: string): Reply => json(400, { error });
const isRegion = (v: unknown): v is Region => v === 'us' || v === 'eu';

export async function handleControl(control: Control, info: ControlInfo, req: IncomingMessage, url: URL): Promise<Reply> {
  const body = await readBody(req);
  if (body.invalidJson) return bad('body must be JSON');
  const input = (body.json ?? {}) as Record<string, unknown>;
  const route = `${req.method ?? 'GET'} ${url.pathname.replace(/\/+$/, '')}`;
  try {
    switch (route) {
      case 'GET /_fake':
        return json(200, { seed: control.seed, usUrl: info.usUrl, euUrl: info.euUrl, asyncLag: control.world.asyncLag });
      case 'POST /_fake/reset': {
        const seed = input.seed ?? control.seed;
        if (!SEED_NAMES.includes(seed as SeedName)) return bad(`seed must be one of ${SEED_NAMES.join(', ')}`);
        control.reset(seed as SeedName);
        return json(200, { seed: control.seed });
      }
      case 'POST /_fake/keys': {
        if (typeof input.key !== 'string' || input.key === '') return bad('key must be a non-empty string');
        if (input.kind !== undefined && input.kind !== 'admin' && input.kind !== 'sending') return bad('kind must be admin or sending');
        return json(200, { id: control.addKey(input.key, input.kind ?? 'admin') });
      }
      case 'DELETE /_fake/keys':
        if (typeof input.key !== 'string') return bad('key must be a string');
        return json(200, { removed: control.removeKey(input.key) });
      case 'GET /_fake/faults':
        return json(200, { faults: control.faults() });
      case 'POST /_fake/faults': {
        const error = validateFault(input);
        if (error) return bad(error);
        return json(200, { id: control.fault(input as unknown as FaultSpec) });
      }
      case 'DELETE /_fake/faults':
        control.clearFaults();
        return noContent();
      case 'PUT /_fake/rate-limit': {
        if (input.limit === null) control.setRateLimit(null);
        else if (typeof input.limit === 'number' && input.limit >= 0) control.setRateLimit({ limit: input.limit, windowMs: typeof input.windowMs === 'number' ? input.windowMs : undefined });
        else return bad('limit must be a number, or null to stop enforcing');
        return noContent();
      }
      case 'DELETE /_fake/rate-limit':
        control.setRateLimit(null);
        return noContent();
      case 'GET /_fake/requests': {
        const filter: RequestFilter = { method: url.searchParams.get('method') ?? undefined, path: url.searchParams.get('path') ?? undefined };
        const region = url.searchParams.get('region');
        if (isRegion(region)) filter.region = region;
        return json(200, { requests: control.requests(filter) });
      }
      case 'DELETE /_fake/requests':
        control.clearRequests();
        return noContent();
      case 'PUT /_fake/async-lag':
        if (typeof input.reads !== 'number' || input.reads < 0) return bad('reads must be a non-negative number');
        control.setAsyncLag(input.reads);
        return noContent();
      case 'POST /_fake/suppressions': {
        if (typeof input.domain !== 'string' || !LIST_NAMES.includes(input.list as ListName) || typeof input.count !== 'number') return bad('need domain, list (bounces|unsubscribes|complaints|whitelists) and count');
        if (input.region !== undefined && !isRegion(input.region)) return bad('region must be us or eu');
        return json(200, { size: control.seedList(input as unknown as SeedListOptions) });
      }
      case 'GET /_fake/suppressions/records':
      case 'PUT /_fake/suppressions/records': {
        const q = req.method === 'GET' ? Object.fromEntries(url.searchParams) : input;
        if (typeof q.domain !== 'string' || !LIST_NAMES.includes(q.list as ListName)) return bad('need domain and list (bounces|unsubscribes|complaints|whitelists)');
        if (q.region !== undefined && !isRegion(q.region)) return bad('region must be us or eu');
        if (q.subaccount !== undefined && typeof q.subaccount !== 'string') return bad('subaccount must be a string');
        const ref = { domain: q.domain, list: q.list as ListName, region: q.region, subaccount: q.subaccount };
        if (req.method === 'GET') return json(200, { records: control.records(ref) });
        if (!Array.isArray(input.records)) return bad('records must be an array of stored records');
        return json(200, { size: control.putRecords({ ...ref, records: input.records as object[] }) });
      }
      case 'PUT /_fake/sandbox-recipients':
        if (typeof input.email !== 'string' || !input.email.includes('@') || typeof input.activated !== 'boolean') return bad('need email and activated (true: the invitation was accepted)');
        return json(200, { size: control.putSandboxRecipient({ email: input.email, activated: input.activated }) });
      case 'POST /_fake/events': {
        if (Array.isArray(input.events)) {
          if (typeof input.domain !== 'string') return bad('need domain and events');
          if (input.region !== undefined && !isRegion(input.region)) return bad('region must be us or eu');
          if (input.subaccount !== undefined && typeof input.subaccount !== 'string') return bad('subaccount must be a string');
          return json(200, { ids: control.appendEvents(input as never) });
        }
        if (typeof input.domain !== 'string' || typeof input.counts !== 'object' || (typeof input.time !== 'number' && typeof input.time !== 'string')) return bad('need domain and either events (whole events) or time and counts');
        if (input.region !== undefined && !isRegion(input.region)) return bad('region must be us or eu');
        control.addEvents(input as never);
        return noContent();
      }
    }
  } catch (err) {
    return bad((err as Error).message);
  }
  if (route.startsWith('DELETE /_fake/faults/')) {
    return control.removeFault(decodeURIComponent(url.pathname.slice('/_fake/faults/'.length))) ? noContent() : json(404, { error: 'no such fault' });
  }
  return json(404, { error: `unknown control route ${route}` });
}
