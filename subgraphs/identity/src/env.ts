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
  DEMO_PASSWORD: z.string().min(12).default('nexus-demo-password'),
  /** Creates this admin at start-up when no admin exists yet (how a production deployment gets its first user). */
  BOOTSTRAP_ADMIN_EMAIL: z.email().optional(),
  BOOTSTRAP_ADMIN_PASSWORD: z.string().min(12).optional(),
};

export type IdentityEnv = ReturnType<typeof loadIdentityEnv>;
export const loadIdentityEnv = (source?: Record<string, string | undefined>) => loadEnv(envShape, source);
