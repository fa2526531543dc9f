import { useSyncExternalStore } from 'react';
import { print } from 'graphql';
import type { TypedDocumentNode } from '@apollo/client';
import { PortalRefreshSessionDocument, PortalSignOutDocument } from '../account/__generated__/session.ts';

/**
 * The traveller's access token, in memory only; the refresh token lives in an HttpOnly cookie the
 * gateway keeps for `/portal/graphql`, and `portalRefreshSession` trades it for a new access token
 * (on start-up, near expiry, and after an UNAUTHENTICATED answer).
 *
 * `offline`: the gateway could not be reached when the portal opened (no network). Pages that keep
 * copies for offline use (a trip's itinerary) show them; nothing is fetched until the network is
 * back, when the session is restored again.
 */
export type PortalSession =
  | { status: 'restoring' }
  | { status: 'signedOut'; reason: 'none' | 'signedOut' | 'expired' }
  | { status: 'offline' }
  | { status: 'signedIn'; accessToken: string; expiresAt: number };

export interface SessionPayload {
  accessToken: string;
  accessTokenExpiresAt: string;
}

/** The portal's GraphQL endpoint: the same graph as `/graphql`, with the portal's own cookie. */
export const PORTAL_GRAPHQL = '/portal/graphql';
export const RENEW_BEFORE_MS = 60_000;

let session: PortalSession = { status: 'restoring' };
const listeners = new Set<() => void>();
function set(next: PortalSession) {
  session = next;
  for (const l of listeners) l();
}

export const getPortalSession = (): PortalSession => session;
export function subscribePortalSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
export const usePortalSession = (): PortalSession => useSyncExternalStore(subscribePortalSession, getPortalSession);

export const getPortalToken = (): string | null => (session.status === 'signedIn' ? session.accessToken : null);

export function startPortalSession(payload: SessionPayload) {
  set({ status: 'signedIn', accessToken: payload.accessToken, expiresAt: Date.parse(payload.accessTokenExpiresAt) });
}

export function endPortalSession(reason: 'none' | 'signedOut' | 'expired') {
  set({ status: 'signedOut', reason });
}

export const portalTokenNeedsRenewal = (now = Date.now()) =>
  session.status === 'signedIn' && session.expiresAt - now < RENEW_BEFORE_MS;

const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('nexus-portal-session') : null;
channel?.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (event.data === 'signed-out' && session.status !== 'signedOut') endPortalSession('signedOut');
});

/** The gateway answered and said no (as opposed to not answering at all). */
export class GatewayRefusal extends Error {
  readonly status: number;
  readonly errors: unknown;
  constructor(status: number, errors: unknown) {
    super(`The gateway refused the request (HTTP ${status}).`);
    this.status = status;
    this.errors = errors;
  }
}

/** One operation straight to the portal endpoint, without a token (sign-in, refresh, sign-out). */
export async function postToPortal<TData, TVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  variables?: TVariables,
): Promise<TData> {
  const response = await fetch(PORTAL_GRAPHQL, {
    method: 'POST',
    credentials: 'include',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      'apollo-require-preflight': 'true',
    },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as { data?: TData | null; errors?: unknown };
  if (body.errors || !body.data) throw new GatewayRefusal(response.status, body.errors);
  return body.data;
}

let renewal: Promise<boolean> | null = null;

async function requestRenewal(): Promise<boolean> {
  try {
    const data = await postToPortal(PortalRefreshSessionDocument);
    startPortalSession(data.portalRefreshSession);
    return true;
  } catch (error) {
    const refused = error instanceof GatewayRefusal;
    if (session.status === 'restoring' || session.status === 'offline')
      set(refused ? { status: 'signedOut', reason: 'none' } : { status: 'offline' });
    else if (session.status === 'signedIn' && refused) endPortalSession('expired');
    return false;
  }
}

/** Trades the cookie for a new access token; concurrent callers (and tabs) share one request. */
export function renewPortalSession(): Promise<boolean> {
  renewal ??= (async () => {
    try {
      const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
      return locks ? await locks.request('nexus-portal-renewal', requestRenewal) : await requestRenewal();
    } finally {
      renewal = null;
    }
  })();
  return renewal;
}

export const restorePortalSession = () => renewPortalSession();

// Back online after opening offline: try the cookie again.
if (typeof window !== 'undefined') {
  window.addEventListener('online', () => {
    if (session.status === 'offline') void renewPortalSession();
  });
}

export async function signOutOfPortal(): Promise<void> {
  try {
    await postToPortal(PortalSignOutDocument);
  } catch {
    // Signing out here must work even when the gateway is unreachable.
  }
  endPortalSession('signedOut');
  channel?.postMessage('signed-out');
}
