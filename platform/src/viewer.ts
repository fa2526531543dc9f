import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { NO_RANK, isRole, rankOf, type Role } from './ranks.ts';

/** Who is asking. Anonymous callers have no id and rank -1. */
export interface Viewer {
  id: string | null;
  role: Role | null;
  rank: number;
  /** Set when the caller authenticated with an integrator API key. */
  apiKeyId: string | null;
  /** Present for requests coming through the gateway; used in logs only. */
  requestId: string | null;
}

export const anonymousViewer = (requestId: string | null = null): Viewer => ({
  id: null,
  role: null,
  rank: NO_RANK,
  apiKeyId: null,
  requestId,
});

export const viewerFor = (
  id: string,
  role: string,
  extra: { apiKeyId?: string | null; requestId?: string | null } = {},
): Viewer => ({
  id,
  role: isRole(role) ? role : null,
  rank: rankOf(role),
  apiKeyId: extra.apiKeyId ?? null,
  requestId: extra.requestId ?? null,
});

export const VIEWER_HEADER = 'x-nexus-viewer';
const ISSUER = 'nexus-gateway';
const keyOf = (secret: string) => new TextEncoder().encode(secret);

/**
 * The gateway signs a short-lived token per subgraph fetch: who the viewer is and which subgraph
 * (audience) may accept it. A subgraph refuses everything that does not carry a valid one.
 */
export async function signViewerToken(
  viewer: Viewer,
  audience: string,
  secret: string,
  ttlSeconds = 60,
): Promise<string> {
  return new SignJWT({
    role: viewer.role,
    apiKeyId: viewer.apiKeyId,
    requestId: viewer.requestId,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(`nexus:${audience}`)
    .setSubject(viewer.id ?? 'anonymous')
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(keyOf(secret));
}

export class InvalidViewerToken extends Error {}

export async function verifyViewerToken(token: string, audience: string, secret: string): Promise<Viewer> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      issuer: ISSUER,
      audience: `nexus:${audience}`,
      algorithms: ['HS256'],
    });
    const requestId = typeof payload.requestId === 'string' ? payload.requestId : null;
    if (!payload.sub || payload.sub === 'anonymous') return anonymousViewer(requestId);
    return viewerFor(payload.sub, typeof payload.role === 'string' ? payload.role : '', {
      apiKeyId: typeof payload.apiKeyId === 'string' ? payload.apiKeyId : null,
      requestId,
    });
  } catch (e) {
    if (e instanceof joseErrors.JOSEError) throw new InvalidViewerToken(e.code);
    throw e;
  }
}
