import { SignJWT, jwtVerify } from 'jose';
import { clientScopeOf, type ClientScope } from './viewer.ts';

/**
 * User access tokens: HS256 JWTs the identity subgraph signs and the gateway verifies. `typ`
 * distinguishes them from every other token, so nothing else can be replayed as one.
 */
export interface AccessClaims {
  userId: string;
  role: string;
  sessionId: string;
  /** Milliseconds, so a change made in the same second as an issue can still void it. */
  issuedAtMs: number;
  expiresAt: number;
  /** Set for a traveller signed in to the client portal (role `CLIENT`, no rank). */
  client?: ClientScope;
}

/** The role claim of a portal traveller's access token: no staff role, so no rank. */
export const CLIENT_ROLE = 'CLIENT';

const ISSUER = 'nexus-identity';
const AUDIENCE = 'nexus';
const keyOf = (secret: string) => new TextEncoder().encode(secret);

export async function signAccessToken(
  c: { userId: string; role: string; sessionId: string; client?: ClientScope },
  secret: string,
  ttlSeconds: number,
): Promise<{ token: string; expiresAt: Date }> {
  const now = Math.floor(Date.now() / 1000);
  const exp = now + ttlSeconds;
  const claims = c.client
    ? { role: CLIENT_ROLE, sid: c.sessionId, typ: 'access', iatMs: Date.now(), client: c.client }
    : { role: c.role, sid: c.sessionId, typ: 'access', iatMs: Date.now() };
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(c.userId)
    .setIssuedAt(now)
    .setExpirationTime(exp)
    .sign(keyOf(secret));
  return { token, expiresAt: new Date(exp * 1000) };
}

/** Throws on anything but a valid, unexpired access token signed with this secret. */
export async function verifyAccessToken(token: string, secret: string): Promise<AccessClaims> {
  const { payload } = await jwtVerify(token, keyOf(secret), {
    issuer: ISSUER,
    audience: AUDIENCE,
    algorithms: ['HS256'],
    typ: 'JWT',
  });
  if (payload.typ !== 'access' || typeof payload.sub !== 'string' || typeof payload.role !== 'string') {
    throw new Error('not an access token');
  }
  if (typeof payload.sid !== 'string' || typeof payload.iatMs !== 'number' || typeof payload.exp !== 'number') {
    throw new Error('access token lacks claims');
  }
  let client: ClientScope | undefined;
  if (payload.role === CLIENT_ROLE || payload.client !== undefined) {
    const scope = clientScopeOf(payload.client);
    if (payload.role !== CLIENT_ROLE || !scope || scope.accountId !== payload.sub)
      throw new Error('client access token lacks its scope');
    client = scope;
  }
  return {
    userId: payload.sub,
    role: payload.role,
    sessionId: payload.sid,
    issuedAtMs: payload.iatMs,
    expiresAt: payload.exp,
    ...(client && { client }),
  };
}

/** Redis keys through which identity tells the gateway that access tokens stopped being valid early. */
export const revokedSessionKey = (prefix: string, sessionId: string) => `${prefix}:revoked-session:${sessionId}`;
export const userTokensNotBeforeKey = (prefix: string, userId: string) => `${prefix}:tokens-not-before:${userId}`;

/**
 * An API key's traffic on one UTC day (`YYYY-MM-DD`): a hash of `requests`, `cost` and `errors` the
 * gateway counts into and identity folds into PostgreSQL.
 */
export const apiKeyUsageKey = (prefix: string, apiKeyId: string, day: string) =>
  `${prefix}:api-key-usage:${apiKeyId}:${day}`;
/** The caller's budget state, which the gateway hands identity with each request (`rateLimit`): JSON. */
export const RATE_LIMIT_HEADER = 'x-nexus-rate-limit';

/**
 * Published by identity (after the Redis markers above are set) whenever a credential stops being
 * valid early, so the gateway closes the sockets that hold it at once instead of polling. A plain
 * Redis channel of its own, apart from the change-event topics that subscriptions serve.
 */
export const revocationChannel = (prefix: string) => `${prefix}:auth:revoked`;
export type Revocation =
  | { kind: 'session'; id: string }
  /** Tokens of user `id` issued at or before `notBeforeMs` are void (role change, deactivation, reset). */
  | { kind: 'user'; id: string; notBeforeMs: number }
  | { kind: 'apiKey'; id: string };

export function parseRevocation(message: string): Revocation | null {
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object') return null;
  const r = value as Record<string, unknown>;
  if (typeof r.id !== 'string') return null;
  if (r.kind === 'session' || r.kind === 'apiKey') return { kind: r.kind, id: r.id };
  if (r.kind === 'user' && typeof r.notBeforeMs === 'number')
    return { kind: 'user', id: r.id, notBeforeMs: r.notBeforeMs };
  return null;
}
