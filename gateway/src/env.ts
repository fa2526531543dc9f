import { z } from 'zod';
import { commonEnv, envBool, loadEnv, optionalVar, secretVariable } from '@nexus/platform';
import { subgraphUrlEnv } from '../../subgraphs/registry.ts';

export const envShape = {
  ...commonEnv,
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  GATEWAY_HOST: z.string().default('0.0.0.0'),
  /** Verifies user access tokens (the identity subgraph signs them with the same secret). */
  JWT_SECRET: secretVariable(),
  /** `<NAME>_URL` per registered subgraph (subgraphs/registry.ts), defaulting to its port on loopback. */
  ...subgraphUrlEnv,
  /** Longer than the travel subgraph's own TT-API budget (10 s timeout, one retry). */
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(25_000),
  /**
   * Identical reads in flight at once from one principal to one subgraph are sent once and share
   * the answer (never writes, never across principals); false sends every one.
   */
  GATEWAY_MERGE_REQUESTS: envBool.default(true),
  /**
   * Answers are shaped by result-shaping.ts (each selection read once per answer) instead of
   * `@apollo/gateway`'s own `computeResponse`; false keeps Apollo's, for comparison.
   */
  GATEWAY_FAST_SHAPING: envBool.default(true),
  /** Sign-in attempts (aliased `login` fields) per client address per minute. */
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(10),
  /** Set when a reverse proxy sits in front, so client addresses come from X-Forwarded-For. */
  TRUST_PROXY: envBool.default(false),
  /** Built staff app to serve at `/`; empty disables it. */
  WEB_DIST: z.string().default('web/dist'),
  /** Shared with TT-API for its contact and deal sync (`POST /api/internal/*`); unset, those answer 503. */
  TT_INTERNAL_SERVICE_SECRET: optionalVar(z.string().min(16)),
  /** Origins allowed to call the API from a browser besides the gateway's own (comma-separated). */
  CORS_ORIGINS: z.string().default(''),
  /** Largest graphql-ws message, in bytes; a bigger one closes the socket (1009) before it is parsed. */
  WS_MAX_PAYLOAD_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(10 * 1024 * 1024)
    .default(256 * 1024),
  /** Subscriptions one socket may hold open at once. */
  WS_MAX_SUBSCRIPTIONS_PER_SOCKET: z.coerce.number().int().min(1).max(10_000).default(25),
  /** Subscriptions one user (or API key) may hold open at once across all its sockets on this gateway. */
  WS_MAX_SUBSCRIPTIONS_PER_USER: z.coerce.number().int().min(1).max(100_000).default(100),
  /** Distinct live queries (groups of subscribers sharing one re-read per event) this gateway serves at once. */
  WS_MAX_SUBSCRIPTION_GROUPS: z.coerce.number().int().min(1).max(1_000_000).default(5_000),
  /** Subscriptions this gateway holds open at once across all sockets. */
  WS_MAX_SUBSCRIBERS: z.coerce.number().int().min(1).max(1_000_000).default(20_000),
  /** One re-read per event per group of subscribers whose answer must be identical; 0 re-reads per subscriber. */
  GATEWAY_SHARED_HYDRATION: envBool.default(true),
  /** REST edge rate-limit tiers, requests per client address per RATE_LIMIT_WINDOW_SECONDS. */
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** Every REST edge request (GraphQL has its own operation limits and the sign-in tier). */
  RATE_LIMIT_GLOBAL: z.coerce.number().int().min(1).max(1_000_000).default(100),
  /** `/api/*`. */
  RATE_LIMIT_GENERAL: z.coerce.number().int().min(1).max(1_000_000).default(100),
  /** `/webhooks/*` and `/hooks/*`. */
  RATE_LIMIT_WEBHOOKS: z.coerce.number().int().min(1).max(1_000_000).default(30),
  /** Chat endpoints. */
  RATE_LIMIT_CHAT: z.coerce.number().int().min(1).max(1_000_000).default(20),
  /** How long a webhook's or machine caller's answer is kept for replay under its idempotency key. */
  IDEMPOTENCY_TTL_SECONDS: z.coerce.number().int().min(1).max(604_800).default(86_400),
  /** Largest REST request body, in bytes (GraphQL has its own 1 MB cap). */
  REST_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(1024 * 1024),
  /** Largest TT-API sync batch body, in bytes. */
  SYNC_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(5 * 1024 * 1024),
  /**
   * Largest cost of one operation: each field costs 1, and a list field's selection counts once
   * per item it may return (`first`/`last`, else the default page size of 25).
   */
  MAX_OPERATION_COST: z.coerce.number().int().min(100).max(100_000_000).default(50_000),
  /** Query-cost points an API key may spend per hour unless the key sets its own budget (GitHub's style). */
  API_KEY_COST_BUDGET_PER_HOUR: z.coerce.number().int().min(1).max(100_000_000).default(100_000),
  /** Points per hour staff are measured against in `rateLimit` (staff are counted, never refused). */
  STAFF_COST_BUDGET_PER_HOUR: z.coerce.number().int().min(1).max(100_000_000).default(1_000_000),
  /** codegen's persisted-documents files (comma-separated) whose documents are allow-listed for persisted-only keys. */
  PERSISTED_DOCUMENTS: z.string().default('sdk/src/__generated__/persisted-documents.json'),
};

export type GatewayEnv = ReturnType<typeof loadGatewayEnv>;
export const loadGatewayEnv = (source?: Record<string, string | undefined>) => loadEnv(envShape, source);
