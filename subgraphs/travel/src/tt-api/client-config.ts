/**
 * Configuration of the TT-API client. The subgraph's env module fills it from TT_API_URL,
 * TT_API_KEY, TT_PROXY_TIMEOUT_MS, TT_PROXY_RETRY_COUNT, TT_PROXY_RETRY_BASE_MS,
 * TT_CB_FAILURE_THRESHOLD, TT_CB_RESET_TIMEOUT_MS and TT_CB_SUCCESS_THRESHOLD; the defaults are
 * the Nexus proxy's (I-01 / DR-06 / DR-07).
 */
import { z } from 'zod';

export const TT_API_DEFAULTS = {
  timeoutMs: 10_000,
  retryCount: 1,
  retryBaseMs: 500,
  breaker: {
    failureThreshold: 5,
    windowMs: 30_000,
    resetTimeoutMs: 30_000,
    successThreshold: 2,
  },
} as const;

export const ttApiClientConfigSchema = z.object({
  /** e.g. `http://tt-api:3100` (no trailing path). */
  baseUrl: z.url(),
  apiKey: z.string().min(1),
  /** Per attempt, covering connection, headers and body. */
  timeoutMs: z.int().positive().default(TT_API_DEFAULTS.timeoutMs),
  /** Retries after the first attempt, for idempotent methods only (GET, PUT, DELETE). */
  retryCount: z.int().min(0).max(10).default(TT_API_DEFAULTS.retryCount),
  /** Delay before retry n is retryBaseMs * 2^(n-1). */
  retryBaseMs: z.int().nonnegative().default(TT_API_DEFAULTS.retryBaseMs),
  breaker: z
    .object({
      failureThreshold: z.int().positive().default(TT_API_DEFAULTS.breaker.failureThreshold),
      windowMs: z.int().positive().default(TT_API_DEFAULTS.breaker.windowMs),
      resetTimeoutMs: z.int().positive().default(TT_API_DEFAULTS.breaker.resetTimeoutMs),
      successThreshold: z.int().positive().default(TT_API_DEFAULTS.breaker.successThreshold),
    })
    .prefault({}),
});

/** What callers pass: only baseUrl and apiKey are required. */
export type TtApiClientConfigInput = z.input<typeof ttApiClientConfigSchema>;
/** The resolved configuration, every value filled. */
export type TtApiClientConfig = z.output<typeof ttApiClientConfigSchema>;

/**
 * Minimal structured logger; a pino `Logger` satisfies it. Kept structural so the client does
 * not depend on one logger package.
 */
export interface TtApiLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}
