import { z } from 'zod';
import { commonEnv, loadEnv } from '@nexus/platform';

/** Variables the repository scripts (start, migrate, compose) read. */
export const scriptEnv = loadEnv({
  ...commonEnv,
  DATABASE_URL: z.url().optional(),
  REDIS_URL: z.url().optional(),
  /** Scripts sign nothing; `npm start` generates the secret and hands it to the processes that do. */
  INTERNAL_TOKEN_SECRET: z.string().optional(),
  TT_API_URL: z.url().optional(),
  GATEWAY_PORT: z.coerce.number().int().min(1).max(65535).default(4000),
  DEMO_PASSWORD: z.string().optional(),
  /** Where `npm start` keeps local state (the embedded PostgreSQL's data in `<dir>/postgres`), relative to the repository. */
  NEXUS_DATA_DIR: z.string().min(1).default('.data'),
  /** Unset: `npm start` runs the development mail catcher and hands its address to every process. */
  SMTP_URL: z.string().optional(),
  /** The development inbox page's port (`npm start`, when SMTP_URL is unset). */
  MAIL_CATCHER_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(4090),
  /** The TT-API simulator's port (`npm start`, when TT_API_URL is unset). */
  TT_SIM_PORT: z.coerce.number().int().min(1).max(65535).default(3100),
  /** Built staff app the gateway serves; empty skips building and serving it. */
  WEB_DIST: z.string().default('web/dist'),
});
