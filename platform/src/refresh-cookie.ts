/**
 * The browser's refresh token: one definition of the cookie and of the headers through which
 * identity asks the gateway to set or clear it, and the gateway forwards it to identity.
 */

/** HttpOnly, Secure, SameSite=Strict cookie the gateway keeps the refresh token in. */
export const REFRESH_COOKIE = 'nexus_refresh';
/** The only path the cookie is sent to: GraphQL, where `refreshSession` and `logout` live. */
export const REFRESH_COOKIE_PATH = '/graphql';
/** identity -> gateway: `<token>;<ISO expiry>` to set as the cookie. */
export const SET_REFRESH_HEADER = 'x-nexus-set-refresh';
/** identity -> gateway: clear the cookie. */
export const CLEAR_REFRESH_HEADER = 'x-nexus-clear-refresh';
/** gateway -> identity: the cookie's token, for refresh and logout. */
export const FORWARDED_REFRESH_HEADER = 'x-nexus-refresh-token';
