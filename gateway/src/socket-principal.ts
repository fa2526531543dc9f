import type { RedisClientType } from 'redis';
import {
  NexusError,
  parseRevocation,
  revocationChannel,
  type Logger,
  type Revocation,
  type Viewer,
} from '@nexus/platform';
import type { Authenticator } from './auth.ts';

/** graphql-ws close code for a credential that is missing, bad, expired or no longer valid. */
export const CLOSE_FORBIDDEN = 4403;

/** Who holds one open socket, with the credential it signed in with so it can be checked again. */
export interface SocketPrincipal {
  viewer: Viewer;
  ip: string;
  authorization: string | undefined;
  apiKey: string | undefined;
  sessionId: string | undefined;
  issuedAtMs: number | undefined;
  /** Set the moment the socket is told to close, so nothing more is delivered on it. */
  closed: boolean;
  close(code: number, reason: string): void;
  expiryTimer?: NodeJS.Timeout;
}

/**
 * Every open socket, checked against what a revocation names. Identity publishes each revocation on
 * a Redis channel (`revocationChannel`) after setting the markers HTTP checks, so sockets holding the credential
 * close at once; each operation and each delivered event also re-runs the HTTP check itself, which
 * covers a lost message and anything a message does not name.
 */
export class SocketPrincipals {
  private readonly all = new Set<SocketPrincipal>();
  private readonly authenticator: Authenticator;
  private readonly log: Logger;
  private subscriber: RedisClientType | undefined;

  constructor(authenticator: Authenticator, log: Logger) {
    this.authenticator = authenticator;
    this.log = log;
  }

  /** Subscribing needs a connection of its own (a subscribed Redis client can do nothing else). */
  async listen(redis: RedisClientType, prefix: string): Promise<void> {
    const subscriber = redis.duplicate();
    subscriber.on('error', (err: unknown) => this.log.warn({ err }, 'redis revocation listener error'));
    await subscriber.connect();
    this.subscriber = subscriber;
    await subscriber.subscribe(revocationChannel(prefix), (message) => {
      const revocation = parseRevocation(message);
      if (revocation) this.revoke(revocation);
      else this.log.warn('malformed revocation ignored');
    });
  }

  async stop(): Promise<void> {
    await this.subscriber?.quit().catch(() => undefined);
    this.subscriber = undefined;
    for (const p of this.all) this.remove(p);
  }

  add(principal: SocketPrincipal, expiresAt: number | null): void {
    if (expiresAt) {
      const ms = expiresAt * 1000 - Date.now();
      principal.expiryTimer = setTimeout(() => this.end(principal, 'Credential expired'), Math.max(ms, 0));
    }
    this.all.add(principal);
  }

  remove(principal: SocketPrincipal): void {
    if (principal.expiryTimer) clearTimeout(principal.expiryTimer);
    this.all.delete(principal);
  }

  /**
   * The same check an HTTP request gets (signature, expiry, revoked session, tokens-issued-before
   * cut-off, API key revoked or expired), and the principal must still be who it was with the same
   * rank. A failure closes the socket with 4403.
   */
  async stillValid(principal: SocketPrincipal): Promise<boolean> {
    if (principal.closed) return false;
    try {
      const { viewer } = await this.authenticator.authenticate(principal.authorization, principal.apiKey);
      if (viewer.id === principal.viewer.id && viewer.rank === principal.viewer.rank && viewer.rank >= 0)
        return !principal.closed;
    } catch (err) {
      if (!(err instanceof NexusError)) this.log.warn({ err }, 'socket credential re-check failed');
    }
    this.end(principal, 'Credential no longer valid');
    return false;
  }

  private revoke(r: Revocation): void {
    if (r.kind === 'apiKey') this.authenticator.forgetApiKey(r.id);
    for (const p of this.all) {
      const hit =
        r.kind === 'session'
          ? p.sessionId === r.id
          : r.kind === 'apiKey'
            ? p.viewer.apiKeyId === r.id
            : p.viewer.id === r.id && p.issuedAtMs !== undefined && p.issuedAtMs <= r.notBeforeMs;
      if (hit) this.end(p, 'Credential revoked');
    }
  }

  private end(principal: SocketPrincipal, reason: string): void {
    if (principal.closed) return;
    principal.closed = true;
    this.remove(principal);
    principal.close(CLOSE_FORBIDDEN, reason);
  }
}
