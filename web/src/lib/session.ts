import { useSyncExternalStore } from 'react';
import { print } from 'graphql';
import type { TypedDocumentNode } from '@apollo/client';
import { LogoutDocument } from '../features/identity/graphql/__generated__/logout.ts';
import { RefreshSessionDocument } from '../features/identity/graphql/__generated__/refreshSession.ts';
import type { RefreshSessionMutation } from '../__generated__/graphql.ts';

/**
 * The signed-in person and their access token, kept in memory only: a token in localStorage is
 * readable by any script that ever runs on the page. The refresh token never reaches JavaScript;
 * it lives in an HttpOnly cookie the gateway sets, and `refreshSession` trades it for a new
 * access token (on start-up, near expiry, and after an UNAUTHENTICATED answer).
 */
export type SessionPayload = RefreshSessionMutation['refreshSession'];
export type SessionUser = SessionPayload['user'];

/** Why nobody is signed in: the login page words its greeting after it. */
export type SignedOutReason = 'none' | 'signedOut' | 'expired';

export type Session =
  | { status: 'restoring' }
  | { status: 'signedOut'; reason: SignedOutReason }
  | { status: 'signedIn'; user: SessionUser; accessToken: string; expiresAt: number };

/** Renew this long before the access token expires, so no request is sent with a dying token. */
export const RENEW_BEFORE_MS = 60_000;

let session: Session = { status: 'restoring' };
const listeners = new Set<() => void>();

function set(next: Session) {
  session = next;
  for (const listener of listeners) listener();
}

export const getSession = (): Session => session;

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): Session {
  return useSyncExternalStore(subscribeSession, getSession);
}

export function getAccessToken(): string | null {
  return session.status === 'signedIn' ? session.accessToken : null;
}

export function startSession(payload: SessionPayload) {
  set({
    status: 'signedIn',
    user: payload.user,
    accessToken: payload.accessToken,
    expiresAt: Date.parse(payload.accessTokenExpiresAt),
  });
}

export function endSession(reason: SignedOutReason) {
  set({ status: 'signedOut', reason });
}

export function tokenNeedsRenewal(now = Date.now()): boolean {
  return session.status === 'signedIn' && session.expiresAt - now < RENEW_BEFORE_MS;
}

// Other tabs share the refresh cookie: when one signs out, every tab does.
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('nexus-session') : null;
channel?.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (event.data === 'signed-out' && session.status !== 'signedOut') endSession('signedOut');
});

/**
 * Sends one operation straight to the gateway, outside Apollo's link chain: refresh and logout
 * must never carry an Authorization header (an expired one would be refused before the cookie is
 * read) and must never trigger the renewal logic they are part of.
 */
async function postToGateway<TData, TVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  variables?: TVariables,
): Promise<TData> {
  const response = await fetch('/graphql', {
    method: 'POST',
    credentials: 'include',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      'apollo-require-preflight': 'true',
    },
    body: JSON.stringify({ query: print(document), variables }),
  });
  // Anything but a GraphQL answer (a proxy's 502 page, say) counts as the gateway being unreachable.
  const body = (await response.json()) as { data?: TData | null; errors?: unknown };
  if (body.errors || !body.data) throw new GatewayRefusal(response.status);
  return body.data;
}

/** The gateway answered and said no (as opposed to not answering at all). */
class GatewayRefusal extends Error {
  readonly status: number;
  constructor(status: number) {
    super(`The gateway refused the request (HTTP ${status}).`);
    this.status = status;
  }
}

let renewal: Promise<boolean> | null = null;

async function requestRenewal(): Promise<boolean> {
  try {
    const data = await postToGateway(RefreshSessionDocument);
    startSession(data.refreshSession);
    return true;
  } catch (error) {
    // Only the gateway saying no ends a live session. An unreachable gateway is no verdict on
    // it: the person stays signed in and the request that needed renewal fails as a network error.
    if (session.status === 'restoring') endSession('none');
    else if (session.status === 'signedIn' && error instanceof GatewayRefusal) endSession('expired');
    return false;
  }
}

/**
 * Trades the refresh cookie for a new access token; resolves to whether someone is signed in
 * afterwards. Concurrent callers share one request: refresh tokens are single-use, and a second
 * request with the same cookie would look like theft and end the whole session. Web Locks
 * extend that to other tabs of the same browser.
 */
export function renewSession(): Promise<boolean> {
  renewal ??= (async () => {
    try {
      const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
      return locks ? await locks.request('nexus-session-renewal', requestRenewal) : await requestRenewal();
    } finally {
      renewal = null;
    }
  })();
  return renewal;
}

/** On start-up: a reload keeps the person signed in if their refresh cookie is still good. */
export function restoreSession(): Promise<boolean> {
  return renewSession();
}

export async function signOut(): Promise<void> {
  try {
    await postToGateway(LogoutDocument);
  } catch {
    // Signing out locally must work even when the gateway is unreachable.
  }
  endSession('signedOut');
  channel?.postMessage('signed-out');
}
