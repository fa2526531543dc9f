import { z } from 'zod';
import { commonEnv, loadEnv, secretVariable } from '@nexus/platform';

export const envShape = {
  ...commonEnv,
  IDENTITY_PORT: z.coerce.number().int().min(0).max(65535).default(4001),
  /** Signs user access tokens; the gateway verifies them with the same secret. */
  JWT_SECRET: secretVariable(),
  /** At most 15 minutes. */
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(900).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(30),
  /** How long the link in a portal invitation stays valid (a sign-in link or code asked for later: 15 minutes). */
  PORTAL_INVITATION_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(168),
  /** Portal sign-in requests (link and code emails) per address, and per network address, per 15 minutes. */
  PORTAL_SIGN_IN_REQUESTS_PER_ADDRESS: z.coerce.number().int().min(1).max(10_000).default(5),
  PORTAL_SIGN_IN_REQUESTS_PER_IP: z.coerce.number().int().min(1).max(10_000).default(30),
  /** Code and password tries per address, and per network address, per 15 minutes. */
  PORTAL_SIGN_IN_ATTEMPTS_PER_ADDRESS: z.coerce.number().int().min(1).max(10_000).default(10),
  PORTAL_SIGN_IN_ATTEMPTS_PER_IP: z.coerce.number().int().min(1).max(10_000).default(50),
  /** Name the portal's emails are signed with. */
  PORTAL_AGENCY_NAME: z.string().min(1).max(120).default('Travel Tamers'),
  DEMO_PASSWORD: z.string().min(12).default('nexus-demo-password'),
  /** Creates this admin at start-up when no admin exists yet (how a production deployment gets its first user). */
  BOOTSTRAP_ADMIN_EMAIL: z.email().optional(),
  BOOTSTRAP_ADMIN_PASSWORD: z.string().min(12).optional(),
};

export type IdentityEnv = ReturnType<typeof loadIdentityEnv>;
export const loadIdentityEnv = (source?: Record<string, string | undefined>) => loadEnv(envShape, source);
