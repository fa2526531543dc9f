/**
 * The browser's refresh token: one definition of the cookie and of the headers through which
 * identity asks the gateway to set or clear it, and the gateway forwards it to identity.
 */

/** HttpOnly, Secure, SameSite=Strict cookie the gateway keeps the refresh token in. */
export const REFRESH_COOKIE = 'nexus_refresh';
/** The only path the cookie is sent to: GraphQL, where `refreshSession` and `logout` live. */
export const REFRESH_COOKIE_PATH = '/graphql';
/**
 * The client portal's own endpoint and cookie: the portal posts GraphQL to `/portal/graphql`, and its
 * refresh token lives in a cookie sent only there, apart from a staff session in the same browser.
 */
export const PORTAL_GRAPHQL_PATH = '/portal/graphql';
export const PORTAL_REFRESH_COOKIE = 'nexus_portal_refresh';
export const PORTAL_REFRESH_COOKIE_PATH = PORTAL_GRAPHQL_PATH;
/** gateway -> identity: the caller's network address, for the portal's per-address sign-in limits. */
export const CLIENT_IP_HEADER = 'x-nexus-client-ip';
/** gateway -> subgraphs, with a traveller's writes: their browser's User-Agent (waiver and proposal acceptances record it, with the address). */
export const CLIENT_AGENT_HEADER = 'x-nexus-client-agent';
/** identity -> gateway: `<token>;<ISO expiry>` to set as the cookie. */
export const SET_REFRESH_HEADER = 'x-nexus-set-refresh';
/** identity -> gateway: clear the cookie. */
export const CLEAR_REFRESH_HEADER = 'x-nexus-clear-refresh';
/** gateway -> identity: the cookie's token, for refresh and logout. */
export const FORWARDED_REFRESH_HEADER = 'x-nexus-refresh-token';
