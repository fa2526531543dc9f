import type { RedisClientType } from 'redis';
import {
  NexusError,
  httpStatusOf,
  unavailableDependency,
  anonymousViewer,
  revokedSessionKey,
  signViewerToken,
  userTokensNotBeforeKey,
  verifyAccessToken,
  readServiceToken,
  InvalidServiceToken,
  clientViewer,
  viewerFor,
  type Viewer,
} from '@nexus/platform';
import type { ApiKeyPolicy } from './context.ts';
import type { GatewayEnv } from './env.ts';

export const authFailure = (message = 'Your session is not valid. Sign in again.') =>
  new NexusError('UNAUTHENTICATED', message, { http: { status: 401 } });

const API_KEY_PATTERN = /^nxk_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/;

export interface Authenticated {
  viewer: Viewer;
  /** Unix seconds at which the credential stops being valid (access tokens, API keys with an expiry). */
  expiresAt: number | null;
  /** Access tokens: the session family and issue time, which revocations name (open sockets use them). */
  sessionId?: string;
  issuedAtMs?: number;
  /** API keys: their cost budget and persisted-documents-only flag. */
  apiKey?: ApiKeyPolicy;
}

/**
 * Who a request (or a websocket's connection_init) comes from. No credential means anonymous; a
 * credential that does not check out is refused outright, never downgraded to anonymous.
 */
export class Authenticator {
  private readonly apiKeyCache = new Map<
    string,
    { viewer: Viewer | null; expiresAt: number | null; until: number; policy?: ApiKeyPolicy }
  >();
  /** Verified access-token claims; revocation is still checked in Redis on every request. */
  private readonly claimsCache = new Map<string, Awaited<ReturnType<typeof verifyAccessToken>>>();
  private readonly env: GatewayEnv;
  private readonly redis: RedisClientType;
  constructor(env: GatewayEnv, redis: RedisClientType) {
    this.env = env;
    this.redis = redis;
  }

  async authenticate(
    authorization: string | undefined,
    apiKeyHeader: string | undefined,
    serviceToken?: string,
  ): Promise<Authenticated> {
    if (serviceToken !== undefined) {
      if (authorization || apiKeyHeader) throw authFailure('Send one credential, not several.');
      let read: Awaited<ReturnType<typeof readServiceToken>>;
      try {
        read = await readServiceToken(serviceToken, this.env.INTERNAL_TOKEN_SECRET);
      } catch (e) {
        if (e instanceof InvalidServiceToken) throw authFailure('This service token is not valid.');
        throw e;
      }
      if (!read.onBehalfOf) return { viewer: read.viewer, expiresAt: null };
      return { viewer: await this.staffViewer(read.onBehalfOf), expiresAt: null };
    }
    const bearer = authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
    if (authorization && !bearer) throw authFailure('The Authorization header must be `Bearer <token>`.');
    const credential = apiKeyHeader ?? bearer;
    if (!credential) return { viewer: anonymousViewer(), expiresAt: null };
    if (API_KEY_PATTERN.test(credential)) return this.apiKeyViewer(credential);
    if (apiKeyHeader) throw authFailure('This API key is not valid.');
    return this.accessTokenViewer(credential);
  }

  private async accessTokenViewer(token: string): Promise<Authenticated> {
    let claims = this.claimsCache.get(token);
    if (claims && claims.expiresAt * 1000 <= Date.now()) {
      this.claimsCache.delete(token);
      claims = undefined;
    }
    if (!claims) {
      try {
        claims = await verifyAccessToken(token, this.env.JWT_SECRET);
      } catch {
        throw authFailure();
      }
      if (this.claimsCache.size > 10_000) this.claimsCache.clear();
      this.claimsCache.set(token, claims);
    }
    // Revocations live in Redis. While it is down the gateway cannot tell a revoked session from a
    // live one, so it refuses (closed, not open) with a retryable error naming Redis: before this,
    // the driver's error escaped context creation as an HTTP 500 (fault R9).
    const [revoked, notBefore] = await this.redis
      .mGet([
        revokedSessionKey(this.env.REDIS_PREFIX, claims.sessionId),
        userTokensNotBeforeKey(this.env.REDIS_PREFIX, claims.userId),
      ])
      .catch((err: unknown) => {
        if (!unavailableDependency(err)) throw err;
        throw new NexusError(
          'UPSTREAM_UNAVAILABLE',
          'Redis is unavailable right now; this is temporary, try again shortly.',
          {
            service: 'redis',
            http: { status: httpStatusOf.UPSTREAM_UNAVAILABLE },
          },
        );
      });
    if (revoked) throw authFailure('This session has ended. Sign in again.');
    if (notBefore && claims.issuedAtMs <= Number(notBefore)) throw authFailure('Your access changed. Sign in again.');
    // A portal traveller: no rank, only the scope identity signed into the token.
    const viewer = claims.client ? clientViewer(claims.client) : viewerFor(claims.userId, claims.role);
    if (viewer.rank < 0 && viewer.kind !== 'client') throw authFailure();
    return { viewer, expiresAt: claims.expiresAt, sessionId: claims.sessionId, issuedAtMs: claims.issuedAtMs };
  }

  /**
   * The staff member a service acts for (a Slack user mapped by email): their current role and
   * state from identity, never from the token, so a deactivated or demoted person's rank applies.
   */
  private async staffViewer(userId: string): Promise<Viewer> {
    const res = await this.askIdentity('/internal/users/verify', { id: userId });
    if (res.status === 404) throw authFailure('The staff member this service acts for is not active.');
    if (!res.ok)
      throw new NexusError('UPSTREAM_UNAVAILABLE', 'Sign-in is unavailable right now.', { service: 'identity' });
    const body = (await res.json()) as { id: string; role: string };
    const viewer = viewerFor(body.id, body.role);
    if (viewer.rank < 0) throw authFailure();
    return viewer;
  }

  /** API keys are checked by identity; answers are cached briefly so integrations do not pay per call. */
  private async apiKeyViewer(key: string): Promise<Authenticated> {
    const now = Date.now();
    const cached = this.apiKeyCache.get(key);
    if (cached && cached.until > now && (cached.expiresAt === null || cached.expiresAt * 1000 > now)) {
      if (!cached.viewer) throw authFailure('This API key is not valid.');
      return { viewer: cached.viewer, expiresAt: cached.expiresAt, ...(cached.policy && { apiKey: cached.policy }) };
    }
    const res = await this.askIdentity('/internal/api-keys/verify', { key });
    let viewer: Viewer | null = null;
    let expiresAt: number | null = null;
    let policy: ApiKeyPolicy | undefined;
    if (res.ok) {
      const body = (await res.json()) as {
        id: string;
        role: string;
        expiresAt?: string | null;
        costBudgetPerHour?: number | null;
        persistedOnly?: boolean;
      };
      viewer = viewerFor(body.id, body.role, { apiKeyId: body.id });
      expiresAt = body.expiresAt ? Math.floor(Date.parse(body.expiresAt) / 1000) : null;
      policy = { costBudgetPerHour: body.costBudgetPerHour ?? null, persistedOnly: body.persistedOnly === true };
    } else if (res.status !== 404) {
      throw new NexusError('UPSTREAM_UNAVAILABLE', 'Sign-in is unavailable right now.', { service: 'identity' });
    }
    if (this.apiKeyCache.size > 10_000) this.apiKeyCache.clear();
    this.apiKeyCache.set(key, { viewer, expiresAt, until: now + 10_000, ...(policy && { policy }) });
    if (!viewer) throw authFailure('This API key is not valid.');
    return { viewer, expiresAt, ...(policy && { apiKey: policy }) };
  }

  /** One of identity's gateway-only endpoints, asked as the gateway. */
  private async askIdentity(path: string, body: Record<string, string>): Promise<Response> {
    const token = await signViewerToken(anonymousViewer(), 'identity', this.env.INTERNAL_TOKEN_SECRET);
    return fetch(new URL(path, this.env.IDENTITY_URL), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-nexus-viewer': token },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5000),
    });
  }

  /** A revoked key must stop working now, not when its cached answer runs out. */
  forgetApiKey(apiKeyId: string): void {
    for (const [key, entry] of this.apiKeyCache) {
      if (entry.viewer?.apiKeyId === apiKeyId) this.apiKeyCache.delete(key);
    }
  }
}
