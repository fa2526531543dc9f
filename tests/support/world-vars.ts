/**
 * The variables every process of a test world reads (a file's isolated system, and the seeded
 * templates global setup builds, whose seeds must see the same secrets and demo settings).
 */
export const worldVars = (
  env: { DATABASE_URL: string; REDIS_URL: string; JWT_SECRET: string; INTERNAL_TOKEN_SECRET: string },
  databasePrefix: string,
  redisPrefix: string,
): Record<string, string> => ({
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  DATABASE_URL: env.DATABASE_URL,
  DATABASE_PREFIX: databasePrefix,
  REDIS_URL: env.REDIS_URL,
  REDIS_PREFIX: redisPrefix,
  SEED_DEMO_DATA: 'true',
  // Two files' whole systems (each subgraph's server and worker pools) share one PostgreSQL and its
  // 100 connections: small pools keep them well inside it.
  DATABASE_POOL_MAX: '5',
  JWT_SECRET: env.JWT_SECRET,
  INTERNAL_TOKEN_SECRET: env.INTERNAL_TOKEN_SECRET,
});
