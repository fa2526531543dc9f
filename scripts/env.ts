import { z } from 'zod';
import { commonEnv, loadEnv } from '@nexus/platform';

/** Variables the repository scripts (start, migrate, compose) read. */
export const scriptEnv = loadEnv({
  ...commonEnv,
  DATABASE_URL: z.url().optional(),
  REDIS_URL: z.url().optional(),
  TT_API_URL: z.url().optional(),
  GATEWAY_PORT: z.coerce.number().int().min(1).max(65535).default(4000),
  DEMO_PASSWORD: z.string().optional(),
  /** Where `npm start` keeps local state (the embedded PostgreSQL's data in `<dir>/postgres`), relative to the repository. */
  NEXUS_DATA_DIR: z.string().min(1).default('.data'),
});
