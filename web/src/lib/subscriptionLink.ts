import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { createClient } from 'graphql-ws';
import { getAccessToken, getSession, renewSession, subscribeSession, tokenNeedsRenewal } from './session.ts';
import { WS_RETRY_ATTEMPTS, wsRetryDelayMs, wsShouldRetry } from './wsRetry.ts';

/** The gateway closes the socket with this code when the token is missing, bad or expired. */
const TOKEN_REFUSED = 4403;

function websocketUrl(): string {
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${window.location.host}/graphql`;
}

const isCloseEvent = (value: unknown): value is { code: number } =>
  typeof value === 'object' && value !== null && 'code' in value && typeof value.code === 'number';

/**
 * Subscriptions over graphql-ws on the gateway's own origin and path. The token rides in
 * connection_init; when the gateway closes with 4403 (the token expired), we renew and reconnect,
 * and graphql-ws resubscribes every active subscription on the new socket.
 */
export function createSubscriptionLink(): GraphQLWsLink {
  let pendingRenewal: Promise<boolean> | null = null;
  let tokenInUse: string | null = null;

  const client = createClient({
    url: websocketUrl(),
    lazy: true,
    retryAttempts: WS_RETRY_ATTEMPTS,
    shouldRetry: wsShouldRetry,
    connectionParams: async () => {
      if (tokenNeedsRenewal()) await renewSession();
      const token = getAccessToken();
      // Throwing here closes the socket for good: nobody is signed in to receive anything.
      if (!token) throw new Error('Sign in to receive live updates.');
      tokenInUse = token;
      return { authorization: `Bearer ${token}` };
    },
    retryWait: async (retries) => {
      if (pendingRenewal) {
        const renewal = pendingRenewal;
        pendingRenewal = null;
        if (await renewal) return;
      }
      await new Promise((resolve) => setTimeout(resolve, wsRetryDelayMs(retries)));
    },
    on: {
      closed: (event) => {
        if (!isCloseEvent(event) || event.code !== TOKEN_REFUSED) return;
        const current = getAccessToken();
        pendingRenewal =
          current && current !== tokenInUse && !tokenNeedsRenewal() ? Promise.resolve(true) : renewSession();
      },
    },
  });

  // A session that ends takes its socket with it; the next sign-in opens a fresh one.
  subscribeSession(() => {
    if (getSession().status !== 'signedIn') client.terminate();
  });

  return new GraphQLWsLink(client);
}
