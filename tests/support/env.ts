import { z } from 'zod';

/** Test runs talk to a real PostgreSQL and Redis; these say where (loopback by default). */
export const testEnv = z
  .object({
    DATABASE_URL: z.url().default('postgres://postgres@127.0.0.1:5432/postgres'),
    REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
    // Generated once per run by global-setup.ts (and inherited by every test process): no secret
    // the code or the docs ever published can sign anything a test system accepts.
    JWT_SECRET: z.string().min(32),
    INTERNAL_TOKEN_SECRET: z.string().min(32),
  })
  .parse(process.env);

/** Everything a subgraph env needs, with this file's own databases and Redis prefix. */
export const baseVars = (): Record<string, string | undefined> => ({ ...process.env });

