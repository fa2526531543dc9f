import { z } from 'zod';
import { commonEnv, envBool, loadEnv } from '@nexus/platform';

export const envShape = {
  ...commonEnv,
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  GATEWAY_HOST: z.string().default('0.0.0.0'),
  /** Verifies user access tokens (the identity subgraph signs them with the same secret). */
  JWT_SECRET: z.string().min(32).default('dev-jwt-secret-change-me-0123456789abcdef'),
  IDENTITY_URL: z.url().default('http://127.0.0.1:4001/graphql'),
  CRM_URL: z.url().default('http://127.0.0.1:4002/graphql'),
  TRAVEL_URL: z.url().default('http://127.0.0.1:4006/graphql'),
  /** Longer than the travel subgraph's own TT-API budget (10 s timeout, one retry). */
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(25_000),
  /** Sign-in attempts (aliased `login` fields) per client address per minute. */
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(10),
  /** Set when a reverse proxy sits in front, so client addresses come from X-Forwarded-For. */
  TRUST_PROXY: envBool.default(false),
  /** Built staff app to serve at `/`; empty disables it. */
  WEB_DIST: z.string().default('web/dist'),
  /** Shared with TT-API for its contact and deal sync (`POST /api/internal/*`); unset, those answer 503. */
  TT_INTERNAL_SERVICE_SECRET: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(16).optional()),
  /** Origins allowed to call the API from a browser besides the gateway's own (comma-separated). */
  CORS_ORIGINS: z.string().default(''),
};

export type GatewayEnv = ReturnType<typeof loadGatewayEnv>;
export const loadGatewayEnv = (source?: Record<string, string | undefined>) => loadEnv(envShape, source);
