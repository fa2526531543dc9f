import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { ErrorLink } from '@apollo/client/link/error';
import { createClient } from 'graphql-ws';
import { from as fromPromise, mergeMap, throwError } from 'rxjs';
import { hasErrorCode } from '../../lib/errors.ts';
import { WS_RETRY_ATTEMPTS, wsRetryDelayMs, wsShouldRetry } from '../../lib/wsRetry.ts';
import {
  PORTAL_GRAPHQL,
  getPortalSession,
  getPortalToken,
  portalTokenNeedsRenewal,
  renewPortalSession,
  subscribePortalSession,
} from './session.ts';

declare module '@apollo/client' {
  interface DefaultContext {
    /** The portal access token this attempt carried. */
    portalToken?: string | null;
    portalRenewed?: boolean;
  }
}

const httpLink = new HttpLink({
  uri: PORTAL_GRAPHQL,
  credentials: 'include',
  headers: { 'apollo-require-preflight': 'true' },
});

const authLink = new ApolloLink((operation, forward) =>
  fromPromise(portalTokenNeedsRenewal() ? renewPortalSession() : Promise.resolve(true)).pipe(
    mergeMap(() => {
      const token = getPortalToken();
      operation.setContext(({ headers }) => ({
        headers: token ? { ...headers, authorization: `Bearer ${token}` } : headers,
        portalToken: token,
      }));
      return forward(operation);
    }),
  ),
);

/** A stale token (expired, scope changed): renew once and retry once; a refusal ends the session. */
const renewalLink = new ErrorLink(({ error, operation, forward }) => {
  const { portalToken, portalRenewed } = operation.getContext();
  if (portalRenewed || !portalToken || !hasErrorCode(error, 'UNAUTHENTICATED')) return;
  const alreadyFresh = getPortalToken() !== null && getPortalToken() !== portalToken;
  return fromPromise(alreadyFresh ? Promise.resolve(true) : renewPortalSession()).pipe(
    mergeMap((ok) => {
      if (!ok) return throwError(() => error);
      operation.setContext({ portalRenewed: true });
      return forward(operation);
    }),
  );
});

const TOKEN_REFUSED = 4403;

/** Live updates over graphql-ws at `/graphql`, the token in connection_init (renewed on 4403). */
function subscriptionLink(): GraphQLWsLink {
  let pending: Promise<boolean> | null = null;
  let inUse: string | null = null;
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const client = createClient({
    url: `${protocol}//${window.location.host}/graphql`,
    lazy: true,
    retryAttempts: WS_RETRY_ATTEMPTS,
    shouldRetry: wsShouldRetry,
    connectionParams: async () => {
      if (portalTokenNeedsRenewal()) await renewPortalSession();
      const token = getPortalToken();
      if (!token) throw new Error('Sign in to receive live updates.');
      inUse = token;
      return { authorization: `Bearer ${token}` };
    },
    retryWait: async (retries) => {
      if (pending) {
        const renewal = pending;
        pending = null;
        if (await renewal) return;
      }
      await new Promise((resolve) => setTimeout(resolve, wsRetryDelayMs(retries)));
    },
    on: {
      closed: (event) => {
        const code = (event as { code?: unknown } | null)?.code;
        if (code !== TOKEN_REFUSED) return;
        const current = getPortalToken();
        pending = current && current !== inUse ? Promise.resolve(true) : renewPortalSession();
      },
    },
  });
  subscribePortalSession(() => {
    if (getPortalSession().status !== 'signedIn') client.terminate();
  });
  return new GraphQLWsLink(client);
}

let ws: GraphQLWsLink | null = null;
const lazyWs = new ApolloLink((operation, forward) => {
  const link: ApolloLink = (ws ??= subscriptionLink());
  return link.request(operation, forward);
});

export const portalApolloClient = new ApolloClient({
  link: ApolloLink.from([
    renewalLink,
    authLink,
    ApolloLink.split((op) => op.operationType === 'subscription', lazyWs, httpLink),
  ]),
  cache: new InMemoryCache(),
  clientAwareness: { name: 'nexus-portal', version: '0.1.0' },
});

// What one traveller saw must not be shown to the next one signing in on this phone.
let wasSignedIn = false;
subscribePortalSession(() => {
  const signedIn = getPortalSession().status === 'signedIn';
  if (wasSignedIn && !signedIn) void portalApolloClient.clearStore();
  wasSignedIn = signedIn;
});
