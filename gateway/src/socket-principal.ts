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

/**
 * WebSocket "Try Again Later": a connection_init the gateway could not check because a dependency
 * (Redis for revocations, identity for API keys) is unreachable. Not a refusal of the credential:
 * graphql-ws clients retry it with their backoff, where 4403 would make them sign in again.
 */
export const CLOSE_TRY_AGAIN = 1013;

/** The outcome of re-checking an open socket's credential. */
export type Recheck =
  | { ok: true }
  /** Revoked, expired or changed: the socket has been closed with 4403. */
  | { ok: false; revoked: true }
  /**
   * Could not be checked (a dependency is down): the socket stays open, and what asked for the
   * check answers this retryable error instead (UPSTREAM_UNAVAILABLE naming the dependency).
   */
  | { ok: false; revoked: false; error: NexusError };

/**
 * Whether an authentication failure says something about the credential (refuse it) rather than
 * about the gateway's dependencies (retry later). Only the authenticator's own refusals do.
 */
export const isCredentialRefusal = (err: unknown): boolean =>
  err instanceof NexusError && (err.code === 'UNAUTHENTICATED' || err.code === 'FORBIDDEN');

/** The retryable error for a check that could not run. */
export const uncheckedCredential = (err: unknown): NexusError =>
  err instanceof NexusError && err.code === 'UPSTREAM_UNAVAILABLE'
    ? err
    : new NexusError('UPSTREAM_UNAVAILABLE', 'Your sign-in could not be checked right now; try again shortly.');

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
   * rank. A refused or changed credential closes the socket with 4403. A check that cannot run
   * (Redis or identity unreachable) is not a revocation: the socket stays open and the caller
   * answers a retryable UPSTREAM_UNAVAILABLE for what it was about to do.
   */
  async recheck(principal: SocketPrincipal): Promise<Recheck> {
    if (principal.closed) return { ok: false, revoked: true };
    try {
      const { viewer } = await this.authenticator.authenticate(principal.authorization, principal.apiKey);
      const same =
        viewer.id === principal.viewer.id &&
        viewer.kind === principal.viewer.kind &&
        (viewer.kind === 'client'
          ? viewer.client?.access === principal.viewer.client?.access &&
            viewer.client?.ttTravelerId === principal.viewer.client?.ttTravelerId
          : viewer.rank === principal.viewer.rank && viewer.rank >= 0);
      if (same) return principal.closed ? { ok: false, revoked: true } : { ok: true };
    } catch (err) {
      if (!isCredentialRefusal(err)) {
        this.log.warn({ err }, 'socket credential could not be re-checked; socket kept open');
        return { ok: false, revoked: false, error: uncheckedCredential(err) };
      }
    }
    this.end(principal, 'Credential no longer valid');
    return { ok: false, revoked: true };
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
