import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { forbidden, unauthenticated } from './errors.ts';
import { NO_RANK, isRole, rankOf, type Role } from './ranks.ts';

/**
 * What kind of principal asks: a staff member, an integrator's API key, a named service (a job or
 * REST shim acting on the graph), a traveller signed in to the client portal, or nobody.
 */
export type ViewerKind = 'user' | 'apiKey' | 'service' | 'client' | 'anonymous';

/** A traveller's portal access levels, lowest first; each includes the one before. */
export type PortalAccess = 'VIEW_OWN' | 'PAY_FOR_PARTY' | 'MANAGE_FAMILY';
export const PORTAL_ACCESS_LEVELS: readonly PortalAccess[] = ['VIEW_OWN', 'PAY_FOR_PARTY', 'MANAGE_FAMILY'];
export const isPortalAccess = (value: unknown): value is PortalAccess =>
  typeof value === 'string' && (PORTAL_ACCESS_LEVELS as readonly string[]).includes(value);

/** Whose records a client-readable field holds (`@client(owner: ...)` in the schema). */
export type ClientOwner = 'SELF' | 'TRAVELER' | 'PARTY' | 'PAYER' | 'FAMILY';
export const CLIENT_OWNERS: readonly ClientOwner[] = ['SELF', 'TRAVELER', 'PARTY', 'PAYER', 'FAMILY'];
export const isClientOwner = (value: unknown): value is ClientOwner =>
  typeof value === 'string' && (CLIENT_OWNERS as readonly string[]).includes(value);

/** What a signed-in traveller may reach: their own TT-API traveler, within their TT-API client. */
export interface ClientScope {
  /** identity's portal account id (also the viewer's id). */
  accountId: string;
  /** The TT-API client (the paying customer or family) this traveller belongs to. */
  ttClientId: string;
  /** The TT-API traveler this account is. */
  ttTravelerId: string;
  access: PortalAccess;
}

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
  /** A portal traveller's scope; null for every other kind. */
  client: ClientScope | null;
}

export const anonymousViewer = (requestId: string | null = null): Viewer => ({
  kind: 'anonymous',
  id: null,
  role: null,
  rank: NO_RANK,
  apiKeyId: null,
  requestId,
  service: null,
  client: null,
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
  client: null,
});

/**
 * A traveller signed in to the client portal: no role and no rank, so no `@rank` field is ever
 * open to them; `@client` fields are, within `scope`.
 */
export const clientViewer = (scope: ClientScope, requestId: string | null = null): Viewer => ({
  kind: 'client',
  id: scope.accountId,
  role: null,
  rank: NO_RANK,
  apiKeyId: null,
  requestId,
  service: null,
  client: { ...scope },
});

/** The scope of a portal traveller; anybody else is refused (UNAUTHENTICATED when not signed in). */
export function requireClient(viewer: Viewer): ClientScope {
  if (viewer.kind === 'client' && viewer.client) return viewer.client;
  if (viewer.kind === 'anonymous') throw unauthenticated();
  throw forbidden('This is for travellers signed in to the client portal.');
}

const accessRank = (access: PortalAccess) => PORTAL_ACCESS_LEVELS.indexOf(access);

/**
 * Whether a traveller's access level opens records of this owner kind. SELF, TRAVELER and PARTY are
 * open to every traveller (the resolver still keeps them to their own records); PAYER needs
 * PAY_FOR_PARTY or more; FAMILY needs MANAGE_FAMILY.
 */
export function clientMay(scope: ClientScope | null | undefined, owner: ClientOwner): boolean {
  if (!scope || !isPortalAccess(scope.access)) return false;
  switch (owner) {
    case 'SELF':
    case 'TRAVELER':
    case 'PARTY':
      return true;
    case 'PAYER':
      return accessRank(scope.access) >= accessRank('PAY_FOR_PARTY');
    case 'FAMILY':
      return accessRank(scope.access) >= accessRank('MANAGE_FAMILY');
    default:
      return false;
  }
}

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
  client: null,
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
    ...(viewer.kind === 'client' && viewer.client ? { kind: 'client', client: viewer.client } : {}),
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

/** A client scope read back from a token's claims; null unless every part is there and well formed. */
export function clientScopeOf(value: unknown): ClientScope | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const str = (x: unknown) => typeof x === 'string' && x.length > 0 && x.length <= 200;
  if (!str(v.accountId) || !str(v.ttClientId) || !str(v.ttTravelerId) || !isPortalAccess(v.access)) return null;
  return {
    accountId: v.accountId as string,
    ttClientId: v.ttClientId as string,
    ttTravelerId: v.ttTravelerId as string,
    access: v.access,
  };
}

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
    const scope = payload.kind === 'client' ? clientScopeOf(payload.client) : null;
    if (payload.kind === 'client' && (!scope || scope.accountId !== payload.sub))
      throw new InvalidViewerToken('ERR_JWT_CLAIM_VALIDATION_FAILED');
    const viewer = scope
      ? clientViewer(scope, requestId)
      : payload.kind === 'service' && typeof payload.service === 'string' && payload.service
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
