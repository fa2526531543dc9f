import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { NO_RANK, isRole, rankOf, type Role } from './ranks.ts';

/**
 * What kind of principal asks: a staff member, an integrator's API key, a named service (a job or
 * REST shim acting on the graph), or nobody.
 */
export type ViewerKind = 'user' | 'apiKey' | 'service' | 'anonymous';

/** Who is asking. Anonymous callers have no id and rank -1. */
export interface Viewer {
  kind: ViewerKind;
  /** A person's or API key's id; null for services (they own nothing) and anonymous callers. */
  id: string | null;
  role: Role | null;
  rank: number;
  /** Set when the caller authenticated with an integrator API key. */
  apiKeyId: string | null;
  /** Present for requests coming through the gateway; used in logs only. */
  requestId: string | null;
  /** A service principal's name (`tt-sync`); null for every other kind. */
  service: string | null;
}

export const anonymousViewer = (requestId: string | null = null): Viewer => ({
  kind: 'anonymous',
  id: null,
  role: null,
  rank: NO_RANK,
  apiKeyId: null,
  requestId,
  service: null,
});

export const viewerFor = (
  id: string,
  role: string,
  extra: { apiKeyId?: string | null; requestId?: string | null } = {},
): Viewer => ({
  kind: extra.apiKeyId ? 'apiKey' : 'user',
  id,
  role: isRole(role) ? role : null,
  rank: rankOf(role),
  apiKeyId: extra.apiKeyId ?? null,
  requestId: extra.requestId ?? null,
  service: null,
});

/**
 * A named service principal (`{ kind: 'service', name, rank }`): a job or shim that acts on the
 * graph with a role's rank, so ranks and row rules apply to it as to people. It has no id: nothing
 * is owned by or assigned to a service.
 */
export const serviceViewer = (name: string, role: string, requestId: string | null = null): Viewer => ({
  kind: 'service',
  id: null,
  role: isRole(role) ? role : null,
  rank: rankOf(role),
  apiKeyId: null,
  requestId,
  service: name,
});

/** The name audit records and logs use for a principal: `service:<name>`, `apiKey:<id>`, `user:<id>`. */
export const actorOf = (viewer: Viewer): string =>
  viewer.kind === 'service'
    ? `service:${viewer.service ?? 'unknown'}`
    : viewer.kind === 'anonymous' || !viewer.id
      ? 'anonymous'
      : `${viewer.kind}:${viewer.id}`;

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
    ...(viewer.kind === 'service' ? { kind: 'service', service: viewer.service } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(`nexus:${audience}`)
    .setSubject(viewer.kind === 'service' ? `service:${viewer.service ?? ''}` : (viewer.id ?? 'anonymous'))
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(keyOf(secret));
}

export class InvalidViewerToken extends Error {}

/** The longest a viewer token may live; the gateway signs them for 60 s. */
export const MAX_VIEWER_TOKEN_SECONDS = 300;

/**
 * Viewers of tokens already verified, keyed by the token string, each until its `exp`. The gateway
 * reuses one token per viewer and subgraph for 30 s, so a subgraph verifies a signature once per
 * token instead of once per request. An entry answers only for the audience and secret it was
 * verified with (a changed secret refuses at once); expiry is checked on every hit; the map is
 * bounded, dropping its oldest entries first.
 */
export class ViewerTokenCache {
  private readonly entries = new Map<string, { audience: string; secret: string; expMs: number; viewer: Viewer }>();
  private readonly maxEntries: number;
  private readonly now: () => number;
  hits = 0;
  misses = 0;
  constructor(o: { maxEntries?: number; now?: () => number } = {}) {
    this.maxEntries = o.maxEntries ?? 10_000;
    this.now = o.now ?? (() => Date.now());
  }

  get size() {
    return this.entries.size;
  }

  get(token: string, audience: string, secret: string): Viewer | undefined {
    const hit = this.entries.get(token);
    if (!hit) {
      this.misses++;
      return undefined;
    }
    // jose refuses a token once `now >= exp` (in whole seconds); so does the cache.
    if (Math.floor(this.now() / 1000) * 1000 >= hit.expMs) {
      this.entries.delete(token);
      this.misses++;
      return undefined;
    }
    if (hit.audience !== audience || hit.secret !== secret) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    return { ...hit.viewer };
  }

  set(token: string, audience: string, secret: string, expSeconds: number, viewer: Viewer) {
    if (this.entries.size >= this.maxEntries) {
      const now = this.now();
      for (const [key, entry] of this.entries) if (entry.expMs <= now) this.entries.delete(key);
      // Still full of live tokens: drop the oldest tenth rather than grow.
      if (this.entries.size >= this.maxEntries) {
        let drop = Math.max(1, Math.floor(this.maxEntries / 10));
        for (const key of this.entries.keys()) {
          if (drop-- <= 0) break;
          this.entries.delete(key);
        }
      }
    }
    this.entries.set(token, { audience, secret, expMs: expSeconds * 1000, viewer: { ...viewer } });
  }

  clear() {
    this.entries.clear();
  }
}

/** The process's cache of verified viewer tokens (see ViewerTokenCache). */
export const viewerTokenCache = new ViewerTokenCache();

export async function verifyViewerToken(
  token: string,
  audience: string,
  secret: string,
  cache: ViewerTokenCache | null = viewerTokenCache,
): Promise<Viewer> {
  const cached = cache?.get(token, audience, secret);
  if (cached) return cached;
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      issuer: ISSUER,
      audience: `nexus:${audience}`,
      algorithms: ['HS256'],
      // A token without `exp`, or one issued to live long, would be a standing credential if it leaked.
      requiredClaims: ['exp', 'iat'],
      maxTokenAge: MAX_VIEWER_TOKEN_SECONDS,
    });
    if (
      typeof payload.exp !== 'number' ||
      typeof payload.iat !== 'number' ||
      payload.exp - payload.iat > MAX_VIEWER_TOKEN_SECONDS
    )
      throw new InvalidViewerToken('ERR_JWT_CLAIM_VALIDATION_FAILED');
    const requestId = typeof payload.requestId === 'string' ? payload.requestId : null;
    const role = typeof payload.role === 'string' ? payload.role : '';
    const viewer =
      payload.kind === 'service' && typeof payload.service === 'string' && payload.service
        ? serviceViewer(payload.service, role, requestId)
        : !payload.sub || payload.sub === 'anonymous' || payload.sub.startsWith('service:')
          ? anonymousViewer(requestId)
          : viewerFor(payload.sub, role, {
              apiKeyId: typeof payload.apiKeyId === 'string' ? payload.apiKeyId : null,
              requestId,
            });
    cache?.set(token, audience, secret, payload.exp, viewer);
    return viewer;
  } catch (e) {
    if (e instanceof joseErrors.JOSEError) throw new InvalidViewerToken(e.code);
    throw e;
  }
}
