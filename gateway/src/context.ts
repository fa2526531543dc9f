import type { Logger, Viewer } from '@nexus/platform';

/** A change to the browser's refresh cookie that identity asked for during this request. */
export type CookieChange = { kind: 'set'; token: string; expiresAt: Date } | { kind: 'clear' };

/** An API key's limits, as identity reported them with the key. */
export interface ApiKeyPolicy {
  /** Points per hour; null takes `API_KEY_COST_BUDGET_PER_HOUR`. */
  costBudgetPerHour: number | null;
  /** Only the allow-listed persisted documents may run. */
  persistedOnly: boolean;
}

/** The caller's query-cost budget after this request (key-limits.ts); identity answers `rateLimit` from it. */
export interface RateLimitState {
  limit: number;
  cost: number;
  remaining: number;
  resetAt: Date;
  used: number;
}

export interface GatewayContext {
  viewer: Viewer;
  requestId: string;
  ip: string;
  /** The caller's User-Agent: forwarded with a traveller's writes, for the audit of what they accept. */
  userAgent?: string;
  log: Logger;
  /** The refresh token from the browser's cookie, forwarded to identity for refresh and logout. */
  refreshCookie: string | null;
  /** The request came to the portal's endpoint (`/portal/graphql`): its cookie is the portal's. */
  portal?: boolean;
  cookieChanges: CookieChange[];
  /** Set for API-key callers. */
  apiKey?: ApiKeyPolicy;
  rateLimit?: RateLimitState;
  /** A persisted-documents-only key sent a document outside the allow-list. */
  persistedRefused?: boolean;
}
