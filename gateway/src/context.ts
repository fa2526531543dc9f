import type { Logger, Viewer } from '@nexus/platform';

/** A change to the browser's refresh cookie that identity asked for during this request. */
export type CookieChange = { kind: 'set'; token: string; expiresAt: Date } | { kind: 'clear' };

export interface GatewayContext {
  viewer: Viewer;
  requestId: string;
  ip: string;
  log: Logger;
  /** The refresh token from the browser's cookie, forwarded to identity for refresh and logout. */
  refreshCookie: string | null;
  cookieChanges: CookieChange[];
}
