import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { ErrorLink } from '@apollo/client/link/error';
import { from as fromPromise, mergeMap, throwError } from 'rxjs';
import { hasErrorCode } from './errors.ts';
import { getAccessToken, getSession, renewSession, subscribeSession, tokenNeedsRenewal } from './session.ts';

declare module '@apollo/client' {
  interface DefaultContext {
    /** Send without a token and never renew (sign-in itself). */
    anonymous?: boolean;
    /** The access token this attempt carried; null when it carried none. */
    sentToken?: string | null;
    /** Set on the one retry after a renewal, so a second UNAUTHENTICATED is final. */
    renewed?: boolean;
  }
}

const httpLink = new HttpLink({
  uri: '/graphql',
  credentials: 'include',
  // The gateway runs Apollo's CSRF prevention: this header forces a CORS preflight.
  headers: { 'apollo-require-preflight': 'true' },
});

/**
 * Adds the bearer token, renewing it first when it is within a minute of expiring: cheaper than
 * sending a request we know will be refused.
 */
const authLink = new ApolloLink((operation, forward) => {
  if (operation.getContext().anonymous) return forward(operation);
  return fromPromise(tokenNeedsRenewal() ? renewSession() : Promise.resolve(true)).pipe(
    mergeMap(() => {
      const token = getAccessToken();
      operation.setContext(({ headers }) => ({
        headers: token ? { ...headers, authorization: `Bearer ${token}` } : headers,
        sentToken: token,
      }));
      return forward(operation);
    }),
  );
});

/**
 * An UNAUTHENTICATED answer to a request that carried a token means the token went stale
 * (expired, revoked, role changed): renew once and retry once. If renewal is refused the session
 * ends, and ProtectedRoute sends the person to /login?next=<where they were>.
 */
const renewalLink = new ErrorLink(({ error, operation, forward }) => {
  const { sentToken, renewed, anonymous } = operation.getContext();
  if (anonymous || renewed || !sentToken || !hasErrorCode(error, 'UNAUTHENTICATED')) return;
  // Another request may already have renewed while this one was in flight.
  const alreadyFresh = getAccessToken() !== null && getAccessToken() !== sentToken;
  return fromPromise(alreadyFresh ? Promise.resolve(true) : renewSession()).pipe(
    mergeMap((ok) => {
      if (!ok) return throwError(() => error);
      operation.setContext({ renewed: true });
      return forward(operation);
    }),
  );
});

/** graphql-ws is loaded with the first subscription, keeping it out of the initial bundle. */
let subscriptionLink: Promise<ApolloLink> | null = null;
const lazySubscriptionLink = new ApolloLink((operation) =>
  fromPromise((subscriptionLink ??= import('./subscriptionLink.ts').then((m) => m.createSubscriptionLink()))).pipe(
    mergeMap((link) =>
      link.request(operation, () => throwError(() => new Error('The subscription link is terminating.'))),
    ),
  ),
);

export const apolloClient = new ApolloClient({
  link: ApolloLink.from([
    renewalLink,
    authLink,
    ApolloLink.split((operation) => operation.operationType === 'subscription', lazySubscriptionLink, httpLink),
  ]),
  cache: new InMemoryCache(),
  clientAwareness: { name: 'nexus-web', version: '0.1.0' },
});

// Whatever one person saw must not be shown to the next one signing in on this tab.
let wasSignedIn = false;
subscribeSession(() => {
  const signedIn = getSession().status === 'signedIn';
  if (wasSignedIn && !signedIn) void apolloClient.clearStore();
  wasSignedIn = signedIn;
});
