import { z } from 'zod';
import { urlListVariable } from './replicas.ts';
import { secretProblem, secretVariable } from './secrets.ts';

/**
 * The one place in Nexus that reads `process.env`. Each workspace declares the variables it needs as
 * a zod object and calls `loadEnv` once at start-up; every problem is reported together, then the
 * process exits, so a misconfigured deployment is fixed in one pass.
 */
export function loadEnv<T extends z.ZodRawShape>(
  shape: T,
  source: Record<string, string | undefined> = process.env,
): z.infer<z.ZodObject<T>> {
  const parsed = z.object(shape).safeParse(source);
  const problems = parsed.success ? placeholderSecrets(parsed.data) : [];
  if (parsed.success && problems.length === 0) return parsed.data;
  const lines = parsed.success
    ? problems
    : parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(env)'}: ${i.message}`);
  process.stderr.write(`Invalid environment:\n${lines.join('\n')}\n`);
  process.exit(1);
}

/**
 * Whatever a variable's own schema says, no `*_SECRET` may hold a known placeholder or a short value,
 * in any NODE_ENV: a token signed with a published default would otherwise be accepted as anyone.
 */
function placeholderSecrets(env: Record<string, unknown>): string[] {
  return Object.entries(env).flatMap(([key, value]) => {
    if (!/SECRET$/.test(key) || typeof value !== 'string') return [];
    const problem = secretProblem(value);
    return problem ? [`  - ${key}: ${problem}`] : [];
  });
}

/** A snapshot of the environment, for code that hands variables on to child processes. */
export const processEnv = (): Record<string, string | undefined> => ({ ...process.env });

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Variables shared by every Nexus process. */
export const commonEnv = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** A server-level PostgreSQL URL; each subgraph appends its own database name. */
  DATABASE_URL: z.url().default('postgres://postgres@127.0.0.1:5432/postgres'),
  /** Prefix of every subgraph database name (`nexus_` gives `nexus_crm`). */
  DATABASE_PREFIX: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/)
    .default('nexus_'),
  /** Most connections each process keeps to each of its databases (one pool per subgraph it opens). */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
  /** Prefix of every Redis key and channel, so several deployments can share one Redis. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_:.-]+$/)
    .default('nexus'),
  /**
   * Secret the gateway signs per-request viewer tokens with; every subgraph verifies them. No
   * default: `npm start` generates one for development (.data/secrets.env).
   */
  INTERNAL_TOKEN_SECRET: secretVariable(),
  /**
   * Address the process listens on. Loopback by default, so nothing but the gateway on this machine
   * reaches a subgraph; a container deployment sets 0.0.0.0.
   */
  BIND_HOST: z.string().min(1).default('127.0.0.1'),
  SEED_DEMO_DATA: bool.default(true),
  /**
   * Subgraphs run a repeated query the viewer may read in full as a function compiled for its
   * document (graphql-jit) instead of field by field through graphql-js. Off: graphql-js always.
   */
  SUBGRAPH_COMPILED_QUERIES: bool.default(true),
  /**
   * The gateway's GraphQL endpoint, for jobs and shims that act on the graph as a service principal;
   * with several gateways, one URL per replica separated by commas (calls go to them in turn, and a
   * gateway that refuses the connection is skipped).
   */
  GATEWAY_URL: urlListVariable('http://127.0.0.1:4000/graphql'),
  /**
   * Where people reach Nexus from outside (the gateway's public origin): links in emails and on public
   * pages (unsubscribe, tracking, quotes, surveys, meetings) are built on it.
   */
  PUBLIC_URL: z
    .url()
    .default('http://localhost:4000')
    .transform((u) => u.replace(/\/+$/, '')),
};

export const envBool = bool;

/**
 * An optional variable where blank means unset (`SMTP_URL=` in a .env file, an empty compose
 * value), so an empty line never fails validation or passes as a value.
 */
export const optionalVar = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
