/**
 * How a job in the worker (or a subgraph's public route) acts on the graph: it calls the gateway's
 * `/graphql` over HTTP like any client, presenting a short-lived token that names its service
 * principal. The gateway verifies the token, takes the principal's rank from `SERVICES` (never from
 * the token), and runs the operation through the same pipeline as everyone's: limits, ranks, row
 * rules, masking, and the audit log of service writes.
 */
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import type { FormattedExecutionResult } from 'graphql';
import { SERVICES, viewerOfService, type GraphExecutor, type ServicePrincipal } from './service-principal.ts';
import type { Viewer } from './viewer.ts';

export const SERVICE_TOKEN_HEADER = 'x-nexus-service';
const ISSUER = 'nexus-service';
const AUDIENCE = 'nexus:gateway';
const keyOf = (secret: string) => new TextEncoder().encode(secret);

export async function signServiceToken(principal: ServicePrincipal, secret: string, ttlSeconds = 60): Promise<string> {
  return new SignJWT({ service: principal.name })
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

/** The principal a service token names: only one listed in `SERVICES`, with the rank listed there. */
export async function verifyServiceToken(token: string, secret: string, requestId: string | null = null): Promise<Viewer> {
  let name: unknown;
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'], requiredClaims: ['exp'] });
    name = payload.service;
  } catch (e) {
    if (e instanceof joseErrors.JOSEError) throw new InvalidServiceToken(e.code);
    throw e;
  }
  const principal = listedPrincipal(name);
  if (!principal) throw new InvalidServiceToken('unknown service');
  return viewerOfService(principal, requestId);
}

/**
 * A `GraphExecutor` for processes other than the gateway: each operation is one HTTP request to the
 * gateway as the viewer's service principal. Only service principals can be carried this way; a
 * process acting for a person runs inside the gateway (its shims) instead.
 */
export function gatewayExecutor(o: { gatewayUrl: string; secret: string; timeoutMs?: number }): GraphExecutor {
  return async (viewer, operation, requestId) => {
    const principal = listedPrincipal(viewer.service);
    if (viewer.kind !== 'service' || !principal) throw new Error('only a listed service principal can call the gateway from here');
    const res = await fetch(o.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': requestId,
        [SERVICE_TOKEN_HEADER]: await signServiceToken(principal, o.secret),
      },
      body: JSON.stringify(operation),
      signal: AbortSignal.timeout(o.timeoutMs ?? 30_000),
    });
    const text = await res.text();
    try {
      return JSON.parse(text) as FormattedExecutionResult;
    } catch {
      return { errors: [{ message: `The gateway answered HTTP ${res.status}.`, extensions: { code: 'UPSTREAM_UNAVAILABLE' } }] };
    }
  };
}
