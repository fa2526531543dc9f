import { SignJWT, jwtVerify } from 'jose';

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
}

const ISSUER = 'nexus-identity';
const AUDIENCE = 'nexus';
const keyOf = (secret: string) => new TextEncoder().encode(secret);

export async function signAccessToken(
  c: { userId: string; role: string; sessionId: string },
  secret: string,
  ttlSeconds: number,
): Promise<{ token: string; expiresAt: Date }> {
  const now = Math.floor(Date.now() / 1000);
  const exp = now + ttlSeconds;
  const token = await new SignJWT({ role: c.role, sid: c.sessionId, typ: 'access', iatMs: Date.now() })
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
  return { userId: payload.sub, role: payload.role, sessionId: payload.sid, issuedAtMs: payload.iatMs, expiresAt: payload.exp };
}

/** Redis keys through which identity tells the gateway that access tokens stopped being valid early. */
export const revokedSessionKey = (prefix: string, sessionId: string) => `${prefix}:revoked-session:${sessionId}`;
export const userTokensNotBeforeKey = (prefix: string, userId: string) => `${prefix}:tokens-not-before:${userId}`;
