// HTTPS tracking certificates under /v2/x509/{tracking host} (mailgun-api.md §3; SPEC x509 operations).
import { createHash } from 'node:crypto';
import { DAY_MS, goTime } from '../dates';
import { description, json, reason, type Reply } from '../http';
import type { Ctx, Router } from '../router';
import { type Cert, type RegionState, trackingHost, type World } from '../state';

function pem(host: string): string {
  const der = Buffer.concat(Array.from({ length: 12 }, (_, i) => createHash('sha256').update(`${host}#${i}`).digest()));
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** Whether `host` is some domain's tracking CNAME (web_prefix.domain) and that CNAME currently resolves. */
function cnameOk(region: RegionState, host: string): boolean {
  for (const d of region.domains.values()) {
    if (trackingHost(d) !== host) continue;
    return d.state !== 'unverified' && d.verifyReadsLeft === undefined && (d.recordValidity?.tracking ?? 'valid') === 'valid';
  }
  return false;
}

export function startCert(world: World, region: RegionState, host: string): void {
  region.certs.set(host, { status: 'processing', readsLeft: world.asyncLag, expiresAt: 0 });
}

/** The certificate's status now; only status reads (`advance`) move a pending generation along. */
function current(world: World, cert: Cert, advance: boolean): Cert {
  if (cert.status === 'processing' && advance) {
    if (cert.readsLeft > 0) cert.readsLeft--;
    else Object.assign(cert, { status: 'active', expiresAt: world.now() + 90 * DAY_MS });
  }
  if (cert.status === 'active' && cert.expiresAt <= world.now()) cert.status = 'expired';
  return cert;
}

const accepted = (host: string): Reply => json(202, { message: 'Initiated x509 key pair generation', location: `/v2/x509/${host}/status` });

function status({ world, region, params }: Ctx): Reply {
  const cert = region.certs.get(params.host);
  if (!cert) return description(404, 'Please initiate x509 key pair generation at POST /v2/x509/{domain}');
  const c = current(world, cert, true);
  if (c.status === 'processing') return json(200, { status: 'processing', error: 'Waiting for x509 key pair generation' });
  if (c.status === 'active') return json(200, { status: 'active', error: null, certificate: pem(params.host) });
  if (c.status === 'expired') return json(200, { status: 'expired', error: 'x509 certificate has expired', certificate: pem(params.host) });
  return json(200, { status: 'error', error: 'TLS x509 key pair generation failed, please contact support', certificate: pem(params.host) });
}

function generate({ world, region, params }: Ctx): Reply {
  const host = params.host;
  if (!cnameOk(region, host)) return reason(400, 'invalid CNAME record');
  if (region.certs.has(host)) return description(409, `x509 key pair generation has already been initiated for ${host}`);
  startCert(world, region, host);
  return accepted(host);
}

function regenerate({ world, region, params }: Ctx): Reply {
  const host = params.host;
  const cert = region.certs.get(host);
  if (!cert) return description(404, 'x509 cert not found');
  const c = current(world, cert, false);
  if (c.status === 'processing') return description(429, `x509 key pair generation job is already in progress for ${host}`);
  if (c.status === 'active') return description(409, `x509 certificate is still valid until ${goTime(c.expiresAt)}`);
  if (!cnameOk(region, host)) return reason(400, 'invalid CNAME record');
  startCert(world, region, host);
  return accepted(host);
}

export function register(router: Router): void {
  router.add('GET', '/v2/x509/:host/status', status);
  router.add('POST', '/v2/x509/:host', generate);
  router.add('PUT', '/v2/x509/:host', regenerate);
}
