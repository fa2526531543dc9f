/**
 * How a job in the worker (or a subgraph's public route) acts on the graph: it calls the gateway's
 * `/graphql` over HTTP like any client, presenting a short-lived token that names its service
 * principal. The gateway verifies the token, takes the principal's rank from `SERVICES` (never from
 * the token), and runs the operation through the same pipeline as everyone's: limits, ranks, row
 * rules, masking, and the audit log of service writes.
 */
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import type { FormattedExecutionResult } from 'graphql';
import { ACTS_FOR_STAFF, SERVICES, viewerOfService, type GraphExecutor, type ServicePrincipal } from './service-principal.ts';
import type { Viewer } from './viewer.ts';
import { ReplicaPicker, splitUrls } from './replicas.ts';

export const SERVICE_TOKEN_HEADER = 'x-nexus-service';
const ISSUER = 'nexus-service';
const AUDIENCE = 'nexus:gateway';
const keyOf = (secret: string) => new TextEncoder().encode(secret);

/**
 * `onBehalfOf` (a staff member's id) asks the gateway to run the operation as that person; only a
 * principal in `ACTS_FOR_STAFF` may ask, and the gateway reads the person's role itself.
 */
export async function signServiceToken(
  principal: ServicePrincipal,
  secret: string,
  ttlSeconds = 60,
  onBehalfOf?: string,
): Promise<string> {
  return new SignJWT({ service: principal.name, ...(onBehalfOf ? { obo: onBehalfOf } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(`service:${principal.name}`)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(keyOf(secret));
}

export class InvalidServiceToken extends Error {}

/** The listed principal of that name, if any. */
const listedPrincipal = (name: unknown): ServicePrincipal | undefined =>
  Object.values(SERVICES).find((s: ServicePrincipal) => s.name === name);

/**
 * What a service token says: the listed principal (with the rank listed in `SERVICES`), and the staff
 * member it acts for, if any (only principals in `ACTS_FOR_STAFF` may name one).
 */
export async function readServiceToken(
  token: string,
  secret: string,
  requestId: string | null = null,
): Promise<{ viewer: Viewer; onBehalfOf: string | null }> {
  let name: unknown;
  let obo: unknown;
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'], requiredClaims: ['exp'] });
    name = payload.service;
    obo = payload.obo;
  } catch (e) {
    if (e instanceof joseErrors.JOSEError) throw new InvalidServiceToken(e.code);
    throw e;
  }
  const principal = listedPrincipal(name);
  if (!principal) throw new InvalidServiceToken('unknown service');
  if (obo === undefined) return { viewer: viewerOfService(principal, requestId), onBehalfOf: null };
  if (typeof obo !== 'string' || !/^[0-9a-f-]{36}$/i.test(obo) || !ACTS_FOR_STAFF.has(principal.name))
    throw new InvalidServiceToken('this service may not act for a person');
  return { viewer: viewerOfService(principal, requestId), onBehalfOf: obo };
}

/** The principal a service token names: only one listed in `SERVICES`, with the rank listed there. */
export async function verifyServiceToken(token: string, secret: string, requestId: string | null = null): Promise<Viewer> {
  const read = await readServiceToken(token, secret, requestId);
  // A token that acts for a person is only honoured where the person is looked up (the gateway's auth).
  if (read.onBehalfOf) throw new InvalidServiceToken('acts for a person');
  return read.viewer;
}

/**
 * A `GraphExecutor` for processes other than the gateway: each operation is one HTTP request to the
 * gateway as the viewer's service principal. A person can be carried this way only by a principal
 * in `ACTS_FOR_STAFF` (`actingFor`); other processes acting for a person run inside the gateway.
 */
export function gatewayExecutor(o: {
  /** The gateway's URL, or one per gateway replica separated by commas (`GATEWAY_URL`). */
  gatewayUrl: string;
  secret: string;
  timeoutMs?: number;
  /**
   * A principal in `ACTS_FOR_STAFF` that may carry a staff member's viewer (`viewerFor(id, role)`):
   * the operation then runs as that person, with the role the gateway reads for them.
   */
  actingFor?: ServicePrincipal;
}): GraphExecutor {
  const gateways = new ReplicaPicker(splitUrls(o.gatewayUrl));
  return async (viewer, operation, requestId) => {
    const delegate = viewer.kind === 'user' && viewer.id && o.actingFor && ACTS_FOR_STAFF.has(o.actingFor.name) ? o.actingFor : null;
    const principal = delegate ?? listedPrincipal(viewer.service);
    if ((viewer.kind !== 'service' && !delegate) || !principal)
      throw new Error('only a listed service principal can call the gateway from here');
    const token = await signServiceToken(principal, o.secret, 60, delegate ? (viewer.id ?? undefined) : undefined);
    const res = await gateways.call((url) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': requestId, [SERVICE_TOKEN_HEADER]: token },
        body: JSON.stringify(operation),
        signal: AbortSignal.timeout(o.timeoutMs ?? 30_000),
      }),
    );
    const text = await res.text();
    try {
      return JSON.parse(text) as FormattedExecutionResult;
    } catch {
      return { errors: [{ message: `The gateway answered HTTP ${res.status}.`, extensions: { code: 'UPSTREAM_UNAVAILABLE' } }] };
    }
  };
}
